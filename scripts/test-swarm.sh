#!/usr/bin/env bash
# The swarm phase of the tests: scripts/swarm-up.sh, the swarm API tests
# (vitest project `swarm`), the swarm end-to-end specs (Playwright project
# `swarm`), then scripts/swarm-down.sh, whatever happened. Results go to
# $CNMAP_RESULTS (default .cnmap/results) as swarm.json and e2e-swarm.json.
# scripts/test-all.sh runs it after the other tests; `npm run test:swarm` runs
# it alone (with the engine up and a build in CNMAP_DIST_DIR) and ends with
# the `N passed, N failed` line of the two.
set -uo pipefail
cd "$(dirname "$0")/.."

RESULTS="${CNMAP_RESULTS:-.cnmap/results}"
mkdir -p "$RESULTS"
rm -f "$RESULTS/swarm.json" "$RESULTS/e2e-swarm.json"
export CNMAP_DIST_DIR="${CNMAP_DIST_DIR:-.next-test}"
export CNMAP_TEST_RUN="${CNMAP_TEST_RUN:-t$(date +%s)-$$}"
export NEXT_TELEMETRY_DISABLED=1
standalone=1
[ "${1:-}" = "--in-test-all" ] && standalone=0

if [ "$standalone" = 1 ] && [ ! -f "$CNMAP_DIST_DIR/BUILD_ID" ]; then
  echo "no build in $CNMAP_DIST_DIR: run 'CNMAP_DIST_DIR=$CNMAP_DIST_DIR npx next build' first (npm test does)" >&2
  exit 1
fi

trap 'bash scripts/swarm-down.sh' EXIT
if swarm_env="$(bash scripts/swarm-up.sh)"; then
  # Only the CNMAP_SWARM_* lines, as variables of this shell and its children.
  while IFS='=' read -r k v; do
    case "$k" in CNMAP_SWARM_*) export "$k=$v" ;; esac
  done <<<"$swarm_env"
  npx vitest run --project swarm --reporter=default --reporter=json --outputFile.json="$RESULTS/swarm.json"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/e2e-swarm.json" npx playwright test --project swarm --output=test-results/swarm --reporter=list,json
else
  echo "scripts/swarm-up.sh failed: the swarm tests did not run" >&2
fi
bash scripts/swarm-down.sh
trap - EXIT

if [ "$standalone" = 1 ]; then
  node scripts/summarize-tests.mjs swarm="$RESULTS/swarm.json" e2e-swarm="$RESULTS/e2e-swarm.json"
fi
