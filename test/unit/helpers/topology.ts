/**
 * Hand-made topologies for edge cases the captured fixtures lack. Not a test
 * file (no `.test.ts`).
 */
import type { Endpoint, Network, Sandbox, Topology } from "@/lib/topology/types";
import { must } from "./fixtures";

export type Model = Pick<Topology, "networks" | "sandboxes" | "endpoints">;

/** The model's network with this name (the test fails, naming it, when there is none). */
export function networkNamed(t: Pick<Model, "networks">, name: string): Network {
  return must(
    t.networks.find((n) => n.name === name),
    `network ${name}`,
  );
}

/** The sandbox whose owner container has this name. */
export function sandboxOwnedBy(t: Pick<Model, "sandboxes">, owner: string): Sandbox {
  return must(
    t.sandboxes.find((s) => s.containers[0]?.name === owner),
    `sandbox of ${owner}`,
  );
}

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
    encrypted: false,
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
