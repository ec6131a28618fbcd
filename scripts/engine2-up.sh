#!/usr/bin/env bash
# A second Docker engine for the multi-engine tests: its own dockerd in its own
# network namespace (in the host's it would fight the first daemon over docker0
# and iptables), with its own data-root, exec-root, socket and pidfile, and the
# test image loaded from the first engine. scripts/engine2-down.sh removes all
# of it. Prints the DOCKER_HOST of the second engine on stdout.
#
# Uses nsenter, not `ip netns exec`: the latter remounts /sys, and dockerd then
# fails with "Devices cgroup isn't mounted".
set -euo pipefail

NS="${CNMAP_ENGINE2_NS:-cnmap-engine2}"
ROOT="${CNMAP_ENGINE2_ROOT:-/var/lib/cnmap-engine2}"
RUN="${CNMAP_ENGINE2_RUN:-/run/cnmap-engine2}"
SOCK="$RUN/docker.sock"
LOG="${CNMAP_ENGINE2_LOG:-/tmp/cnmap-engine2.log}"
IMAGE="${CNMAP_TEST_IMAGE:-cnmap-test-busybox:latest}"

say() { echo "[engine2-up] $*" >&2; }
answers() { timeout 10 docker -H "unix://$SOCK" info >/dev/null 2>&1; }

[ "$(id -u)" = "0" ] || { say "a second engine needs root (network namespaces, dockerd)"; exit 1; }
command -v dockerd >/dev/null || { say "dockerd is missing: run scripts/engine-up.sh first"; exit 1; }

if answers; then
  say "reusing the second engine at unix://$SOCK"
else
  # Debris of an earlier run: a stale pidfile, a namespace without its daemon.
  if [ -f "$RUN/docker.pid" ] && ! kill -0 "$(cat "$RUN/docker.pid")" 2>/dev/null; then rm -f "$RUN/docker.pid"; fi
  mkdir -p "$ROOT" "$RUN/exec"
  ip netns list | grep -qw "$NS" || ip netns add "$NS"
  nsenter --net="/run/netns/$NS" ip link set lo up
  say "starting dockerd in network namespace $NS (log: $LOG)"
  nohup nsenter --net="/run/netns/$NS" dockerd \
    --data-root "$ROOT" --exec-root "$RUN/exec" --pidfile "$RUN/docker.pid" \
    -H "unix://$SOCK" --storage-driver vfs \
    >"$LOG" 2>&1 </dev/null &
  for _ in $(seq 1 60); do answers && break; sleep 1; done
  answers || { say "the second dockerd did not answer within 60 s; see $LOG"; tail -20 "$LOG" >&2 || true; exit 1; }
  say "second engine is up"
fi

if ! docker -H "unix://$SOCK" image inspect "$IMAGE" >/dev/null 2>&1; then
  say "loading $IMAGE into the second engine"
  docker save "$IMAGE" | docker -H "unix://$SOCK" load >/dev/null
fi
echo "unix://$SOCK"
