/** Presentation captions (lib/present/captions), on the topology captured from a real engine and changes made to it. */
import { describe, expect, it } from "vitest";
import { endpointEdgeId, networkNodeId, sandboxNodeId } from "@/lib/graph/ids";
import { describeChanges } from "@/lib/present/captions";
import { buildTopology } from "@/lib/topology/build";
import type { Sandbox } from "@/lib/topology/types";
import { loadFixture, snapshotOf } from "./helpers/fixtures";

const t = buildTopology(snapshotOf(loadFixture("local")));
const withState = (s: Sandbox, state: string): Sandbox => ({ ...s, containers: s.containers.map((c, i) => (i === 0 ? { ...c, state } : c)) });

describe("describeChanges", () => {
  it("says nothing when nothing changed", () => {
    expect(describeChanges(t, t)).toEqual([]);
    expect(describeChanges(t, { ...t, sandboxes: [...t.sandboxes] })).toEqual([]);
  });

  it("tells an endpoint that joined, with its address and no prefix length, and pulses the edge and both ends", () => {
    const e = t.endpoints.find((x) => x.ipv4 !== "");
    expect(e).toBeDefined();
    if (!e) return;
    const before = { ...t, endpoints: t.endpoints.filter((x) => x !== e) };
    const sandbox = t.sandboxes.find((s) => s.id === e.sandboxId);
    const network = t.networks.find((n) => n.id === e.networkId);
    const [c, ...rest] = describeChanges(before, t);
    expect(rest).toEqual([]);
    expect(c?.text).toBe(`${sandbox?.containers[0]?.name} joined ${network?.name} · ${e.ipv4.split("/")[0]}`);
    expect(c?.edges).toEqual([endpointEdgeId(e.networkId, e.sandboxId)]);
    expect(c?.nodes).toEqual([networkNodeId(e.networkId), sandboxNodeId(e.sandboxId)]);
    // And the other way: it left.
    expect(describeChanges(t, before).map((x) => x.text)).toEqual([`${sandbox?.containers[0]?.name} left ${network?.name}`]);
  });

  it("tells a container that came or went once, not again for each of its endpoints", () => {
    const s = t.sandboxes.find((x) => t.endpoints.some((e) => e.sandboxId === x.id) && x.containers[0]?.state === "running");
    expect(s).toBeDefined();
    if (!s) return;
    const without = { ...t, sandboxes: t.sandboxes.filter((x) => x !== s), endpoints: t.endpoints.filter((e) => e.sandboxId !== s.id) };
    expect(describeChanges(without, t).map((c) => c.text)).toEqual([`${s.containers[0]?.name} started`]);
    expect(describeChanges(t, without).map((c) => c.text)).toEqual([`${s.containers[0]?.name} removed`]);
    // Gone, so nothing pulses; but a filtered screen still knows what it was about.
    expect(describeChanges(t, without)[0]).toMatchObject({ nodes: [], about: [sandboxNodeId(s.id)] });
    const created = { ...t, sandboxes: t.sandboxes.map((x) => (x === s ? withState(s, "created") : x)) };
    expect(describeChanges(without, created).map((c) => c.text)).toEqual([`${s.containers[0]?.name} created`]);
  });

  it("tells stops, starts, pauses and renames; a restart that stays up says nothing", () => {
    const s = t.sandboxes.find((x) => x.containers[0]?.state === "running");
    if (!s) throw new Error("the fixture has a running container");
    const name = s.containers[0]?.name;
    const as = (state: string) => ({ ...t, sandboxes: t.sandboxes.map((x) => (x === s ? withState(s, state) : x)) });
    expect(describeChanges(t, as("exited")).map((c) => c.text)).toEqual([`${name} stopped`]);
    expect(describeChanges(as("exited"), t).map((c) => c.text)).toEqual([`${name} started`]);
    expect(describeChanges(t, as("paused")).map((c) => c.text)).toEqual([`${name} paused`]);
    expect(describeChanges(t, as("restarting"))).toEqual([]);
    const renamed = { ...t, sandboxes: t.sandboxes.map((x) => (x === s ? { ...s, containers: s.containers.map((c, i) => (i === 0 ? { ...c, name: "renamed" } : c)) } : x)) };
    expect(describeChanges(t, renamed).map((c) => c.text)).toEqual([`${name} renamed to renamed`]);
  });

  it("tells networks created and removed, and not the endpoints that went with a removed one", () => {
    const n = t.networks.find((x) => t.endpoints.some((e) => e.networkId === x.id) && !x.predefined);
    if (!n) throw new Error("the fixture has a user network with endpoints");
    const without = { ...t, networks: t.networks.filter((x) => x !== n), endpoints: t.endpoints.filter((e) => e.networkId !== n.id) };
    expect(describeChanges(t, without).map((c) => c.text)).toEqual([`network ${n.name} removed`]);
    const texts = describeChanges(without, t).map((c) => c.text);
    expect(texts[0]).toBe(`network ${n.name} created (${n.driver})`);
    // Its endpoints are joins of containers that were already there.
    expect(texts.slice(1).every((x) => x.includes(` joined ${n.name}`))).toBe(true);
    expect(texts).toHaveLength(1 + t.endpoints.filter((e) => e.networkId === n.id).length);
  });

  it("gives each change a key of its own", () => {
    const empty = { networks: [], sandboxes: [], endpoints: [] };
    const keys = describeChanges(empty, t).map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
