/**
 * The coordinates of the two-node test swarm, as scripts/swarm-up.sh prints
 * them (CNMAP_SWARM_* lines). Kept apart from test/support/swarm.ts, which
 * imports vitest's inject, so the global setup and Playwright can read them.
 */
export interface SwarmEnv {
  /** DOCKER_HOST of node2, the worker (e.g. unix:///run/cnmap-node2/docker.sock). */
  node2Host: string;
  /** node2's address on the swarm bridge (its advertise address). */
  node2Addr: string;
  /** node2's hostname, as `docker node ls` shows it. */
  node2Hostname: string;
  /** The manager's (the main engine's) address on the swarm bridge. */
  managerAddr: string;
  /** The manager's hostname, as `docker node ls` shows it. */
  managerHostname: string;
}

/** The swarm's coordinates from environment-like variables, or null when any is missing. */
export function swarmEnvFrom(env: Record<string, string | undefined>): SwarmEnv | null {
  const e = {
    node2Host: env.CNMAP_SWARM_NODE2_HOST,
    node2Addr: env.CNMAP_SWARM_NODE2_ADDR,
    node2Hostname: env.CNMAP_SWARM_NODE2_HOSTNAME,
    managerAddr: env.CNMAP_SWARM_MANAGER_ADDR,
    managerHostname: env.CNMAP_SWARM_MANAGER_HOSTNAME,
  };
  return Object.values(e).every((v) => typeof v === "string" && v !== "") ? (e as SwarmEnv) : null;
}
