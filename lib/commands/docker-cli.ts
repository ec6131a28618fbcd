/**
 * The `docker` command equivalent to each cnmap action, for people to read,
 * copy and learn from. Pure; arguments are shell-quoted.
 */
import type { ConnectBody, CreateNetworkBody, DisconnectBody, PruneBody } from "../api/schemas";
import type { EngineEndpoint } from "../engines/config";

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  if (arg !== "" && /^[A-Za-z0-9_./:=,@%+-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function command(args: string[]): string {
  return ["docker", ...args].map(shellQuote).join(" ");
}

function pairs(flag: string, map: Record<string, string> | undefined): string[] {
  return Object.entries(map ?? {}).flatMap(([k, v]) => [flag, `${k}=${v}`]);
}

/** `--opt key` for an empty value, as people write it (`--opt encrypted`); the CLI sends "" for both forms. */
function optionPairs(map: Record<string, string> | undefined): string[] {
  return Object.entries(map ?? {}).flatMap(([k, v]) => ["--opt", v === "" ? k : `${k}=${v}`]);
}

export function createNetworkCommand(b: CreateNetworkBody): string {
  const args = ["network", "create"];
  if (b.driver) args.push("--driver", b.driver);
  if (b.scope) args.push("--scope", b.scope);
  if (b.ipamDriver) args.push("--ipam-driver", b.ipamDriver);
  for (const c of b.ipam ?? []) {
    args.push("--subnet", c.subnet);
    if (c.gateway) args.push("--gateway", c.gateway);
    if (c.ipRange) args.push("--ip-range", c.ipRange);
    args.push(...pairs("--aux-address", c.auxAddresses));
  }
  args.push(...pairs("--ipam-opt", b.ipamOptions));
  if (b.ipv4 === false) args.push("--ipv4=false");
  if (b.ipv6) args.push("--ipv6");
  if (b.internal) args.push("--internal");
  if (b.attachable) args.push("--attachable");
  if (b.ingress) args.push("--ingress");
  if (b.configOnly) args.push("--config-only");
  if (b.configFrom) args.push("--config-from", b.configFrom);
  args.push(...optionPairs(b.options));
  args.push(...pairs("--label", b.labels));
  args.push(b.name);
  return command(args);
}

/** `docker service update --network-add`: the network alone, or `name=N,alias=A,...` with the service's aliases on it. */
export function serviceNetworkAddCommand(service: string, network: string, aliases: readonly string[] = []): string {
  const spec = aliases.length > 0 ? [`name=${network}`, ...aliases.map((a) => `alias=${a}`)].join(",") : network;
  return command(["service", "update", "--network-add", spec, service]);
}

export function serviceNetworkRmCommand(service: string, network: string): string {
  return command(["service", "update", "--network-rm", network, service]);
}

export function removeNetworkCommand(network: string): string {
  return command(["network", "rm", network]);
}

export function pruneNetworksCommand(b: PruneBody): string {
  const args = ["network", "prune", "--force"];
  for (const l of b.labels ?? []) {
    // `!key` and `key!=v` are Docker's negated filter: label!=...
    if (l.startsWith("!")) args.push("--filter", `label!=${l.slice(1)}`);
    else if (l.includes("!=")) args.push("--filter", `label!=${l.replace("!=", "=")}`);
    else args.push("--filter", `label=${l}`);
  }
  if (b.until) args.push("--filter", `until=${b.until}`);
  return command(args);
}

export function connectCommand(network: string, b: ConnectBody): string {
  const args = ["network", "connect"];
  for (const a of b.aliases ?? []) args.push("--alias", a);
  if (b.ipv4) args.push("--ip", b.ipv4);
  if (b.ipv6) args.push("--ip6", b.ipv6);
  for (const l of b.linkLocalIps ?? []) args.push("--link-local-ip", l);
  args.push(...pairs("--driver-opt", b.driverOpts));
  args.push(network, b.container);
  return command(args);
}

export function disconnectCommand(network: string, b: DisconnectBody): string {
  const args = ["network", "disconnect"];
  if (b.force) args.push("--force");
  args.push(network, b.container);
  return command(args);
}

/**
 * The Docker context that names the same engine as one added to cnmap
 * (`docker --context NAME ...` then reaches it). A certificate folder
 * becomes the context's ca, cert and key files.
 */
export function addEngineCommand(name: string, address: string, endpoint: EngineEndpoint): string {
  let docker = `host=${address}`;
  if (endpoint.kind === "tcp") {
    docker = `host=tcp://${endpoint.host}:${endpoint.port}`;
    const dir = endpoint.tls?.certDir;
    if (dir) docker += `,ca=${dir}/ca.pem,cert=${dir}/cert.pem,key=${dir}/key.pem`;
  }
  return command(["context", "create", name, "--docker", docker]);
}

export function removeEngineCommand(name: string): string {
  return command(["context", "rm", name]);
}
