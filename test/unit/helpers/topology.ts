/**
 * Hand-made topologies for edge cases the captured fixtures lack. Not a test
 * file (no `.test.ts`).
 */
import type { Endpoint, Network, Sandbox, Topology } from "@/lib/topology/types";

export type Model = Pick<Topology, "networks" | "sandboxes" | "endpoints">;

export function network(name: string, patch: Partial<Network> = {}): Network {
  return {
    id: `net-${name}`,
    name,
    driver: "bridge",
    scope: "local",
    internal: false,
    attachable: false,
    ingress: false,
    ipv6: false,
    ipam: [],
    options: {},
    labels: {},
    predefined: false,
    configOnly: false,
    configFrom: "",
    ipamDriver: "default",
    ...patch,
  };
}

export function sandbox(name: string, patch: Partial<Sandbox> & { state?: string } = {}): Sandbox {
  const { state = "running", ...rest } = patch;
  const id = `${name.replace(/[^a-z0-9]/g, "").padEnd(12, "0")}ffffffffffff`;
  return {
    id,
    networkMode: "default",
    containers: [{ id, name, image: "busybox", state, status: "", labels: {} }],
    ports: [],
    ...rest,
  };
}

export function endpoint(s: Sandbox, n: Network, ipv4: string, aliases: string[] = [], active = true): Endpoint {
  return {
    id: active ? `ep-${s.id}-${n.id}` : "",
    networkId: n.id,
    sandboxId: s.id,
    containerId: s.id,
    ipv4: active ? ipv4 : "",
    ipv6: "",
    mac: "",
    aliases,
    active,
  };
}
