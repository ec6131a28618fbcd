#!/usr/bin/env bash
# Stops the dockerd that scripts/engine-up.sh started, and nothing else.
set -euo pipefail
MARK=/tmp/cnmap-dockerd.started
if [ ! -f "$MARK" ]; then echo "[engine-down] cnmap started no engine; leaving any engine alone" >&2; exit 0; fi
pid="$(cat "$MARK")"
if kill -0 "$pid" 2>/dev/null && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = "dockerd" ]; then
  echo "[engine-down] stopping dockerd (pid $pid)" >&2
  kill "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
fi
rm -f "$MARK"
