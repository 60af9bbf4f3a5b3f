#!/usr/bin/env bash
# Regenerates the screenshots in docs/screens/ from the browser tests (headless Chromium at phone size, demo data).
# Heavy: run it under the shared lock on a shared machine:  flock /tmp/gonghui-heavy.lock tools/screens.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/screens
GONGHUI_SCREENS="$PWD/docs/screens" ./test.sh --filter "FullyQualifiedName~HomeBrowserTests"
ls -l docs/screens
