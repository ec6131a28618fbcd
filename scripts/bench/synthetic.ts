/**
 * A deterministic generator of synthetic engine JSON for the benchmark (and
 * any test that needs a large engine): `GET /networks`, `GET
 * /containers/json?all=1` and the container inspects, shaped like Docker
 * 20.10's own (see test/fixtures/engine/local.json):
 *
 *  - IDs are 64 hex characters; container Names carry the leading slash;
 *  - Docker's predefined `bridge`, `host` and `none` networks, then user
 *    bridge networks (some internal, some with an IP range, some IPv6, some
 *    with ICC off), each with its own subnet;
 *  - containers on 1-3 networks, HostConfig.NetworkMode naming the first
 *    (or "default" on the default bridge), a few in `host` or `none` mode;
 *  - ~10% join another container's namespace (`container:<full id>`, with
 *    no networks of their own), ~15% are stopped: "exited" (NetworkID kept,
 *    EndpointID / IPAddress / MacAddress empty) or "created" (never started:
 *    NetworkID empty too);
 *  - published ports on some running containers;
 *  - inspect details with aliases as the engine reports them: on user
 *    networks the `--network-alias` names then the short ID, null elsewhere
 *    and for containers that never started.
 *
 * The same options and seed always give the same JSON.
 */
import type {
  EngineContainerDetail,
  EngineContainerSummary,
  EngineEndpointSettings,
  EngineNetwork,
  EnginePort,
  EngineSnapshot,
} from "../../lib/topology/engine-json";
import { seededRandom } from "../../test/support/random";

export interface SyntheticOptions {
  /** Containers in total, joiners and stopped ones included. */
  containers: number;
  /** Networks in total, Docker's three predefined ones included (at least 3). */
  networks: number;
  seed?: number;
  /** Share of containers that join another's namespace (default 0.1). */
  joinerRatio?: number;
  /** Share of containers that are stopped (default 0.15). */
  stoppedRatio?: number;
}

/** The full engine shapes, as the list and inspect return them (supersets of engine-json's). */
export interface SyntheticEndpoint extends EngineEndpointSettings {
  IPAMConfig: Record<string, string> | null;
  Links: string[] | null;
  Aliases: string[] | null;
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  IPv6Gateway: string;
  GlobalIPv6Address: string;
  GlobalIPv6PrefixLen: number;
  MacAddress: string;
  DriverOpts: Record<string, string> | null;
}

export interface SyntheticContainer extends EngineContainerSummary {
  ImageID: string;
  Command: string;
  Created: number;
  Ports: EnginePort[];
  Labels: Record<string, string>;
  Status: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Networks: Record<string, SyntheticEndpoint> };
  Mounts: unknown[];
}

export interface SyntheticDetail extends EngineContainerDetail {
  Name: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Networks: Record<string, SyntheticEndpoint> };
}

export interface SyntheticNetwork extends EngineNetwork {
  /** Always empty in the list since API 1.28. */
  Containers: Record<string, unknown>;
}

export interface SyntheticSnapshot extends EngineSnapshot {
  networks: SyntheticNetwork[];
  containers: SyntheticContainer[];
  details: Record<string, SyntheticDetail | undefined>;
}


const WORDS = ["web", "api", "db", "cache", "queue", "worker", "auth", "proxy", "search", "mail", "metrics", "logs"];
const IMAGE = "cnmap-test-busybox:latest";
const IMAGE_ID = "sha256:6fbe6d6e5b0b313e01ee85bf37ebba433cef7d8cfd032198bdab62e87bef5523";
const BASE_TIME = Date.UTC(2026, 10, 23, 10, 0, 0); // fixed, so the output is deterministic

/** The engine's RFC 3339 time with nanoseconds, e.g. "2026-11-23T10:41:39.552302988Z". */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "000000Z");
}

interface NetPlan {
  net: SyntheticNetwork;
  /** The subnet's first two octets and the next host number, for IPv4 allocation. */
  base: [number, number];
  prefixLen: number;
  gateway: string;
  next: number;
  /** "fd00:2a::" for IPv6 networks, else null. */
  v6: string | null;
  /** User networks give aliases; the default bridge, host and none do not. */
  user: boolean;
  /** host / none: endpoints without addresses. */
  addressless: boolean;
}

function emptyEndpoint(): SyntheticEndpoint {
  return {
    IPAMConfig: null,
    Links: null,
    Aliases: null,
    NetworkID: "",
    EndpointID: "",
    Gateway: "",
    IPAddress: "",
    IPPrefixLen: 0,
    IPv6Gateway: "",
    GlobalIPv6Address: "",
    GlobalIPv6PrefixLen: 0,
    MacAddress: "",
    DriverOpts: null,
  };
}

