# Names, paths and addresses of the two-node test swarm, shared by
# scripts/swarm-up.sh and scripts/swarm-down.sh. Every one differs from the
# second engine's (scripts/engine2-up.sh), so both can exist at once.
NS="${CNMAP_SWARM_NS:-cnmap-node2}"
NODE2_HOSTNAME="${CNMAP_SWARM_NODE2_HOSTNAME:-cnmap-node2}"
ROOT="${CNMAP_SWARM_ROOT:-/var/lib/cnmap-node2}"
RUN="${CNMAP_SWARM_RUN:-/run/cnmap-node2}"
SOCK="$RUN/docker.sock"
LOG="${CNMAP_SWARM_LOG:-/tmp/cnmap-node2.log}"
# What swarm-up made, so swarm-down undoes exactly that and nothing else.
STATE="${CNMAP_SWARM_STATE:-/run/cnmap-swarm}"
IMAGE="${CNMAP_TEST_IMAGE:-cnmap-test-busybox:latest}"
BRIDGE="cnmap-swarm0"
VETH_HOST="cnmap-swarm-h"
VETH_NODE="cnmap-swarm-n"
# A private /24 outside Docker's local pools (172.17-31/16, 192.168/20) and far
# from the first /24s swarm hands out of its 10.0.0.0/8 pool.
MANAGER_ADDR="10.213.7.1"
NODE2_ADDR="10.213.7.2"
PREFIX_LEN=24
FORWARD_RULE="-i $BRIDGE -o $BRIDGE -m comment --comment cnmap-swarm -j ACCEPT"
