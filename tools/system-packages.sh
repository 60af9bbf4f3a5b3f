#!/usr/bin/env bash
# Installs the system packages Gonghui's tests and benches need, when missing: the PostgreSQL server, Chromium and CJK fonts
# (PDF, screenshots, browser tests), ffmpeg (recitation media: duration, poster, the scenario's recording). Run as root on a
# fresh machine; otherwise it names what is missing and fails. Called by ./test.sh, bench/run.sh and bench/reports.sh.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  printf '\n== Installing %s\n' "${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Missing packages: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
