/**
 * Folding sandboxes into cluster nodes, so a graph of a thousand sandboxes
 * reads at a glance: which networks, how big, how joined. Pure.
 *
 * - "network": each sandbox belongs to its primary network, the source of its
 *   first endpoint edge (the rule layout.ts uses for a node's parent); the
 *   sandboxes on no network belong to one "unattached" cluster.
 * - "project": each sandbox belongs to its compose project (the label of its
 *   first container that has one); sandboxes of no project stay as they are.
 *
 * A cluster of two or more sandboxes is drawn as one "cluster" node unless
 * its ID is in `expanded`; a lone sandbox is drawn as itself. The edges into
 * a drawn cluster's sandboxes become one "link" edge per source: a network's
 * endpoints, or the host's published ports and host-mode marks (`kind:
 * "ports"`, a side edge for layout). Networks and the host stay, and every
 * node and edge the folding does not touch is the same object, so memoised
 * canvas nodes see no change; when nothing folds, the graph itself is returned.
 */
import { projectOf } from "../topology/describe";
import { SANDBOX_HOST_HANDLE, UNATTACHED_KEY, clusterNodeId, linkEdgeId, networkNodeId } from "./ids";
import { CLUSTER_WIDTH, clusterHeight } from "./to-graph";
import type { ClusterBy, ClusterGraphNode, Graph, GraphEdge, GraphNode, LinkGraphEdge, NetworkGraphNode, SandboxGraphNode } from "./types";

export type GroupBy = "none" | ClusterBy;

export interface GroupOptions {
  by: GroupBy;
  /** Cluster node IDs drawn open (their sandboxes as ordinary nodes). */
  expanded: ReadonlySet<string>;
}

export const UNATTACHED_LABEL = "not on a network";

/** The compose project of a sandbox: that of its first container that has one. */
function sandboxProject(n: SandboxGraphNode): string | null {
  for (const c of n.data.sandbox.containers) {
    const p = projectOf(c.labels);
    if (p !== null) return p;
  }
  return null;
}

interface Membership {
  id: string;
  key: string;
}

/** Sandbox node ID → its cluster, for every sandbox whose cluster has another member. */
function memberships(graph: Graph, by: ClusterBy): Map<string, Membership> {
  const sandboxes = graph.nodes.filter((n): n is SandboxGraphNode => n.type === "sandbox");
  const candidate = new Map<string, Membership>();
  const of = (key: string): Membership => ({ id: clusterNodeId(by, key), key });
  if (by === "network") {
    const networks = new Map(graph.nodes.filter((n): n is NetworkGraphNode => n.type === "network").map((n) => [n.id, n]));
    for (const e of graph.edges) {
      const network = e.type === "endpoint" ? networks.get(e.source) : undefined;
      if (network && !candidate.has(e.target)) candidate.set(e.target, of(network.data.network.id));
    }
    for (const s of sandboxes) if (!candidate.has(s.id)) candidate.set(s.id, of(UNATTACHED_KEY));
  } else {
    for (const s of sandboxes) {
      const project = sandboxProject(s);
      if (project !== null) candidate.set(s.id, of(project));
    }
  }
  const size = new Map<string, number>();
  for (const m of candidate.values()) size.set(m.id, (size.get(m.id) ?? 0) + 1);
  const out = new Map<string, Membership>();
  for (const s of sandboxes) {
    const m = candidate.get(s.id);
    if (m !== undefined && (size.get(m.id) ?? 0) > 1) out.set(s.id, m);
  }
  return out;
}

/**
 * Sandbox node ID → the ID of the cluster it folds into under `by`, for every
 * sandbox whose cluster has at least one other member, expanded or not.
 */
export function clusterAssignment(graph: Graph, by: GroupBy): Map<string, string> {
  if (by === "none") return new Map();
  return new Map([...memberships(graph, by)].map(([sandbox, m]) => [sandbox, m.id]));
}

/**
 * The cluster a sandbox node folds into under `by`, or null (no grouping, no
 * project, or the only one of its cluster). Expansion does not matter: an
 * expanded cluster's sandboxes still name it, so the canvas can close it.
 */
