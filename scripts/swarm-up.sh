#!/usr/bin/env bash
# A real two-node swarm on this one machine, for the swarm tests:
#   - node2: a second dockerd in its own network namespace and its own UTS
#     namespace (its own hostname, or both nodes report one), with its own
#     data-root, exec-root, socket and pidfile, on vfs;
#   - a host bridge with a veth pair into node2's namespace, and ONE iptables
#     ACCEPT rule in the host's FORWARD chain for that bridge (the policy is
#     DROP, and with br_netfilter the bridged frames go through FORWARD);
#   - the test image loaded into node2 (no registry);
#   - `docker swarm init` on the main engine, advertised on the bridge, and
#     node2 joined as a worker.
# Refuses (exit 1) to touch a main engine whose swarm is active and was not
# made by this script. Debris of an earlier failed run is removed first.
# scripts/swarm-down.sh takes all of it down. Prints shell-sourceable
# CNMAP_SWARM_* lines on stdout; logs go to stderr.
#
# Uses nsenter, not `ip netns exec`: the latter remounts /sys, and dockerd then
# fails with "Devices cgroup isn't mounted".
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib/swarm-env.sh
. "$HERE/lib/swarm-env.sh"

say() { echo "[swarm-up] $*" >&2; }
fail() { say "$*"; exit 1; }
node2() { docker -H "unix://$SOCK" "$@"; }
answers() { timeout 10 docker -H "unix://$SOCK" info >/dev/null 2>&1; }
t0=$(date +%s%N)

[ "$(id -u)" = "0" ] || fail "the swarm needs root (namespaces, a bridge, iptables, dockerd)"
for c in dockerd nsenter unshare ip iptables; do command -v "$c" >/dev/null || fail "$c is missing (run scripts/engine-up.sh first)"; done
timeout 10 docker info >/dev/null 2>&1 || fail "the main engine does not answer: run scripts/engine-up.sh first"

# Leave the engine as found: a swarm this script did not make is not ours.
state="$(docker info --format '{{.Swarm.LocalNodeState}}')"
if [ "$state" != "inactive" ] && [ ! -f "$STATE/made-swarm" ]; then
  fail "the main engine's swarm is '$state' and was not made by this script; refusing to touch it (leave it yourself with 'docker swarm leave --force' if it is debris)"
fi

# Debris of an earlier run (ours only: the marker, the namespace, the bridge, the folders).
if [ -d "$STATE" ] || [ -d "$RUN" ] || [ -e "/run/netns/$NS" ] || ip link show "$BRIDGE" >/dev/null 2>&1; then
  say "removing the debris of an earlier run"
  bash "$HERE/swarm-down.sh"
fi
mkdir -p "$STATE" "$ROOT" "$RUN/exec"

# The bridge and the veth pair.
say "bridge $BRIDGE ($MANAGER_ADDR/$PREFIX_LEN) and veth into namespace $NS"
ip netns add "$NS"
ip link add "$BRIDGE" type bridge
echo bridge >>"$STATE/made"
ip addr add "$MANAGER_ADDR/$PREFIX_LEN" dev "$BRIDGE"
ip link set "$BRIDGE" up
ip link add "$VETH_HOST" type veth peer name "$VETH_NODE"
ip link set "$VETH_HOST" master "$BRIDGE"
ip link set "$VETH_HOST" up
ip link set "$VETH_NODE" netns "$NS"
nsenter --net="/run/netns/$NS" ip link set lo up
nsenter --net="/run/netns/$NS" ip link set "$VETH_NODE" name eth0
nsenter --net="/run/netns/$NS" ip addr add "$NODE2_ADDR/$PREFIX_LEN" dev eth0
nsenter --net="/run/netns/$NS" ip link set eth0 up
# The way out for node2 (its containers' DNS forwards go nowhere, but an address is routable).
nsenter --net="/run/netns/$NS" ip route add default via "$MANAGER_ADDR"

# One FORWARD rule: frames between the bridge's ports (node2 <-> the host's
# side) and nothing else. Inserted first, so Docker's isolation chains and the
# DROP policy never see them. Written down before it is added, so that
# swarm-down removes exactly it even if this script dies right after.
echo "$FORWARD_RULE" >"$STATE/iptables-forward"
# shellcheck disable=SC2086
iptables -I FORWARD 1 $FORWARD_RULE

# node2's dockerd, with its own hostname.
say "starting node2's dockerd (hostname $NODE2_HOSTNAME, log $LOG)"
nohup nsenter --net="/run/netns/$NS" unshare --uts sh -c \
  'hostname "$0" && exec dockerd --data-root "$1" --exec-root "$2" --pidfile "$3" -H "$4" --storage-driver vfs' \
  "$NODE2_HOSTNAME" "$ROOT" "$RUN/exec" "$RUN/docker.pid" "unix://$SOCK" \
  >"$LOG" 2>&1 </dev/null &
for _ in $(seq 1 60); do answers && break; sleep 0.5; done
answers || { tail -20 "$LOG" >&2 || true; fail "node2's dockerd did not answer within 30 s; see $LOG"; }
[ "$(node2 info --format '{{.Name}}')" = "$NODE2_HOSTNAME" ] || fail "node2 reports hostname '$(node2 info --format '{{.Name}}')', not $NODE2_HOSTNAME"

say "loading $IMAGE into node2"
docker image inspect "$IMAGE" >/dev/null 2>&1 || fail "$IMAGE is missing on the main engine: run scripts/engine-up.sh"
docker save "$IMAGE" | node2 load >/dev/null

# The swarm. docker_gwbridge stays after `swarm leave`: remember whether it was ours.
docker network inspect docker_gwbridge >/dev/null 2>&1 || echo gwbridge >>"$STATE/made"
say "docker swarm init --advertise-addr $MANAGER_ADDR"
touch "$STATE/made-swarm"
docker swarm init --advertise-addr "$MANAGER_ADDR" --listen-addr "$MANAGER_ADDR:2377" >/dev/null
token="$(docker swarm join-token -q worker)"
say "joining node2 ($NODE2_ADDR) as a worker"
node2 swarm join --token "$token" --advertise-addr "$NODE2_ADDR" --listen-addr "$NODE2_ADDR:2377" "$MANAGER_ADDR:2377" >/dev/null

ready() { [ "$(docker node ls --format '{{.Hostname}} {{.Status}}' | grep -c ' Ready$')" -ge 2 ]; }
for _ in $(seq 1 120); do ready && break; sleep 0.5; done
ready || { docker node ls >&2; fail "the two nodes were not both Ready within 60 s"; }
docker node ls >&2
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
say "two-node swarm ready in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s"

cat <<OUT
CNMAP_SWARM_NODE2_HOST=unix://$SOCK
CNMAP_SWARM_NODE2_ADDR=$NODE2_ADDR
CNMAP_SWARM_MANAGER_ADDR=$MANAGER_ADDR
CNMAP_SWARM_NODE2_HOSTNAME=$NODE2_HOSTNAME
CNMAP_SWARM_MANAGER_HOSTNAME=$(docker info --format '{{.Name}}')
OUT
