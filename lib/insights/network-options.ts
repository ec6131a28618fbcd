/**
 * A network's driver options (`docker network create --opt`) and flags, each
 * explained in words for the inspector. Pure.
 *
 * Values are read the way the engine reads them: booleans with Go's
 * strconv.ParseBool (true/1/t/T/TRUE/True, false/0/f/F/FALSE/False).
 */
import { isAllInterfaces } from "../net/cidr";
import { isDefaultBridge } from "../topology/describe";
import type { Network } from "../topology/types";

/** Go's strconv.ParseBool: null when the text is not a boolean. */
export function parseGoBool(value: string): boolean | null {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  return null;
}

function notBoolean(value: string): string {
  return `"${value}" is not a boolean: the engine expects true or false.`;
}

function boolean(value: string, on: string, off: string): string {
  const b = parseGoBool(value);
  return b === null ? notBoolean(value) : b ? on : off;
}


function gatewayMode(family: "IPv4" | "IPv6", value: string): string {
  switch (value) {
    case "nat":
    case "":
      return `${family}: outgoing traffic is masqueraded (NAT) to the host's address; from outside, containers are reached through published ports only (the default).`;
    case "nat-unprotected":
      return `${family}: NAT as usual, but without the filtering that guards unpublished ports: anyone with a route to this subnet reaches every port of every container.`;
    case "routed":
      return `${family}: no NAT: container addresses are routed as they are, so the outside needs a route to this subnet; only published ports are open from outside.`;
    case "isolated":
      return `${family}: the bridge has no address and there is no gateway: containers reach only each other on this network, neither the host nor anything beyond it.`;
    default:
      return `${family} gateway mode "${value}".`;
  }
}

function parentText(value: string): string {
  const dot = value.lastIndexOf(".");
  const vlan = dot > 0 ? value.slice(dot + 1) : "";
  if (/^\d+$/.test(vlan)) {
    return `Containers' interfaces hang off the host interface ${value}: VLAN ${vlan} on ${value.slice(0, dot)} (Docker creates the VLAN sub-interface if it does not exist, and removes it with the network).`;
  }
  return `Containers' interfaces hang off the host interface ${value}: they appear directly on its network segment.`;
}

type Explainer = (value: string) => string;

const EXPLAIN: Record<string, Explainer> = {
  "com.docker.network.bridge.enable_icc": (v) =>
    boolean(
      v,
      "Inter-container communication is on: containers on this network can talk to each other directly (the default).",
      "Inter-container communication is off: containers on this network cannot talk to each other (the bridge drops traffic between them); they can still go out and be reached through published ports.",
    ),
  "com.docker.network.bridge.enable_ip_masquerade": (v) =>
    boolean(
      v,
      "Outgoing traffic is masqueraded (NAT): machines outside see the host's address, not the container's (the default).",
      "No masquerading: traffic leaves with the container's own address, so the outside network needs a route back to this subnet through the host.",
    ),
  "com.docker.network.bridge.host_binding_ipv4": (v) =>
    isAllInterfaces(v)
      ? "Ports published without a host address listen on every host interface (0.0.0.0)."
      : `Ports published without a host address listen on ${v} only, not on every host interface.`,
  "com.docker.network.bridge.name": (v) =>
    v === "" ? "The Linux bridge takes Docker's default name, br- and the first 12 characters of the network ID." : `The Linux bridge device on the host is ${v} (ip link show ${v}).`,
  "com.docker.network.driver.mtu": (v) =>
    v === "" || v === "0"
      ? "No MTU set: container interfaces use the default of 1500 bytes."
      : /^\d+$/.test(v)
        ? `Container interfaces on this network use an MTU of ${v} bytes (packets larger than that are fragmented or dropped).`
        : `"${v}" is not a number of bytes.`,
  "com.docker.network.bridge.default_bridge": (v) =>
    boolean(
      v,
      "This is Docker's default bridge (docker0), where docker run puts containers without --network: there is no name resolution between its containers, only IP addresses (or legacy --link).",
      "Not Docker's default bridge.",
    ),
  "com.docker.network.container_iface_prefix": (v) =>
    `Interfaces inside containers are named ${v}0, ${v}1, … instead of eth0, eth1, ….`,
  "com.docker.network.bridge.inhibit_ipv4": (v) =>
    boolean(
      v,
      "Docker gives the bridge no IPv4 address: the gateway is expected to be outside Docker (for example a bridge the host shares with its LAN).",
      "Docker assigns the gateway address to the bridge (the default).",
    ),
  "com.docker.network.bridge.gateway_mode_ipv4": (v) => gatewayMode("IPv4", v),
  "com.docker.network.bridge.gateway_mode_ipv6": (v) => gatewayMode("IPv6", v),
  "com.docker.network.bridge.trusted_host_interfaces": (v) =>
    `Traffic arriving on the host interface${v.includes(":") ? "s" : ""} ${v.split(":").filter(Boolean).join(", ")} may reach containers' addresses on this network directly.`,
  "com.docker.network.enable_ipv6": (v) =>
    boolean(v, "IPv6 is enabled: containers also get an address in the network's IPv6 subnet.", "IPv6 is disabled: containers get IPv4 addresses only."),
  "com.docker.network.enable_ipv4": (v) =>
    boolean(v, "IPv4 is enabled: containers get an address in the network's IPv4 subnet.", "IPv4 is disabled: containers get IPv6 addresses only."),
  "com.docker.network.host_ipv4": (v) =>
    `Outgoing IPv4 traffic is masqueraded to the host address ${v}, instead of the address of the interface it leaves by.`,
  "com.docker.network.host_ipv6": (v) =>
    `Outgoing IPv6 traffic is masqueraded to the host address ${v}, instead of the address of the interface it leaves by.`,
  "com.docker.network.driver.overlay.vxlanid_list": (v) => {
    const ids = v.split(",").filter(Boolean);
    return `Traffic between swarm nodes is carried in VXLAN (UDP port 4789) with network identifier${ids.length > 1 ? "s" : ""} ${ids.join(", ")}${ids.length > 1 ? ", one per subnet" : ""}.`;
  },
  // The overlay driver encrypts when the option is present, whatever its value.
  encrypted: () =>
    "Traffic between swarm nodes on this overlay is encrypted with IPsec (ESP); traffic between containers on the same node is not.",
  parent: parentText,
  macvlan_mode: (v) => {
    switch (v) {
      case "bridge":
      case "":
        return "macvlan bridge mode (the default): containers on the same parent talk to each other directly; the host itself cannot reach them through the parent.";
      case "vepa":
        return "macvlan VEPA mode: traffic between containers goes out to the external switch and back (the switch must allow hairpin).";
      case "private":
        return "macvlan private mode: containers on the same parent cannot talk to each other.";
      case "passthru":
        return "macvlan passthru mode: a single container takes over the parent interface.";
      default:
        return `macvlan mode "${v}".`;
    }
  },
  ipvlan_mode: (v) => {
    switch (v) {
      case "l2":
      case "":
        return "ipvlan L2 mode (the default): containers share the parent's MAC address and sit on its layer 2 segment (ARP and broadcast work).";
      case "l3":
        return "ipvlan L3 mode: the host routes for the containers; no broadcast or ARP, and the outside needs a route to these subnets through the host.";
      case "l3s":
        return "ipvlan L3S mode: like L3, and the traffic also passes the host's netfilter (iptables) rules.";
      default:
        return `ipvlan mode "${v}".`;
    }
  },
  ipvlan_flag: (v) => {
    switch (v) {
      case "bridge":
      case "":
        return "ipvlan bridge flag (the default): containers on the same parent talk to each other directly.";
      case "private":
        return "ipvlan private flag: containers on the same parent cannot talk to each other.";
      case "vepa":
        return "ipvlan VEPA flag: traffic between containers goes out to the external switch and back.";
      default:
        return `ipvlan flag "${v}".`;
    }
  },
};

