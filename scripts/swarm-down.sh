#!/usr/bin/env bash
# Takes down everything scripts/swarm-up.sh made, idempotently, also after a
# half-failed swarm-up: node2 leaves, the main engine leaves the swarm (only
# when swarm-up's marker says it made it), node2's dockerd stops, whatever is
# left in its namespace is killed, and the namespace, bridge, veth, the
# FORWARD rule and node2's folders go. docker_gwbridge goes too when swarm-up
# created it and no container uses it. Never fails: it removes what it can.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib/swarm-env.sh
. "$HERE/lib/swarm-env.sh"
say() { echo "[swarm-down] $*" >&2; }
t0=$(date +%s%N)

# node2 leaves first, so the manager does not wait on a worker that vanished.
if timeout 10 docker -H "unix://$SOCK" info >/dev/null 2>&1; then
  timeout 30 docker -H "unix://$SOCK" swarm leave --force >/dev/null 2>&1 && say "node2 left the swarm"
fi
if [ -f "$STATE/made-swarm" ]; then
  if [ "$(timeout 10 docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null)" != "inactive" ]; then
    timeout 60 docker swarm leave --force >/dev/null && say "the main engine left the swarm"
  fi
  rm -f "$STATE/made-swarm"
fi
if grep -qx gwbridge "$STATE/made" 2>/dev/null; then
  # Only when no container is attached to it (swarm leave leaves it behind).
  if [ "$(docker network inspect docker_gwbridge --format '{{len .Containers}}' 2>/dev/null)" = "0" ]; then
    docker network rm docker_gwbridge >/dev/null && say "removed docker_gwbridge"
  fi
fi

# node2's dockerd, then its shims and anything else in its namespace.
if [ -f "$RUN/docker.pid" ]; then
  pid="$(cat "$RUN/docker.pid")"
  if kill -0 "$pid" 2>/dev/null && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = "dockerd" ]; then
    say "stopping node2's dockerd (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
fi
if [ -e "/run/netns/$NS" ]; then
  for p in $(ip netns pids "$NS" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
  ip netns del "$NS" && say "deleted namespace $NS"
fi

# The host side: veth (its peer went with the namespace), bridge, FORWARD rule.
ip link show "$VETH_HOST" >/dev/null 2>&1 && ip link del "$VETH_HOST"
ip link show "$BRIDGE" >/dev/null 2>&1 && ip link del "$BRIDGE" && say "deleted bridge $BRIDGE"
if [ -f "$STATE/iptables-forward" ]; then
  rule="$(cat "$STATE/iptables-forward")"
  # shellcheck disable=SC2086
  while iptables -C FORWARD $rule 2>/dev/null; do iptables -D FORWARD $rule && say "removed FORWARD rule: $rule"; done
fi

# vfs layers and the exec-root's mounts, then the folders.
grep -o " $RUN[^ ]*\| $ROOT[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
rm -rf "$RUN" "$ROOT" "$STATE"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
say "swarm removed in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s"
exit 0
