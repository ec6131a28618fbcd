/**
 * The advisor's findings grouped by kind, so a thousand of them read as a
 * handful of entries: one group per kind with its severity (the most severe
 * of its findings), the findings themselves, the objects involved (each once),
 * a title with the count, why the kind matters (said once), and, where one
 * command fixes every finding of the kind, that command. Pure.
 */
import { shellQuote } from "../commands/docker-cli";
import { FORWARD_WHY, VXLAN_OVERHEAD, type Finding, type FindingKind, type FindingObject, type Severity } from "./advisor";

export interface FindingGroup {
  kind: FindingKind;
  /** The most severe of its findings. */
  severity: Severity;
  /** In the advisor's order (most severe first, then as advise() listed them). */
  findings: readonly Finding[];
  /**
   * What the findings are about: each finding's first object (the container
   * or network it names), each once, in the findings' order.
   */
  subjects: readonly FindingObject[];
  /** The other objects the findings involve (the networks a container is on...), each once, none of them a subject. */
  related: readonly FindingObject[];
  /** The finding's own title for a group of one; else the count and what it means ("412 containers are on the default bridge"). */
  title: string;
  /** The finding's own explanation for a group of one; else the kind's, said once for all. */
  why: string;
  /** One command that fixes every finding of a group of several, where such a command is simple and correct; else null. */
  fixAll: string | null;
}

export interface FindingSummary {
  total: number;
  /** How many kinds (groups) the findings fall into. */
  kinds: number;
  bySeverity: Record<Severity, number>;
}

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A group of several: how many, and what they have in common. */
const GROUP_TITLE: Record<FindingKind, (n: number) => string> = {
  "default-bridge": (n) => `${n} containers are on the default bridge`,
  "unused-network": (n) => `${n} networks are not used by any container`,
  "subnet-overlap": (n) => `${n} pairs of networks have overlapping subnets`,
  "mtu-path": (n) => `${n} containers are on networks with different MTUs`,
  "mtu-host": (n) => `${n} networks have an MTU that does not match the host's`,
  "overlay-unencrypted": (n) => `${n} overlay networks are not encrypted`,
  "no-ip-range": (n) => `${n} macvlan or ipvlan networks have no --ip-range reservation`,
  "published-all-interfaces": (n) => `${n} containers publish ports on all interfaces`,
  "many-networks": (n) => `${n} containers are on many networks`,
  "stopped-endpoints": (n) => `${n} containers that are not running still hold endpoints`,
  "icc-disabled": (n) => `${n} networks have ICC off, yet several containers share each`,
  "forward-accept": () => "The host forwards whatever no rule drops (FORWARD policy ACCEPT)",
  "ingress-published": (n) => `${n} services publish ports on every node through the routing mesh`,
  "single-replica": (n) => `${n} services run a single replica`,
  "overlay-node-overlap": (n) => `${n} overlay subnets contain a swarm node's address`,
};

/** Why a kind matters, in plain words, without naming any one object. */
export const KIND_WHY: Record<FindingKind, string> = {
  "default-bridge":
    "Docker's default bridge is the legacy network: containers on it cannot resolve each other by name (no embedded DNS; only the deprecated --link), every container started without --network lands on it and can reach all the others, and its settings are the daemon's, not yours. A user-defined network gives name resolution and isolation.",
  "unused-network":
    "No container, running or stopped, has an endpoint on these networks. An unused network still holds its subnet out of the address pool, and a bridge network keeps a Linux bridge and firewall rules on the host. A swarm network may still be used by services on other nodes, which this node cannot see.",
  "subnet-overlap":
    "Two networks that claim the same addresses give the host (and a container on both) two routes for them, and traffic goes to whichever wins: containers on the other network, or hosts outside with those addresses, become unreachable or get the wrong peer. Recreate one network of each pair on a free range; each finding says which.",
  "mtu-path":
    "A container on networks with different MTUs forwards or answers packets sized for one link on another: anything above the smallest MTU is fragmented or, with path-MTU discovery blocked, silently dropped, which shows as connections that hang on large transfers (TLS handshakes, big responses). Give the networks on one path the same MTU.",
  "mtu-host": `A network whose MTU exceeds what the host's link carries (less ${VXLAN_OVERHEAD} bytes of VXLAN for an overlay) sends packets that are fragmented or dropped on the way out, so connections stall on large transfers; one below it works, but every full-size transfer takes more packets than needed.`,
  "overlay-unencrypted":
    "Traffic between containers on an overlay crosses the network between swarm nodes as plain VXLAN: anyone on that path can read and inject it. With --opt encrypted the nodes wrap it in IPsec (at some CPU cost). Recreating an overlay requires disconnecting its containers and services first.",
  "no-ip-range":
    "A macvlan or ipvlan network puts containers straight on the physical network, but Docker's IPAM does not know which addresses that network's DHCP server or other hosts already use: without --ip-range it hands out the whole subnet, and a container can take a router's or a laptop's address. Reserve a range the DHCP server does not use.",
  "published-all-interfaces":
    "A port published without an address listens on every interface of the host, so any network the host is on can reach it, and Docker's own firewall rules let it through ahead of ufw or firewalld. Bind it to 127.0.0.1 (or one interface's address) unless it must be public. Ports are fixed at creation, so each container must be recreated.",
  "many-networks":
    "Every network a container joins makes it reachable from everything else on that network and lets it bridge traffic between them, and its default route and DNS answers depend on the order of its networks, which is hard to predict. Keep each container on the networks it needs.",
  "stopped-endpoints":
    "A container that is not running keeps its endpoint configuration (and aliases): its networks cannot be removed cleanly while it does (if one is removed anyway, the container fails to start), and its names answer nothing in the meantime. Start it, remove it, or disconnect it.",
  "icc-disabled":
    "With com.docker.network.bridge.enable_icc=false, containers on one network cannot open connections to each other, only to the outside and to published ports elsewhere. If that isolation is intended, nothing to do; if they are meant to talk, put them on a network that allows it.",
  "forward-accept": FORWARD_WHY,
  "ingress-published":
    "A port published in ingress mode listens on every node of the swarm, whether or not it runs a task of the service: the ingress network forwards each connection to a task, and Docker's rules let it in ahead of the host's firewall. Publish in host mode (only nodes that run a task answer) or not at all where the port must not be public on every node.",
  "single-replica":
    "A replicated service with one task answers nothing while that task restarts or is updated, or while its node fails or is drained. Two or more replicas, spread over nodes, keep it answering.",
  "overlay-node-overlap":
    "An overlay whose subnet contains a swarm node's own address routes that address into the overlay: its containers and tasks cannot reach the node, and the node's own VXLAN traffic can loop into the tunnel. Give the overlay a range no node uses.",
};

