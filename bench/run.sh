#!/usr/bin/env bash
# Runs a bench scenario (Release) with a throw-away PostgreSQL cluster, like ./test.sh does for the tests.
# Usage: bench/run.sh members-import [--rows N] [--baseline-rows N]
set -euo pipefail
cd "$(dirname "$0")/.."
# The system packages a bench needs (PostgreSQL, Chromium and CJK fonts for the PDF, ffmpeg for the scenario's recordings).
tools/system-packages.sh
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGTMP=$(mktemp -d /tmp/gonghui-benchpg.XXXXXX)
chmod 755 "$PGTMP"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
port=$(( 20000 + RANDOM % 20000 ))
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$(( port + 1 )); done
stop_pg() {
  as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap stop_pg EXIT
as_pg "'$PGBIN/initdb' -D '$PGTMP/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
# Durable settings (fsync on) so the figures are honest; a larger WAL avoids checkpoints in the middle of a bulk load.
as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -l '$PGTMP/server.log' -w -o \"-p $port -k '$PGTMP' -c listen_addresses=127.0.0.1 -c max_wal_size=4GB -c shared_buffers=256MB\" start" >/dev/null
export GONGHUI_BENCH_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
dotnet run -c Release --project bench/Gonghui.Bench -- "$@"
