/**
 * What changed between two readings of the engine, in words a room can read
 * off a wall screen ("web joined backend · 10.0.1.4"), with the canvas IDs
 * that should pulse for it. Pure: two topologies in, captions out.
 */
import { endpointEdgeId, networkNodeId, sandboxNodeId } from "../graph/ids";
import { isUp, sandboxName } from "../topology/describe";
import type { Endpoint, Sandbox, Topology } from "../topology/types";

export interface Caption {
  /** Stable for one change (what it is about and what happened), so a caption is not shown twice. */
  key: string;
  text: string;
  /** Canvas node and edge IDs that pulse for it (what is still there). */
  nodes: string[];
  edges: string[];
  /** Canvas node IDs it is about, gone ones included: whether a filtered screen tells it. */
  about: string[];
}

type Model = Pick<Topology, "networks" | "sandboxes" | "endpoints">;

/** An address without its prefix length: "10.0.1.4/24" → "10.0.1.4". */
function bare(addr: string): string {
  return addr.split("/")[0] ?? addr;
}

function stateWord(state: string): string {
  if (state === "running") return "started";
  if (state === "paused") return "paused";
  if (state === "restarting") return "is restarting";
  if (state === "dead") return "died";
  return "stopped";
}

const endpointKey = (e: Endpoint): string => `${e.networkId}/${e.sandboxId}`;

/**
 * The changes from `before` to `after`, networks first, then containers, then
 * endpoints (the order a person would tell them in). Changes of a network or
 * a container that came or went whole are told once, not again per endpoint.
 */
export function describeChanges(before: Model, after: Model): Caption[] {
  const out: Caption[] = [];
  const netBefore = new Map(before.networks.map((n) => [n.id, n]));
  const netAfter = new Map(after.networks.map((n) => [n.id, n]));
  const sbBefore = new Map(before.sandboxes.map((s) => [s.id, s]));
  const sbAfter = new Map(after.sandboxes.map((s) => [s.id, s]));
  const name = (id: string): string => {
    const s = sbAfter.get(id) ?? sbBefore.get(id);
    return s ? sandboxName(s) : id.slice(0, 12);
  };
  const netName = (id: string): string => netAfter.get(id)?.name ?? netBefore.get(id)?.name ?? id.slice(0, 12);

  for (const n of after.networks) {
    if (!netBefore.has(n.id)) out.push({ key: `net+${n.id}`, text: `network ${n.name} created (${n.driver})`, nodes: [networkNodeId(n.id)], edges: [], about: [networkNodeId(n.id)] });
  }
  for (const n of before.networks) {
    if (!netAfter.has(n.id)) out.push({ key: `net-${n.id}`, text: `network ${n.name} removed`, nodes: [], edges: [], about: [networkNodeId(n.id)] });
  }

  const state = (s: Sandbox): string => s.containers[0]?.state ?? "";
  for (const s of after.sandboxes) {
    const was = sbBefore.get(s.id);
    const node = sandboxNodeId(s.id);
    if (!was) {
      out.push({ key: `sb+${s.id}`, text: `${sandboxName(s)} ${isUp(state(s)) ? "started" : "created"}`, nodes: [node], edges: [], about: [node] });
      continue;
    }
    if (sandboxName(was) !== sandboxName(s)) {
      out.push({ key: `sb~${s.id}:${sandboxName(s)}`, text: `${sandboxName(was)} renamed to ${sandboxName(s)}`, nodes: [node], edges: [], about: [node] });
    }
    // Up or down, paused or not, dead: what a room sees; running ↔ restarting is not.
    const [from, to] = [state(was), state(s)];
    if (from !== to && (isUp(from) !== isUp(to) || from === "paused" || to === "paused" || to === "dead")) {
      out.push({ key: `sb*${s.id}:${to}`, text: `${sandboxName(s)} ${stateWord(to)}`, nodes: [node], edges: [], about: [node] });
    }
  }
  for (const s of before.sandboxes) {
    if (!sbAfter.has(s.id)) out.push({ key: `sb-${s.id}`, text: `${sandboxName(s)} removed`, nodes: [], edges: [], about: [sandboxNodeId(s.id)] });
  }

  const epBefore = new Map(before.endpoints.map((e) => [endpointKey(e), e]));
  const epAfter = new Map(after.endpoints.map((e) => [endpointKey(e), e]));
  for (const e of after.endpoints) {
    if (epBefore.has(endpointKey(e))) continue;
    // A container created already on a network: its creation said it; a new network has no endpoints yet.
    if (!sbBefore.has(e.sandboxId)) continue;
    const addr = e.ipv4 || e.ipv6;
    out.push({
      key: `ep+${endpointKey(e)}`,
      text: `${name(e.sandboxId)} joined ${netName(e.networkId)}${addr ? ` · ${bare(addr)}` : ""}`,
      nodes: [networkNodeId(e.networkId), sandboxNodeId(e.sandboxId)],
      edges: [endpointEdgeId(e.networkId, e.sandboxId)],
      about: [networkNodeId(e.networkId), sandboxNodeId(e.sandboxId)],
    });
  }
  for (const e of before.endpoints) {
    if (epAfter.has(endpointKey(e))) continue;
    // Gone with its container or its network: already told.
    if (!sbAfter.has(e.sandboxId) || !netAfter.has(e.networkId)) continue;
    out.push({
      key: `ep-${endpointKey(e)}`,
      text: `${name(e.sandboxId)} left ${netName(e.networkId)}`,
      nodes: [networkNodeId(e.networkId), sandboxNodeId(e.sandboxId)],
      edges: [],
      about: [networkNodeId(e.networkId), sandboxNodeId(e.sandboxId)],
    });
  }
  return out;
}
