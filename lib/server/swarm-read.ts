/**
 * One read of what a swarm engine knows of the swarm: its node ID and role,
 * and on a manager the nodes, services (with task counts), tasks, and the
 * peers of each swarm-scope network (`docker network inspect -v`). Null when
 * the engine is not in an active swarm. The pure transform is
 * lib/topology/swarm.ts.
 */
import "server-only";
import type { EngineClient } from "../docker/engine";
import type { EngineNetworkVerbose, EngineSwarmSnapshot } from "../topology/swarm-json";

/** How often the live model reads the swarm again while it is active: no engine event tells a task's state. */
export const SWARM_POLL_MS = 2000;

/** `swarmNetworkIds`: the swarm-scope networks whose peers to read (a manager only). */
export async function readSwarm(engine: EngineClient, swarmNetworkIds: readonly string[]): Promise<EngineSwarmSnapshot | null> {
  const info = await engine.info();
  const swarm = info.Swarm;
  if (swarm?.LocalNodeState !== "active" || !swarm.NodeID) return null;
  if (!swarm.ControlAvailable) return { nodeId: swarm.NodeID, manager: false, nodes: [], services: [], tasks: [], networks: [] };
  const [nodes, services, tasks, networks] = await Promise.all([
    engine.listNodes(),
    engine.listServices(),
    engine.listTasks(),
    Promise.all(swarmNetworkIds.map((id) => engine.inspectNetworkVerbose(id))),
  ]);
  return {
    nodeId: swarm.NodeID,
    manager: true,
    nodes,
    services,
    tasks,
    networks: networks.filter((n): n is EngineNetworkVerbose => n !== null),
  };
}
