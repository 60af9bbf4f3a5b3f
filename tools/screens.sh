#!/usr/bin/env bash
# Regenerates the screenshots in docs/screens/ from the browser tests (headless Chromium at phone size, demo data):
# home-<account>.png, rates-chart.png, funds-chart.png, chart-hotline-weeks.png, map-phone-offline.png.
# Heavy: run it under the shared lock on a shared machine:  flock /tmp/gonghui-heavy.lock tools/screens.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/screens
GONGHUI_SCREENS="$PWD/docs/screens" ./test.sh --filter "FullyQualifiedName~HomeBrowserTests|FullyQualifiedName~The_rates_and_the_funds_are_drawn|FullyQualifiedName~OfflineMapBrowserTests|FullyQualifiedName~ChartsBrowserTests"
ls -l docs/screens
