/**
 * The data path body from what was read: the topology, the host's
 * interfaces, the docker-proxy processes, the host's iptables-save text, the
 * containers' namespace modes and each sandbox's own view. Pure: every
 * input is data, so it is unit-tested on reads captured from a real engine.
 */
import type { Topology } from "../topology/types";
import type { DockerProxy } from "./host-proc";
import { bridgeRules, dnatRules, forwardPolicy, masqueradeRules, parseIptablesSave } from "./iptables";
import type { IpLink } from "./ip-output";
import { namespaceModes, type ContainerModes } from "./namespaces";
import { bridgeDevice } from "../topology/describe";
import { pairEndpoints, type HostLink } from "./pairing";
import type { ResolvConf } from "./resolv-conf";
import type { DatapathBody, DatapathNat, DatapathNetworkRules, DatapathRoute } from "./types";

/** What was read inside one sandbox; null for what could not be. */
export interface SandboxRead {
  links: IpLink[] | null;
  routes: DatapathRoute[] | null;
  resolv: ResolvConf | null;
  /** Why something could not be read, and how to grant it. */
  limits: string[];
  /** A read failed for a reason that may pass (a timeout, the engine away): read it again next time. */
  transient?: boolean;
}

export interface DatapathInputs {
  topology: Topology;
  host: readonly HostLink[];
  proxies: readonly DockerProxy[];
  /**
   * iptables-save's output, one text per backend read (nft, and legacy when
   * its tables are there too); null when it could not be read. A packet
   * crosses both backends' chains, so a DROP in either wins.
   */
  iptables: readonly string[] | null;
  containers: readonly ContainerModes[];
  /** By sandbox ID. */
  sandboxes: ReadonlyMap<string, SandboxRead>;
}

export function assembleDatapath(input: DatapathInputs): DatapathBody {
  const t = input.topology;
  const links = new Map<string, IpLink[]>();
  for (const [id, r] of input.sandboxes) if (r.links) links.set(id, r.links);
  const pairing = pairEndpoints(t, input.host, links);

  const rulesets = input.iptables === null ? null : input.iptables.map(parseIptablesSave);
  // The same rule in both backends (Docker run with each at some time) is one rule.
  const once = <T extends { rule: string }>(rules: T[]): T[] => [...new Map(rules.map((r) => [r.rule, r])).values()];
  const nat: DatapathNat[] = once((rulesets ?? []).flatMap(dnatRules)).map((r) => ({
    hostIp: r.hostIp,
    hostPort: r.hostPort,
    protocol: r.protocol,
    to: r.to,
    rule: r.rule,
    proxy: input.proxies.some((p) => p.protocol === r.protocol && p.hostPort === r.hostPort && p.to === r.to && p.hostIp === r.hostIp),
  }));

  const networks: DatapathNetworkRules[] = [];
  if (rulesets) {
    const masquerade = rulesets.flatMap(masqueradeRules);
    for (const n of t.networks) {
      const device = bridgeDevice(n);
      if (!device) continue;
      const subnets = new Set(n.ipam.map((c) => c.subnet));
      const each = rulesets.map((rs) => bridgeRules(rs, device));
      // ICC: off in either backend is off; on needs one that accepts.
      const decided = each.find((b) => b.icc === "off") ?? each.find((b) => b.icc === "on");
      networks.push({
        networkId: n.id,
        device,
        masquerade: masquerade.find((m) => m.outInterfaceNot === device && subnets.has(m.source))?.rule ?? null,
        isolation: [...new Set(each.flatMap((b) => b.isolation))],
        icc: decided?.icc ?? "unknown",
        iccRule: decided?.iccRule ?? null,
      });
    }
  }
  const policies = (rulesets ?? []).map(forwardPolicy);
  const policy = policies.includes("DROP") ? "DROP" : policies.includes("ACCEPT") ? "ACCEPT" : null;

  const resolvers = [];
  const routes = [];
  for (const s of t.sandboxes) {
    const r = input.sandboxes.get(s.id);
    if (r?.resolv) resolvers.push({ sandboxId: s.id, nameservers: r.resolv.nameservers, search: r.resolv.search, options: r.resolv.options, embedded: r.resolv.embedded });
    if (r?.routes) routes.push({ sandboxId: s.id, routes: r.routes });
  }

  return {
    available: true,
    limits: pairing.limits,
    bridges: pairing.bridges,
    endpoints: pairing.endpoints,
    nat,
    networks,
    namespaces: namespaceModes(input.containers),
    resolvers,
    routes,
    forwardPolicy: policy,
  };
}
