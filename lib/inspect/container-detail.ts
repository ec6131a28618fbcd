/**
 * The network side of a container's `docker inspect`, for the inspector.
 * Pure. Only network-related fields are copied, by name: nothing else of the
 * engine's JSON (Env, Cmd, Entrypoint, Mounts, Labels...) can leave the
 * server through here, whatever the engine adds in later versions.
 */
import { isUp } from "../topology/describe";
import type { ContainerDetail, ContainerEndpointDetail, ContainerPortDetail } from "./types";

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Copies the listed keys that are present, as they are. */
function pick(source: Json | undefined, keys: readonly string[]): Json | undefined {
  if (!source) return undefined;
  const out: Json = {};
  for (const k of keys) if (k in source) out[k] = source[k];
  return out;
}

const CONFIG_KEYS = ["Hostname", "Domainname", "ExposedPorts"] as const;
const HOST_CONFIG_KEYS = ["NetworkMode", "Dns", "DnsSearch", "DnsOptions", "ExtraHosts", "PortBindings", "PublishAllPorts", "Links"] as const;

/**
 * The network-related subset of an inspect, as the engine returned it: Id,
 * Name, State.Status, Config.{Hostname, Domainname, ExposedPorts},
 * HostConfig.{NetworkMode, Dns, DnsSearch, DnsOptions, ExtraHosts,
 * PortBindings, PublishAllPorts, Links}, and NetworkSettings whole.
 */
export function networkSubset(inspect: unknown): Json {
  const c = obj(inspect) ?? {};
  const raw: Json = {};
  if ("Id" in c) raw.Id = c.Id;
  if ("Name" in c) raw.Name = c.Name;
  const state = obj(c.State);
  if (state && "Status" in state) raw.State = { Status: state.Status };
  const config = pick(obj(c.Config), CONFIG_KEYS);
  if (config) raw.Config = config;
  const hostConfig = pick(obj(c.HostConfig), HOST_CONFIG_KEYS);
  if (hostConfig) raw.HostConfig = hostConfig;
  if ("NetworkSettings" in c) raw.NetworkSettings = c.NetworkSettings;
  return raw;
}

function endpointDetail(network: string, e: Json): ContainerEndpointDetail {
  const ipam = obj(e.IPAMConfig);
  const fixed = {
    ...(str(ipam?.IPv4Address) ? { ipv4: str(ipam?.IPv4Address) } : {}),
    ...(str(ipam?.IPv6Address) ? { ipv6: str(ipam?.IPv6Address) } : {}),
  };
  return {
    network,
    networkId: str(e.NetworkID),
    endpointId: str(e.EndpointID),
    ipv4: str(e.IPAddress),
    ipv4PrefixLen: num(e.IPPrefixLen),
    ipv6: str(e.GlobalIPv6Address),
    ipv6PrefixLen: num(e.GlobalIPv6PrefixLen),
    gateway: str(e.Gateway),
    ipv6Gateway: str(e.IPv6Gateway),
    mac: str(e.MacAddress),
    aliases: strings(e.Aliases),
    dnsNames: strings(e.DNSNames),
    links: strings(e.Links),
    ipamConfig: Object.keys(fixed).length > 0 ? fixed : null,
  };
}

function portOrder(key: string): [number, string] {
  const [port = "", proto = "tcp"] = key.split("/");
  return [Number(port) || 0, proto];
}

function bindings(v: unknown): { hostIp: string; hostPort: string }[] {
  if (!Array.isArray(v)) return [];
  return v.map((b) => obj(b)).filter((b): b is Json => b !== undefined).map((b) => ({ hostIp: str(b.HostIp), hostPort: str(b.HostPort) }));
}

/**
 * Every port the container exposes or publishes. While it runs, the bindings
 * the engine made (NetworkSettings.Ports, with the host ports it picked);
 * otherwise the configured ones (HostConfig.PortBindings; a host port of ""
 * is one the engine will pick). In host mode, or in another container's
 * namespace, Docker ignores `-p`: nothing is published.
 */
function portDetails(config: Json | undefined, hostConfig: Json | undefined, settings: Json | undefined, running: boolean): ContainerPortDetail[] {
  const mode = str(hostConfig?.NetworkMode);
  const publishes = mode !== "host" && !mode.startsWith("container:");
  const live = (publishes && obj(settings?.Ports)) || {};
  const configured = (publishes && obj(hostConfig?.PortBindings)) || {};
  const keys = new Set([...Object.keys(obj(config?.ExposedPorts) ?? {}), ...Object.keys(configured), ...Object.keys(live)]);
  return [...keys]
    .sort((a, b) => {
      const [pa, qa] = portOrder(a);
      const [pb, qb] = portOrder(b);
      return pa - pb || qa.localeCompare(qb);
    })
    .map((key) => ({
      containerPort: key,
      bindings: bindings(running ? live[key] : configured[key]),
    }));
}

/** A container's inspect JSON, reduced to its network configuration and state. */
export function containerDetail(inspect: unknown): ContainerDetail {
  const c = obj(inspect) ?? {};
  const state = obj(c.State);
  const config = obj(c.Config);
  const hostConfig = obj(c.HostConfig);
  const settings = obj(c.NetworkSettings);
  const status = str(state?.Status);
  const running = isUp(status);
  const networks = obj(settings?.Networks) ?? {};
  return {
    id: str(c.Id),
    name: str(c.Name).replace(/^\//, ""),
    image: str(config?.Image),
    state: status,
    hostname: str(config?.Hostname),
    domainname: str(config?.Domainname),
    networkMode: str(hostConfig?.NetworkMode),
    sandboxId: str(settings?.SandboxID),
    // Docker 20.10 keeps the last path in a stopped container's inspect; no namespace is there.
    sandboxKey: running ? str(settings?.SandboxKey) : "",
    dns: strings(hostConfig?.Dns),
    dnsSearch: strings(hostConfig?.DnsSearch),
    dnsOptions: strings(hostConfig?.DnsOptions),
    extraHosts: strings(hostConfig?.ExtraHosts),
    publishAllPorts: hostConfig?.PublishAllPorts === true,
    ports: portDetails(config, hostConfig, settings, running),
    endpoints: Object.entries(networks)
      .map(([name, e]) => ({ name, e: obj(e) }))
      .filter((x): x is { name: string; e: Json } => x.e !== undefined)
      .map(({ name, e }) => endpointDetail(name, e))
      .sort((a, b) => a.network.localeCompare(b.network)),
    raw: networkSubset(inspect),
  };
}
