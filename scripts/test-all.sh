#!/usr/bin/env bash
# The whole test suite, as a newcomer runs it on a fresh Debian machine
# (`npm install && npm test`): brings up the engine, the test image and
# Chromium, builds the app, then runs the unit, API and end-to-end tests, then
# the swarm phase (scripts/test-swarm.sh: the swarm tests on a two-node swarm
# made on this machine and taken down again), and ends with one line
# `N passed, N failed` totalling them.
set -uo pipefail
cd "$(dirname "$0")/.."

RESULTS=.cnmap/results
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
# The tests build into their own folder, leaving a user's .next alone.
export CNMAP_DIST_DIR="${CNMAP_DIST_DIR:-.next-test}"
export CNMAP_TEST_RUN="${CNMAP_TEST_RUN:-t$(date +%s)-$$}"
export PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/e2e.json"
export NEXT_TELEMETRY_DISABLED=1

step() { echo; echo "=== $* ==="; }

step "engine and test image"
bash scripts/engine-up.sh || { echo "0 passed, 1 failed"; exit 1; }
step "second engine (multi-engine tests)"
CNMAP_ENGINE2_HOST="$(bash scripts/engine2-up.sh)" || { echo "0 passed, 1 failed"; exit 1; }
export CNMAP_ENGINE2_HOST
# Removed whatever happens next: its namespace, daemon and folders; and the
# two-node swarm of the swarm phase, if it is still up (an interrupted run).
trap 'bash scripts/swarm-down.sh; bash scripts/engine2-down.sh' EXIT
step "chromium"
bash scripts/ensure-chromium.sh || { echo "0 passed, 1 failed"; exit 1; }
[ -x node_modules/.bin/next ] || { step "npm install"; npm install --no-audit --no-fund || exit 1; }

step "build ($CNMAP_DIST_DIR)"
npx next build || { echo "0 passed, 1 failed"; exit 1; }

step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$RESULTS/unit.json"
step "API tests (real engine)"
npx vitest run --project api --reporter=default --reporter=json --outputFile.json="$RESULTS/api.json"
step "end-to-end tests (Chromium, real engine)"
npx playwright test --project main --reporter=list,json
step "swarm tests (a two-node swarm on this machine)"
CNMAP_RESULTS="$RESULTS" bash scripts/test-swarm.sh --in-test-all

step "summary"
node scripts/summarize-tests.mjs unit="$RESULTS/unit.json" api="$RESULTS/api.json" e2e="$RESULTS/e2e.json" \
  swarm="$RESULTS/swarm.json" e2e-swarm="$RESULTS/e2e-swarm.json"
