#!/usr/bin/env bash
# Brings a kept SQLite year (bench/reports.sh --keep) up to the current model without generating it again: adds the tables,
# columns and indexes the model has and the year lacks (new roll-ups, new indexes; an added NOT NULL column gets a default the
# caller then fills), drops indexes the model no longer has. Then: `gonghui rollups rebuild --name X --data-dir DIR/sqlite`.
# Release build first (dotnet build src/Gonghui -c Release).
set -euo pipefail
kept=$(realpath "${1:?usage: bench/upgrade-kept-year.sh DIR/sqlite/gonghui.db}"); cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command (apt-get install sqlite3)" >&2; exit 1; }
fresh=$(mktemp -d)
dotnet run -c Release --no-build --project src/Gonghui -- migrate --data-dir "$fresh" >/dev/null
f=$fresh/gonghui.db
for t in $(sqlite3 "$f" "select name from sqlite_master where type='table' and name not like 'sqlite_%'"); do
  if [ "$(sqlite3 "$kept" "select count(*) from sqlite_master where type='table' and name='$t'")" = 0 ]; then
    echo "table $t: added"; sqlite3 "$f" ".schema $t" | sqlite3 "$kept"
  else
    a=$(sqlite3 "$f" "select group_concat(name||' '||type, ',') from pragma_table_info('$t')"); b=$(sqlite3 "$kept" "select group_concat(name||' '||type, ',') from pragma_table_info('$t')")
    if [ "$a" != "$b" ]; then
      sqlite3 "$f" "select name, type, \"notnull\" from pragma_table_info('$t')" | while IFS='|' read -r c ty nn; do
        if [ "$(sqlite3 "$kept" "select count(*) from pragma_table_info('$t') where name='$c'")" = 0 ]; then
          d=""; [ "$nn" = 1 ] && d=" NOT NULL DEFAULT ''"
          echo "table $t: column $c $ty added"; sqlite3 "$kept" "alter table \"$t\" add column \"$c\" $ty$d"
        fi
      done
    fi
  fi
done
sqlite3 "$f" "select name from sqlite_master where type='index' and sql is not null" | while read -r i; do
  if [ "$(sqlite3 "$kept" "select count(*) from sqlite_master where type='index' and name='$i'")" = 0 ]; then
    echo "index $i: added"; sqlite3 "$f" "select sql||';' from sqlite_master where name='$i'" | sqlite3 "$kept"
  fi
done
sqlite3 "$kept" "select name from sqlite_master where type='index' and sql is not null" | while read -r i; do
  [ "$(sqlite3 "$f" "select count(*) from sqlite_master where type='index' and name='$i'")" = 0 ] && { echo "index $i: dropped (not in the model)"; sqlite3 "$kept" "drop index \"$i\""; }
done
rm -rf "$fresh"
