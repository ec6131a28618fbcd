/**
 * The body of `GET /api/datapath`: the Linux data path behind the CNM model
 * (issue 13). One declaration for the route, the canvas's Linux layer and
 * the tests.
 */

/** A Linux bridge that backs a bridge network (docker0, br-<id>). */
export interface DatapathBridge {
  networkId: string;
  device: string;
  mtu: number;
  /** The device's operstate: "up", "down" (a bridge with no running port is down), "unknown"... */
  state: string;
  /** Its ports (/sys/class/net/<device>/brif), sorted. */
  ports: string[];
  /** Ports that are the host end of no endpoint the engine knows: left behind, or added by hand. */
  strayPorts: string[];
}

/** The container's end of an endpoint, as `ip -o link` shows it inside the sandbox. */
export interface ContainerInterface {
  name: string;
  ifindex: number;
  /** The peer's ifindex (in the host's namespace for a veth): `eth0@if38`. */
  iflink: number;
  mtu: number;
}

/** The host's end: the veth whose ifindex is the container interface's iflink, and whose iflink is its ifindex. */
export interface HostInterface {
  name: string;
  ifindex: number;
  mtu: number;
  state: string;
}

export interface DatapathEndpoint {
  networkId: string;
  sandboxId: string;
  containerIf: ContainerInterface;
  /** Null when no host interface pairs with it (not a veth: macvlan, ipvlan, overlay inside its own namespace...). */
  hostIf: HostInterface | null;
  /** The bridge the host end is a port of. */
  bridge: string | null;
}

/** A published port's DNAT rule. */
export interface DatapathNat {
  /** "0.0.0.0" when the rule matches every address. */
  hostIp: string;
  hostPort: number;
  protocol: string;
  /** "172.18.0.2:80" */
  to: string;
  /** The rule as iptables-save prints it. */
  rule: string;
  /** Whether a docker-proxy process serves the port too (the userland proxy: loopback and hairpin traffic). */
  proxy: boolean;
}

/** A network's other rules: the way out, its isolation from the others, ICC. */
export interface DatapathNetworkRules {
  networkId: string;
  device: string;
  /** `-A POSTROUTING -s <subnet> ! -o <device> -j MASQUERADE`, or null (an --internal network has none). */
  masquerade: string | null;
  /** The DOCKER-ISOLATION rules that name the device. */
  isolation: string[];
  icc: "on" | "off" | "unknown";
  /** The FORWARD rule that allows (or drops) traffic between the network's own containers. */
  iccRule: string | null;
}

/** "private", "host", or "shared:<container name>" (the container whose namespace it is). */
export type NamespaceMode = "private" | "host" | `shared:${string}`;

export interface DatapathNamespaces {
  sandboxId: string;
  containerId: string;
  container: string;
  net: NamespaceMode;
  pid: NamespaceMode;
  ipc: NamespaceMode;
  uts: NamespaceMode;
}

export interface DatapathResolver {
  sandboxId: string;
  nameservers: string[];
  search: string[];
  options: string[];
  /** Docker's embedded DNS server (127.0.0.11) answers the sandbox's lookups: user-defined networks. */
  embedded: boolean;
}

export interface DatapathRoute {
  /** "default" or a prefix: "172.18.0.0/16". */
  dst: string;
  via?: string;
  dev?: string;
  src?: string;
}

export interface DatapathRoutes {
  sandboxId: string;
  routes: DatapathRoute[];
}

export interface DatapathBody {
  /** False when cnmap cannot see the engine's host at all (a remote engine, another network namespace). */
  available: boolean;
  /** Why not, and how to fix it. */
  reason?: string;
  /** What could not be read although the host is in sight (a permission, a tool, a container without `ip`), each with how to grant it. */
  limits: string[];
  bridges: DatapathBridge[];
  endpoints: DatapathEndpoint[];
  nat: DatapathNat[];
  networks: DatapathNetworkRules[];
  namespaces: DatapathNamespaces[];
  resolvers: DatapathResolver[];
  routes: DatapathRoutes[];
  /** The filter table's FORWARD policy; null when it could not be read. */
  forwardPolicy: "ACCEPT" | "DROP" | null;
}