export function clusterOf(graph: Graph, by: GroupBy, sandboxNodeId: string): string | null {
  return clusterAssignment(graph, by).get(sandboxNodeId) ?? null;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

interface ClusterAcc {
  id: string;
  by: ClusterBy;
  key: string;
  members: SandboxGraphNode[];
  endpointCount: number;
  networks: Set<string>;
}

interface LinkAcc {
  edge: LinkGraphEdge;
  ports: number;
  hostMode: number;
}

function linkLabel(acc: LinkAcc): string {
  const { kind, count } = acc.edge.data;
  if (kind === "endpoints") return plural(count, "endpoint");
  const parts: string[] = [];
  if (acc.ports > 0) parts.push(plural(acc.ports, "published port"));
  if (acc.hostMode > 0) parts.push(`${acc.hostMode} in host mode`);
  return parts.join(", ");
}

function clusterNode(acc: ClusterAcc, networks: ReadonlyMap<string, NetworkGraphNode>): ClusterGraphNode {
  const home = acc.by === "network" ? networks.get(networkNodeId(acc.key)) : undefined;
  const label = acc.by === "project" ? acc.key : (home?.data.network.name ?? UNATTACHED_LABEL);
  const stopped = acc.members.filter((m) => m.data.stopped).length;
  const data: ClusterGraphNode["data"] = {
    by: acc.by,
    key: acc.key,
    label,
    driver: home?.data.network.driver ?? null,
    sandboxCount: acc.members.length,
    running: acc.members.length - stopped,
    stopped,
    containerCount: acc.members.reduce((n, m) => n + m.data.sandbox.containers.length, 0),
    endpointCount: acc.endpointCount,
    members: acc.members.map((m) => m.id).sort(),
    ...(acc.by === "project" ? { networks: [...acc.networks].sort() } : {}),
  };
  return { id: acc.id, type: "cluster", position: { x: 0, y: 0 }, width: CLUSTER_WIDTH, height: clusterHeight(data), data };
}

/** Whether a network is the cluster's own: its members' primary network, or a network of the same compose project. */
function isHome(acc: ClusterAcc, source: NetworkGraphNode | undefined): boolean {
  if (source === undefined) return false;
  return acc.by === "network" ? source.data.network.id === acc.key : projectOf(source.data.network.labels) === acc.key;
}

/** The graph with sandboxes folded into cluster nodes under `options` (see the file comment). */
export function groupGraph(graph: Graph, options: GroupOptions): Graph {
  if (options.by === "none") return graph;
  const by = options.by;
  const folded = new Map<string, Membership>();
  for (const [sandbox, m] of memberships(graph, by)) if (!options.expanded.has(m.id)) folded.set(sandbox, m);
  if (folded.size === 0) return graph;

  // Nodes: each cluster takes the place of its first member.
  const clusters = new Map<string, ClusterAcc>();
  const networks = new Map<string, NetworkGraphNode>();
  const slots: (GraphNode | ClusterAcc)[] = [];
  for (const n of graph.nodes) {
    if (n.type === "network") networks.set(n.id, n);
    const m = n.type === "sandbox" ? folded.get(n.id) : undefined;
    if (n.type !== "sandbox" || m === undefined) {
      slots.push(n);
      continue;
    }
    let acc = clusters.get(m.id);
    if (acc === undefined) {
      acc = { id: m.id, by, key: m.key, members: [], endpointCount: 0, networks: new Set() };
      clusters.set(m.id, acc);
      slots.push(acc);
    }
    acc.members.push(n);
  }

  // Edges: each link takes the place of the first edge it stands for.
  const links = new Map<string, LinkAcc>();
  const edges: GraphEdge[] = [];
  for (const e of graph.edges) {
    const acc = e.type === "link" ? undefined : clusters.get(folded.get(e.target)?.id ?? "");
    if (e.type === "link" || acc === undefined) {
      edges.push(e);
      continue;
    }
    const id = linkEdgeId(e.source, acc.id);
    let link = links.get(id);
    if (link === undefined) {
      const source = networks.get(e.source);
      const ports = e.type !== "endpoint";
      link = {
        edge: {
          id,
          type: "link",
          source: e.source,
          target: acc.id,
          ...(ports ? { targetHandle: SANDBOX_HOST_HANDLE } : {}),
          data: {
            kind: ports ? "ports" : "endpoints",
            count: 0,
            active: 0,
            home: !ports && isHome(acc, source),
            driver: ports ? "" : (source?.data.network.driver ?? ""),
            label: "",
            replaces: [],
          },
        },
        ports: 0,
        hostMode: 0,
      };
      links.set(id, link);
      edges.push(link.edge);
    }
    const d = link.edge.data;
    d.count++;
    d.replaces.push(e.id);
    if (e.type === "endpoint") {
      acc.endpointCount++;
      acc.networks.add(e.data.networkName);
      if (e.data.endpoint.active) d.active++;
    } else {
      if (e.type === "port") link.ports++;
      else link.hostMode++;
      if (!e.data.stopped) d.active++;
    }
  }
  for (const link of links.values()) link.edge.data.label = linkLabel(link);

  const nodes = slots.map((s): GraphNode => ("members" in s ? clusterNode(s, networks) : s));
  return { nodes, edges };
}
