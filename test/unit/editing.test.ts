import { describe, expect, it } from "vitest";
import { ApiClientError } from "@/lib/client/fetch-json";
import { connectFormPreview, connectFormToBody, EMPTY_CONNECT_FORM, parsePairs, splitList } from "@/lib/editing/connect-form";
import {
  disconnectBody,
  disconnectItemCommand,
  forceApplies,
  parseEndpointEdgeId,
  planDisconnect,
} from "@/lib/editing/disconnect-plan";
import { boxContains, candidateUnderPointer, dropHint, sameHint } from "@/lib/editing/drop-target";
import { actionErrorMessage, sentence } from "@/lib/editing/messages";
import type { Endpoint, Network, Sandbox, Topology } from "@/lib/topology/types";
import { network } from "./helpers/topology";

function net(id: string, name: string, over: Partial<Network> = {}): Network {
  return network(name, { id, ipam: [{ subnet: "172.30.0.0/24", gateway: "172.30.0.1" }], ...over });
}

function sbx(id: string, name: string, networkMode = "front"): Sandbox {
  return {
    id,
    networkMode,
    containers: [{ id, name, image: "busybox", state: "running", status: "Up", labels: {} }],
    ports: [],
  };
}

function ep(networkId: string, sandboxId: string): Endpoint {
  return { id: `e-${networkId}-${sandboxId}`, networkId, sandboxId, containerId: sandboxId, ipv4: "", ipv6: "", mac: "", aliases: [], active: true };
}

const front = net("n1", "front");
const back = net("n2", "back", { ipam: [{ subnet: "10.9.0.0/24" }, { subnet: "fd00:9::/64" }], ipv6: true });
const none = net("n3", "none", { driver: "null", predefined: true, ipam: [] });
const swarm = net("n4", "ovl", { driver: "overlay", scope: "swarm", attachable: true });
const web = sbx("c1", "web");
const db = sbx("c2", "db");
const topo: Pick<Topology, "networks" | "sandboxes" | "endpoints"> = {
  networks: [front, back, none, swarm],
  sandboxes: [web, db],
  endpoints: [ep("n1", "c1"), ep("n2", "c1"), ep("n1", "c2"), ep("n4", "c2")],
};

describe("drop target", () => {
  const boxes = [
    { id: "a", box: { x: 0, y: 0, width: 100, height: 100 } },
    { id: "b", box: { x: 50, y: 50, width: 100, height: 100 } },
  ];
  it("finds the box under the pointer, the topmost (last) when they overlap", () => {
    expect(candidateUnderPointer(boxes, { x: 10, y: 10 })).toBe("a");
    expect(candidateUnderPointer(boxes, { x: 75, y: 75 })).toBe("b");
    expect(candidateUnderPointer(boxes, { x: 140, y: 140 })).toBe("b");
  });
  it("is null when the pointer is over no candidate, even if the dragged node overlaps one", () => {
    expect(candidateUnderPointer(boxes, { x: 200, y: 10 })).toBeNull();
    expect(candidateUnderPointer([], { x: 0, y: 0 })).toBeNull();
  });
  it("counts the edges of a box as inside", () => {
    expect(boxContains({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 10 })).toBe(true);
    expect(boxContains({ x: 0, y: 0, width: 10, height: 10 }, { x: 10.5, y: 10 })).toBe(false);
  });
  it("explains why a drop is refused, with the join rules", () => {
    const onNone = dropHint("net:n3", db, none, topo);
    expect(onNone.verdict.ok).toBe(false);
    expect(onNone.verdict.ok === false && onNone.verdict.reason).toMatch(/cannot be joined later/);
    const joined = dropHint("net:n2", web, back, topo);
    expect(joined.verdict.ok === false && joined.verdict.reason).toMatch(/already connected/);
    expect(dropHint("net:n2", db, back, topo).verdict).toEqual({ ok: true });
  });
  it("compares hints by target and verdict", () => {
    const a = dropHint("net:n2", db, back, topo);
    expect(sameHint(a, { ...a })).toBe(true);
    expect(sameHint(a, null)).toBe(false);
    expect(sameHint(null, null)).toBe(true);
    expect(sameHint(a, dropHint("net:n3", db, none, topo))).toBe(false);
  });
});