/** What a driver option means, in words; null for an option cnmap does not know. */
export function explainOption(key: string, value: string): string | null {
  if (!Object.hasOwn(EXPLAIN, key)) return null;
  const explain = EXPLAIN[key];
  return explain ? explain(value) : null;
}

/** The options cnmap explains (for tests and documentation). */
export const EXPLAINED_OPTIONS: readonly string[] = Object.keys(EXPLAIN);

export interface NetworkOptionRow {
  key: string;
  value: string;
  explanation: string | null;
}

/** The network's options sorted by key, each with its explanation. */
export function optionRows(options: Record<string, string>): NetworkOptionRow[] {
  return Object.keys(options)
    .sort()
    .map((key) => {
      const value = options[key] ?? "";
      return { key, value, explanation: explainOption(key, value) };
    });
}

export interface NetworkNote {
  /** A short name for the fact, e.g. "internal". */
  flag: string;
  text: string;
}

/** The network's flags that change what it does, each in a sentence. */
export function networkNotes(n: Network): NetworkNote[] {
  const notes: NetworkNote[] = [];
  if (isDefaultBridge(n)) {
    notes.push({
      flag: "default bridge",
      text: "Docker's default bridge: containers on it find each other by IP address only; there is no name resolution between them.",
    });
  }
  if (n.predefined && n.driver === "host") {
    notes.push({ flag: "host", text: "Containers on it share the host's network stack: no isolation, no addresses of their own, no published ports." });
  }
  if (n.predefined && n.driver === "null") {
    notes.push({ flag: "none", text: "Containers on it have a loopback interface only: networking is disabled." });
  }
  if (n.internal) notes.push({ flag: "internal", text: "Internal: there is no route out of the host from this network; containers on it reach only each other." });
  if (n.attachable) notes.push({ flag: "attachable", text: "Attachable: standalone containers (docker run --network) may join it, not only swarm services." });
  if (n.ingress) notes.push({ flag: "ingress", text: "The swarm's ingress network: the routing mesh that carries published service ports to the tasks, on every node." });
  if (n.ipv6) notes.push({ flag: "IPv6", text: "IPv6 is enabled: containers also get an IPv6 address." });
  if (n.configOnly) {
    notes.push({ flag: "config-only", text: "A configuration only: it holds settings for other networks (created with --config-from) and never has endpoints." });
  }
  if (n.configFrom !== "") notes.push({ flag: "config-from", text: `Takes its configuration from the config-only network ${n.configFrom}.` });
  return notes;
}
