#!/usr/bin/env bash
# Bring up a Docker engine for cnmap's tests and build the test image.
#
# - Reuses an engine that already answers (DOCKER_HOST or the default socket).
# - Otherwise, as root on Debian, installs docker.io with apt and starts dockerd
#   in the background, logging to $CNMAP_DOCKERD_LOG, and waits until it answers.
# - Never stops an engine: it did not start one it did not start, and the one it
#   starts is left running for the next run (scripts/engine-down.sh stops it).
# - Builds the image $CNMAP_TEST_IMAGE from Debian's busybox-static, without any
#   registry, if it is missing; and $CNMAP_TEST_NOTOOLS_IMAGE, the same busybox
#   with only sh and sleep linked (no ping, nslookup, nc, wget), for the probe
#   tests of a container without network tools.
set -euo pipefail

IMAGE="${CNMAP_TEST_IMAGE:-cnmap-test-busybox:latest}"
NOTOOLS_IMAGE="${CNMAP_TEST_NOTOOLS_IMAGE:-cnmap-test-notools:latest}"
LOG="${CNMAP_DOCKERD_LOG:-/tmp/cnmap-dockerd.log}"
STARTED_MARK="/tmp/cnmap-dockerd.started"   # holds the pid of a dockerd we started

say() { echo "[engine-up] $*" >&2; }

apt_install() {
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
    say "need: $* (install them, or run as root on Debian so this script can)"; exit 1
  fi
  say "installing $* with apt-get"
  if [ ! -f /tmp/cnmap-apt-updated ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null && touch /tmp/cnmap-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

command -v docker >/dev/null || apt_install docker.io
# The macvlan tests make a veth pair as the parent interface.
command -v ip >/dev/null || apt_install iproute2

if engine_answers; then
  say "reusing the engine that answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}"
else
  if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST}" != "unix:///var/run/docker.sock" ]; then
    say "DOCKER_HOST=${DOCKER_HOST} does not answer; start that engine or unset DOCKER_HOST"; exit 1
  fi
  command -v dockerd >/dev/null || apt_install docker.io
  [ "$(id -u)" = "0" ] || { say "no engine answers and starting dockerd needs root"; exit 1; }
  # A dockerd from an earlier session may have left its pid file behind.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    say "removing stale /var/run/docker.pid"; rm -f /var/run/docker.pid
  fi
  if [ -f /var/run/docker.pid ]; then
    say "a dockerd (pid $(cat /var/run/docker.pid)) runs but does not answer; waiting for it"
  else
    say "starting dockerd (log: $LOG)"
    nohup dockerd >"$LOG" 2>&1 </dev/null &
    echo $! >"$STARTED_MARK"
  fi
  for _ in $(seq 1 60); do engine_answers && break; sleep 1; done
  engine_answers || { say "dockerd did not answer within 60 s; see $LOG"; tail -20 "$LOG" >&2 || true; exit 1; }
  say "engine is up"
fi

# The tools each test image links; changing a list rebuilds that image (its label records the list).
IMAGE_TOOLS="sh sleep ping ping6 nslookup wget httpd ip nc timeout cat echo ls hostname ifconfig route true false"
NOTOOLS_TOOLS="sh sleep"

# build_image NAME TOOL...: a busybox-static image with only these applets linked.
build_image() {
  local name="$1"; shift
  # Debian's busybox-static puts a static /bin/busybox (the plain busybox package is dynamic).
  dpkg -s busybox-static >/dev/null 2>&1 || apt_install busybox-static
  local busybox=/bin/busybox root
  say "building $name from $busybox"
  root="$(mktemp -d)"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/www"
  cp "$busybox" "$root/bin/busybox"
  for tool in "$@"; do
    ln -s busybox "$root/bin/$tool"
  done
  echo 'root:x:0:0:root:/:/bin/sh' >"$root/etc/passwd"
  echo 'cnmap test page' >"$root/www/index.html"
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/bin' --change 'LABEL cnmap.test=image' --change "LABEL cnmap.tools=\"$*\"" - "$name" >/dev/null
  rm -rf "$root"
}

# ensure_image NAME TOOLS: builds NAME unless it exists with exactly these tools.
ensure_image() {
  local have
  have="$(docker image inspect -f '{{index .Config.Labels "cnmap.tools"}}' "$1" 2>/dev/null || true)"
  # shellcheck disable=SC2086 # the tool list is split on purpose
  [ "$have" = "$2" ] || build_image "$1" $2
  say "test image $1 is ready"
}
ensure_image "$IMAGE" "$IMAGE_TOOLS"
ensure_image "$NOTOOLS_IMAGE" "$NOTOOLS_TOOLS"