export function syntheticSnapshot(options: SyntheticOptions): SyntheticSnapshot {
  const { containers: containerCount, networks: networkCount } = options;
  if (networkCount < 3) throw new Error("networks must be at least 3 (Docker's bridge, host and none)");
  const joinerRatio = options.joinerRatio ?? 0.1;
  const stoppedRatio = options.stoppedRatio ?? 0.15;
  const random = seededRandom(options.seed ?? 42);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const hex = (length: number): string => {
    let s = "";
    while (s.length < length) s += (int(0x10000) + 0x10000).toString(16).slice(1);
    return s.slice(0, length);
  };

  // --- networks -----------------------------------------------------------
  const plans: NetPlan[] = [];
  const predefined = (name: string, driver: string, driverOptions: Record<string, string> | null, subnet: string | null): SyntheticNetwork => ({
    Name: name,
    Id: hex(64),
    Created: iso(BASE_TIME),
    Scope: "local",
    Driver: driver,
    EnableIPv6: false,
    IPAM: { Driver: "default", Options: null, Config: subnet ? [{ Subnet: subnet }] : [] },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Containers: {},
    Options: driverOptions ?? {},
    Labels: {},
  });
  const bridge = predefined(
    "bridge",
    "bridge",
    {
      "com.docker.network.bridge.default_bridge": "true",
      "com.docker.network.bridge.enable_icc": "true",
      "com.docker.network.bridge.enable_ip_masquerade": "true",
      "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
      "com.docker.network.bridge.name": "docker0",
      "com.docker.network.driver.mtu": "1500",
    },
    "172.17.0.0/16",
  );
  plans.push({ net: bridge, base: [172, 17], prefixLen: 16, gateway: "172.17.0.1", next: 2, v6: null, user: false, addressless: false });
  const none = predefined("none", "null", null, null);
  const host = predefined("host", "host", null, null);
  plans.push({ net: none, base: [0, 0], prefixLen: 0, gateway: "", next: 0, v6: null, user: false, addressless: true });
  plans.push({ net: host, base: [0, 0], prefixLen: 0, gateway: "", next: 0, v6: null, user: false, addressless: true });

  const userPlans: NetPlan[] = [];
  for (let k = 0; k < networkCount - 3; k++) {
    // A /16 per network (10.0.0.0/16, 10.1.0.0/16, ... then 11.x): room for any container count.
    const base: [number, number] = [10 + (k >> 8), k & 255];
    const subnet = `${base[0]}.${base[1]}.0.0/16`;
    const ipRange = k % 5 === 1;
    const ipv6 = k % 10 === 3;
    const internal = k % 7 === 2;
    // With --ip-range and no --gateway the engine takes the range's first address as gateway (as in the fixture).
    const gateway = ipRange ? `${base[0]}.${base[1]}.128.0` : `${base[0]}.${base[1]}.0.1`;
    const v6 = ipv6 ? `fd00:${k.toString(16)}::` : null;
    const config: NonNullable<NonNullable<EngineNetwork["IPAM"]>["Config"]> = [
      ipRange ? { Subnet: subnet, IPRange: `${base[0]}.${base[1]}.128.0/17` } : { Subnet: subnet, Gateway: gateway },
    ];
    if (v6) config.push({ Subnet: `${v6}/64` });
    const netOptions: Record<string, string> = k % 11 === 4 ? { "com.docker.network.bridge.enable_icc": "false" } : {};
    const net: SyntheticNetwork = {
      Name: `${pick(WORDS)}-net-${k}`,
      Id: hex(64),
      Created: iso(BASE_TIME + 60_000 + k * 1000),
      Scope: "local",
      Driver: "bridge",
      EnableIPv6: ipv6,
      IPAM: { Driver: "default", Options: {}, Config: config },
      Internal: internal,
      Attachable: false,
      Ingress: false,
      ConfigFrom: { Network: "" },
      ConfigOnly: false,
      Containers: {},
      Options: netOptions,
      Labels: k % 3 === 0 ? { "com.docker.compose.project": `proj${k % 17}`, "com.docker.compose.network": "default" } : {},
    };
    const plan: NetPlan = { net, base, prefixLen: 16, gateway, next: ipRange ? 128 * 256 + 1 : 2, v6, user: true, addressless: false };
    plans.push(plan);
    userPlans.push(plan);
  }

  // --- containers ---------------------------------------------------------
  const containers: SyntheticContainer[] = [];
  const details: Record<string, SyntheticDetail | undefined> = {};
  /** Running namespace owners, for joiners to join. */
  const owners: SyntheticContainer[] = [];
  let hostPort = 20000;

  for (let i = 0; i < containerCount; i++) {
    const id = hex(64);
    const shortId = id.slice(0, 12);
    const name = `/${pick(WORDS)}-${i}`;
    const stopped = random() < stoppedRatio;
    const neverStarted = stopped && random() < 0.4;
    const state = neverStarted ? "created" : stopped ? "exited" : "running";
    const status = neverStarted ? "Created" : stopped ? `Exited (${pick([0, 1, 137])}) ${1 + int(50)} minutes ago` : `Up ${1 + int(59)} minutes`;
    const labels: Record<string, string> = { "com.docker.compose.service": name.slice(1).split("-")[0] ?? "svc" };
    const created = Math.floor(BASE_TIME / 1000) + 3600 + i;
    const base = {
      Id: id,
      Names: [name],
      Image: IMAGE,
      ImageID: IMAGE_ID,
      Command: "sleep 600",
      Created: created,
      Labels: labels,
      State: state,
      Status: status,
      Mounts: [],
    };

    const joinTarget = owners.length > 0 && random() < joinerRatio ? pick(owners) : undefined;
    if (joinTarget) {
      // Shares joinTarget's namespace: no networks or ports of its own.
      const mode = `container:${joinTarget.Id}`;
      containers.push({ ...base, Ports: [], HostConfig: { NetworkMode: mode }, NetworkSettings: { Networks: {} } });
      details[id] = { Id: id, Name: name, HostConfig: { NetworkMode: mode }, NetworkSettings: { Networks: {} } };
      continue;
    }

    // Which networks: mostly user networks (1-3 of them), some on the default bridge, a few host / none.
    const roll = random();
    let attached: NetPlan[];
    let mode: string;
    if (roll < 0.01) {
      attached = [plans[2] as NetPlan];
      mode = "host";
    } else if (roll < 0.02) {
      attached = [plans[1] as NetPlan];
      mode = "none";
    } else if (roll < 0.08 || userPlans.length === 0) {
      attached = [plans[0] as NetPlan];
      mode = "default";
    } else {
      const r = random();
      const count = Math.min(userPlans.length, r < 0.55 ? 1 : r < 0.85 ? 2 : 3);
      const chosen = new Set<NetPlan>();
      while (chosen.size < count) chosen.add(pick(userPlans));
      attached = [...chosen];
      mode = attached[0]?.net.Name ?? "default";
    }

    const networks: Record<string, SyntheticEndpoint> = {};
    const detailNetworks: Record<string, SyntheticEndpoint> = {};
    const extraAliases = random() < 0.3 ? [name.slice(1).split("-")[0] ?? "svc"] : [];
    for (const plan of attached) {
      const ep = emptyEndpoint();
      if (plan.user && attached.length > 1 && plan !== attached[0]) ep.IPAMConfig = {};
      if (!neverStarted) ep.NetworkID = plan.net.Id;
      if (state === "running") {
        ep.EndpointID = hex(64);
        if (!plan.addressless) {
          const n = plan.next++;
          const octets = [plan.base[0], plan.base[1], (n >> 8) & 255, n & 255];
          ep.IPAddress = octets.join(".");
          ep.IPPrefixLen = plan.prefixLen;
          ep.Gateway = plan.gateway;
          ep.MacAddress = ["02", "42", ...octets.map((o) => o.toString(16).padStart(2, "0"))].join(":");
          if (plan.v6) {
            ep.GlobalIPv6Address = `${plan.v6}${n.toString(16)}`;
            ep.GlobalIPv6PrefixLen = 64;
            ep.IPv6Gateway = `${plan.v6}1`;
          }
        }
      }
      networks[plan.net.Name] = ep;
      // The inspect reports the same endpoint, plus aliases: on user networks
      // the --network-alias names then the short ID, once the container has
      // been started; null elsewhere.
      const aliases = plan.user && !neverStarted ? [...extraAliases, shortId] : null;
      detailNetworks[plan.net.Name] = { ...ep, Aliases: aliases };
    }

    const ports: EnginePort[] = [];
    if (state === "running" && mode !== "host" && mode !== "none" && random() < 0.2) {
      const published = hostPort++;
      const privatePort = pick([80, 443, 5432, 6379, 8080]);
      ports.push({ IP: "0.0.0.0", PrivatePort: privatePort, PublicPort: published, Type: "tcp" });
      ports.push({ IP: "::", PrivatePort: privatePort, PublicPort: published, Type: "tcp" });
      if (random() < 0.3) ports.push({ PrivatePort: 9000, Type: "tcp" }); // exposed, not published
    }

    const container: SyntheticContainer = {
      ...base,
      Ports: ports,
      HostConfig: { NetworkMode: mode },
      NetworkSettings: { Networks: networks },
    };
    containers.push(container);
    details[id] = { Id: id, Name: name, HostConfig: { NetworkMode: mode }, NetworkSettings: { Networks: detailNetworks } };
    if (state === "running" && mode !== "host") owners.push(container);
  }

  // The engine lists containers newest first.
  containers.reverse();
  return { networks: plans.map((p) => p.net), containers, details };
}
