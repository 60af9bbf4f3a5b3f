#!/usr/bin/env bash
# The reports bench (issue 19): generates the 2020 scenario at a scale into a new database, checks the report against the
# review's figures (DESIGN.md §6) and times the reports against the issue's limits (city ≤ 3 s, district ≤ 1 s, XLSX + PDF
# ≤ 10 s, peak memory ≤ 1 GB), beside the bare SQL floor, with the load average. SQLite, and PostgreSQL on a throw-away cluster.
# Usage: bench/reports.sh [--scale 0.01..1.0] [--sqlite-only | --pg-only] [--out DIR] [--keep DIR]   (full scale: bench/reports.sh --scale 1.0)
# --keep DIR keeps the generated year (the SQLite file, the PostgreSQL cluster) in DIR; a later run with the same --keep DIR and
# --scale finishes a year that was cut short, or only checks and times the reports again (the scenario's --existing).
set -euo pipefail
cd "$(dirname "$0")/.."
# The system packages a bench needs (PostgreSQL, Chromium and CJK fonts for the PDF, ffmpeg for the scenario's recordings).
tools/system-packages.sh
scale=0.01; engines="sqlite pg"; out=""; keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --sqlite-only) engines="sqlite"; shift ;;
    --pg-only) engines="pg"; shift ;;
    --out) out="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
dotnet build src/Gonghui -c Release -nologo -v quiet >/dev/null
app=(dotnet run -c Release --no-build --project src/Gonghui --)
work=$(mktemp -d /tmp/gonghui-benchreports.XXXXXX)
PGTMP=""
cleanup() {
  if [ -n "$PGTMP" ]; then as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -m fast stop" >/dev/null 2>&1 || true; [ -n "$keep" ] || rm -rf "$PGTMP"; fi
  rm -rf "$work"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
status=0
echo "uptime: $(uptime)"
for engine in $engines; do
  echo; echo "=== $engine, scale $scale"
  extra=()
  [ -n "$out" ] && extra=(--out "$out/$engine")
  base="$work"
  if [ -n "$keep" ]; then
    base="$keep"; mkdir -p "$keep"
    if [ -f "$keep/$engine.scale" ]; then
      [ "$(cat "$keep/$engine.scale")" = "$scale" ] || { echo "$keep holds a year at scale $(cat "$keep/$engine.scale"), not $scale" >&2; exit 2; }
      extra+=(--existing)
      pgnew=""
    else
      pgnew=1
    fi
  fi
  # from here on the kept folder holds (part of) a year at this scale: later runs with this --keep finish or re-check it
  [ -n "$keep" ] && echo "$scale" > "$keep/$engine.scale"
  if [ "$engine" = sqlite ]; then
    /usr/bin/time -v "${app[@]}" scenario beijing-2020 --scale "$scale" --data-dir "$base/sqlite" --check --bench "${extra[@]}" 2>"$work/time-sqlite" | tee "$work/out-sqlite" || { status=1; cat "$work/time-sqlite"; }
  else
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [ -n "$keep" ]; then PGTMP="$keep/pg-cluster"; mkdir -p "$PGTMP"; else PGTMP=$(mktemp -d /tmp/gonghui-benchpg.XXXXXX); fi
    chmod 755 "$PGTMP"
    [ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
    port=$(( 20000 + RANDOM % 20000 ))
    while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$(( port + 1 )); done
    [ -d "$PGTMP/data" ] || as_pg "'$PGBIN/initdb' -D '$PGTMP/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -l '$PGTMP/server.log' -w -o \"-p $port -k '$PGTMP' -c listen_addresses=127.0.0.1 -c max_wal_size=4GB -c shared_buffers=256MB\" start" >/dev/null
    [ -z "$keep" ] || [ -n "$pgnew" ] && as_pg "'$PGBIN/psql' -h 127.0.0.1 -p $port -U postgres -c 'CREATE DATABASE gonghui_reports'" >/dev/null
    /usr/bin/time -v "${app[@]}" scenario beijing-2020 --scale "$scale" --data-dir "$base/pg" --check --bench "${extra[@]}" \
      --Gonghui:Database:Provider PostgreSQL --ConnectionStrings:Gonghui "Host=127.0.0.1;Port=$port;Username=postgres;Database=gonghui_reports" \
      2>"$work/time-pg" | tee "$work/out-pg" || { status=1; cat "$work/time-pg"; }
  fi
  grep -E "Maximum resident|Elapsed \(wall" "$work/time-$engine" | sed 's/^\s*/  (whole process) /' || true
  if [ -n "$keep" ] && [ "$engine" = pg ]; then as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -m fast stop" >/dev/null 2>&1 || true; PGTMP=""; fi
done
echo; echo "uptime: $(uptime)"
exit $status
