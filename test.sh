#!/usr/bin/env bash
# Runs every test: unit, integration on SQLite and PostgreSQL, and browser tests in headless Chromium.
# On a fresh machine (as root) it installs what is missing first. Exit code is non-zero on any failure.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Hotline]
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

log() { printf '\n== %s\n' "$*"; }

# 1. System packages: PostgreSQL server, Chromium, CJK fonts (PDF and screenshots), ffmpeg (recitation media: duration, poster).
tools/system-packages.sh

# 2. Front-end packages from npm (Leaflet and friends), if the UI declares any.
if [ -f src/Gonghui/package.json ] && [ ! -d src/Gonghui/node_modules ]; then
  log "npm ci"
  (cd src/Gonghui && npm ci --no-audit --no-fund --loglevel=error)
fi

# 3. A throw-away PostgreSQL cluster on a free loopback port. PostgreSQL refuses to run as root.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGTMP=$(mktemp -d /tmp/gonghui-pg.XXXXXX)
chmod 755 "$PGTMP"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
port=$(( 20000 + RANDOM % 20000 ))
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$(( port + 1 )); done
# The tests' own temporary files (data folders, browser profiles, import files) go to a folder of this run, removed at the end
# even when a test crashed before cleaning up after itself.
TESTTMP=$(mktemp -d /tmp/gonghui-tests.XXXXXX)
stop_pg() {
  as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$PGTMP" "$TESTTMP"
}
trap stop_pg EXIT
log "Starting PostgreSQL on 127.0.0.1:$port"
as_pg "'$PGBIN/initdb' -D '$PGTMP/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -l '$PGTMP/server.log' -w -o \"-p $port -k '$PGTMP' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null
export GONGHUI_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"

# 4. Build once, then run every test.
log "Building"
dotnet build Gonghui.slnx -c Release -nologo -v quiet
log "Testing"
set +e
TMPDIR="$TESTTMP" dotnet test tests/Gonghui.Tests -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$PGTMP/test.log"
status=${PIPESTATUS[0]}
set -e
count() { { grep -oE "$1: +[0-9]+" "$PGTMP/test.log" || true; } | { grep -oE '[0-9]+' || true; } | awk '{s+=$1} END {print s+0}'; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
if [ "$failed" -ne 0 ]; then
  # Repeat each failure with its message at the end, where a CI log's tail shows it.
  echo
  echo "== Failed tests"
  awk '/^  Failed / {show=1; n=0} /^  (Passed|Skipped) / {show=0} show && n < 40 {print; n++}' "$PGTMP/test.log"
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
