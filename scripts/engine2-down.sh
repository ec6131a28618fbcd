#!/usr/bin/env bash
# Stops the second engine of scripts/engine2-up.sh and removes everything it
# made: its containers and networks go with its namespace and folders.
set -uo pipefail
NS="${CNMAP_ENGINE2_NS:-cnmap-engine2}"
ROOT="${CNMAP_ENGINE2_ROOT:-/var/lib/cnmap-engine2}"
RUN="${CNMAP_ENGINE2_RUN:-/run/cnmap-engine2}"
say() { echo "[engine2-down] $*" >&2; }

if [ -f "$RUN/docker.pid" ]; then
  pid="$(cat "$RUN/docker.pid")"
  if kill -0 "$pid" 2>/dev/null && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = "dockerd" ]; then
    say "stopping the second dockerd (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
fi
# Its containerd-shims and anything else still in the namespace.
if ip netns list | grep -qw "$NS"; then
  for p in $(ip netns pids "$NS" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
  ip netns del "$NS"
fi
# vfs layers and the exec-root's mounts.
grep -o " $RUN[^ ]*\| $ROOT[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
rm -rf "$RUN" "$ROOT"
say "second engine removed"