describe("connect form", () => {
  it("needs a network", () => {
    const r = connectFormToBody(EMPTY_CONNECT_FORM, "c2", undefined);
    expect(r.body).toBeNull();
    expect(r.errors.networkId).toBe("pick a network");
  });
  it("builds the full body", () => {
    const r = connectFormToBody(
      { networkId: "n2", aliases: "api, api2  db", ipv4: "10.9.0.20", ipv6: "fd00:9::20", linkLocalIps: "169.254.1.1", driverOpts: "a=1\n\nb = x=y" },
      "c2",
      back,
    );
    expect(r.errors).toEqual({});
    expect(r.body).toEqual({
      container: "c2",
      aliases: ["api", "api2", "db"],
      ipv4: "10.9.0.20",
      ipv6: "fd00:9::20",
      linkLocalIps: ["169.254.1.1"],
      driverOpts: { a: "1", b: "x=y" },
    });
  });
  it("leaves out empty fields", () => {
    expect(connectFormToBody({ ...EMPTY_CONNECT_FORM, networkId: "n1" }, "c2", front).body).toEqual({ container: "c2" });
  });
  it("reports each wrong field with the schema's words", () => {
    const r = connectFormToBody(
      { networkId: "n2", aliases: "ok, -bad", ipv4: "fd00::1", ipv6: "10.0.0.1", linkLocalIps: "nope", driverOpts: "novalue" },
      "c2",
      back,
    );
    expect(r.body).toBeNull();
    expect(r.errors.aliases).toMatch(/^"-bad": /);
    expect(r.errors.ipv4).toBe("not an IPv4 address");
    expect(r.errors.ipv6).toBe("not an IPv6 address");
    expect(r.errors.linkLocalIps).toMatch(/"nope": not an IP address/);
    expect(r.errors.driverOpts).toMatch(/write key=value/);
  });
  it("refuses a fixed address outside the network's subnets", () => {
    const r = connectFormToBody({ ...EMPTY_CONNECT_FORM, networkId: "n2", ipv4: "10.8.0.5", ipv6: "fd00:8::5" }, "c2", back);
    expect(r.errors.ipv4).toBe("10.8.0.5 is outside back's subnet 10.9.0.0/24");
    expect(r.errors.ipv6).toBe("fd00:8::5 is outside back's subnet fd00:9::/64");
    // No subnet of that family known: the engine decides.
    expect(connectFormToBody({ ...EMPTY_CONNECT_FORM, networkId: "n1", ipv6: "fd00::5" }, "c2", front).errors).toEqual({});
  });
  it("previews what it can while the form is still wrong", () => {
    expect(connectFormPreview({ ...EMPTY_CONNECT_FORM, aliases: "x y", ipv4: "1.2.3", driverOpts: "k=v\nbad" }, "web")).toEqual({
      container: "web",
      aliases: ["x", "y"],
      ipv4: "1.2.3",
      driverOpts: { k: "v" },
    });
  });
  it("splits lists and pairs", () => {
    expect(splitList(" a,b  c,,")).toEqual(["a", "b", "c"]);
    expect(parsePairs("k=v\nk=w").error).toBe("k is given twice");
    expect(parsePairs("=v").error).toMatch(/key=value/);
  });
});

describe("disconnect plan", () => {
  it("removes at once while the container keeps another endpoint", () => {
    const plan = planDisconnect([{ networkId: "n1", sandboxId: "c1" }], topo);
    expect(plan.needsConfirm).toBe(false);
    expect(plan.items).toEqual([
      { networkId: "n1", networkName: "front", sandboxId: "c1", container: "c1", containerName: "web", forceApplies: false },
    ]);
  });
  it("asks before a container's last endpoint goes, also when several are removed together", () => {
    const single = planDisconnect([{ networkId: "n1", sandboxId: "c1" }], { ...topo, endpoints: [ep("n1", "c1")] });
    expect(single.needsConfirm).toBe(true);
    expect(single.losesLastEndpoint).toEqual(["web"]);
    const both = planDisconnect(
      [
        { networkId: "n1", sandboxId: "c1" },
        { networkId: "n2", sandboxId: "c1" },
        { networkId: "n1", sandboxId: "c1" },
      ],
      topo,
    );
    expect(both.items).toHaveLength(2);
    expect(both.losesLastEndpoint).toEqual(["web"]);
  });
  it("skips endpoints the engine no longer has", () => {
    expect(planDisconnect([{ networkId: "n2", sandboxId: "c2" }], topo).items).toEqual([]);
  });
  it("offers force on swarm and overlay networks only", () => {
    const plan = planDisconnect([{ networkId: "n4", sandboxId: "c2" }], topo);
    expect(plan.forceApplies).toBe(true);
    const item = plan.items[0];
    if (!item) throw new Error("no item");
    expect(disconnectBody(item, true)).toEqual({ container: "c2", force: true });
    expect(disconnectItemCommand(item, true)).toBe("docker network disconnect --force ovl db");
    expect(disconnectItemCommand(item, false)).toBe("docker network disconnect ovl db");
    const local = planDisconnect([{ networkId: "n1", sandboxId: "c2" }], topo).items[0];
    if (!local) throw new Error("no item");
    expect(disconnectBody(local, true)).toEqual({ container: "c2" });
    expect(forceApplies({ scope: "local", driver: "overlay" })).toBe(true);
    expect(forceApplies({ scope: "local", driver: "bridge" })).toBe(false);
  });
  it("parses edge IDs", () => {
    expect(parseEndpointEdgeId("ep:abc:def")).toEqual({ networkId: "abc", sandboxId: "def" });
    expect(parseEndpointEdgeId("net:abc")).toBeNull();
  });
});

describe("messages", () => {
  it("passes the server's words through", () => {
    expect(actionErrorMessage(new ApiClientError(409, "Docker: endpoint with name web already exists in network front"))).toBe(
      "Docker: endpoint with name web already exists in network front",
    );
    expect(actionErrorMessage(new ApiClientError(503, ""))).toMatch(/engine/);
    expect(actionErrorMessage(new TypeError("Failed to fetch"))).toMatch(/did not answer/);
  });
  it("ends sentences once", () => {
    expect(sentence("done")).toBe("done.");
    expect(sentence("done.")).toBe("done.");
    expect(sentence("")).toBe("");
  });
});