function objectKey(o: FindingObject): string {
  return `${o.kind}:${o.id}`;
}

/**
 * The single command that fixes every finding of the kind at once, only where
 * it does exactly what running each finding's fix would: `docker network rm`
 * takes several networks. Other kinds' fixes are per object (recreate, move
 * to a network of its own...) and are not merged.
 */
function fixAllOf(kind: FindingKind, findings: readonly Finding[]): string | null {
  if (findings.length < 2) return null;
  if (kind === "unused-network") {
    const names = findings.map((f) => f.objects[0]).filter((o): o is FindingObject => o?.kind === "network").map((o) => o.name);
    if (names.length !== findings.length) return null;
    return ["docker", "network", "rm", ...names].map(shellQuote).join(" ");
  }
  return null;
}

function groupOf(kind: FindingKind, findings: readonly Finding[]): FindingGroup {
  const subjects = new Map<string, FindingObject>();
  for (const f of findings) {
    const o = f.objects[0];
    if (o && !subjects.has(objectKey(o))) subjects.set(objectKey(o), o);
  }
  const related = new Map<string, FindingObject>();
  for (const f of findings) {
    for (const o of f.objects.slice(1)) {
      const key = objectKey(o);
      if (!subjects.has(key) && !related.has(key)) related.set(key, o);
    }
  }
  const severity = findings.reduce<Severity>((worst, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst] ? f.severity : worst), "info");
  const only = findings.length === 1 ? findings[0] : undefined;
  return {
    kind,
    severity,
    findings,
    subjects: [...subjects.values()],
    related: [...related.values()],
    title: only ? only.title : GROUP_TITLE[kind](findings.length),
    why: only ? only.why : KIND_WHY[kind],
    fixAll: fixAllOf(kind, findings),
  };
}

/**
 * One group per kind, most severe first, then the larger first; kinds of the
 * same severity and size keep the order in which their first finding came.
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const byKind = new Map<FindingKind, Finding[]>();
  for (const f of findings) {
    const list = byKind.get(f.kind);
    if (list) list.push(f);
    else byKind.set(f.kind, [f]);
  }
  return [...byKind.entries()]
    .map(([kind, list], order) => ({ group: groupOf(kind, list), order }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.group.severity] - SEVERITY_RANK[b.group.severity] ||
        b.group.findings.length - a.group.findings.length ||
        a.order - b.order,
    )
    .map((x) => x.group);
}

/** The counts the badge and the severity filter show. */
export function summarizeFindings(findings: readonly Finding[]): FindingSummary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const kinds = new Set<FindingKind>();
  for (const f of findings) {
    bySeverity[f.severity]++;
    kinds.add(f.kind);
  }
  return { total: findings.length, kinds: kinds.size, bySeverity };
}

/** The count as the header badge says it: "3 kinds · 902", "1 kind · 1", or "0". */
export function summaryCount(s: FindingSummary): string {
  if (s.total === 0) return "0";
  return `${s.kinds} ${s.kinds === 1 ? "kind" : "kinds"} · ${s.total}`;
}
