import { describe, expect, it } from "vitest";
import type { ModelEvent } from "@/lib/events/model-events";
import {
  EMPTY_TIMELINE,
  NO_FILTER,
  TIMELINE_MAX,
  actionsOffered,
  addEvent,
  addGap,
  describeEvent,
  destroyedIds,
  filterTimeline,
  linkOf,
  nameBook,
  relativeTime,
  type Timeline,
  type TimelineEntry,
} from "@/lib/events/timeline";
import { buildTopology } from "@/lib/topology/build";
import type { Topology } from "@/lib/topology/types";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { networkNamed } from "./helpers/topology";

const local: Topology = {
  engine: { host: "unix:///var/run/docker.sock", version: "20.10.24", apiVersion: "1.41", swarm: "inactive" },
  ...buildTopology(snapshotOf(loadFixture("local"))),
};

const netId = (name: string): string => networkNamed(local, name).id;
const ctrId = (name: string): string =>
  must(local.sandboxes.flatMap((s) => s.containers).find((c) => c.name === name), name).id;

const WEB = ctrId("fx-web");
const SIDECAR = ctrId("fx-sidecar");
const FRONT = netId("fx-front");
const GONE_CTR = "d".repeat(64);
const GONE_NET = "e".repeat(64);
const T = 1795430527;

const ev = (e: Partial<ModelEvent> & Pick<ModelEvent, "type" | "action" | "id">): ModelEvent => ({ time: T, ...e });

function timelineOf(...events: ModelEvent[]): Timeline {
  return events.reduce((t, e) => addEvent(t, e), EMPTY_TIMELINE);
}

const events = (t: Timeline): ModelEvent[] => t.entries.flatMap((e) => (e.kind === "event" ? [e.event] : []));

describe("the ring", () => {
  it("keeps the newest first with increasing sequence numbers", () => {
    const t = timelineOf(ev({ type: "network", action: "create", id: FRONT }), ev({ type: "container", action: "start", id: WEB }));
    expect(events(t).map((e) => e.action)).toEqual(["start", "create"]);
    expect(t.entries.map((e) => e.seq)).toEqual([2, 1]);
  });

  it("holds at most TIMELINE_MAX entries, dropping the oldest", () => {
    let t = EMPTY_TIMELINE;
    for (let i = 0; i < TIMELINE_MAX + 25; i++) t = addEvent(t, ev({ type: "container", action: "start", id: WEB, time: T + i }));
    expect(TIMELINE_MAX).toBe(200);
    expect(t.entries).toHaveLength(TIMELINE_MAX);
    expect(events(t)[0]?.time).toBe(T + TIMELINE_MAX + 24);
    expect(events(t).at(-1)?.time).toBe(T + 25);
  });

  it("adds a gap marker, once until something arrives", () => {
    let t = timelineOf(ev({ type: "container", action: "start", id: WEB }));
    t = addGap(t, 1000, "engine");
    t = addGap(t, 2000, "server");
    expect(t.entries.map((e) => e.kind)).toEqual(["gap", "event"]);
    t = addEvent(t, ev({ type: "container", action: "die", id: WEB }));
    t = addGap(t, 3000, "server");
    expect(t.entries.map((e) => e.kind)).toEqual(["gap", "event", "gap", "event"]);
  });

  it("does not change the timeline it is given", () => {
    const t = timelineOf(ev({ type: "container", action: "start", id: WEB }));
    addEvent(t, ev({ type: "container", action: "die", id: WEB }));
    expect(t.entries).toHaveLength(1);
  });
});

describe("describeEvent", () => {
  const names = nameBook(local, []);

  it("says a connect and a disconnect with the container's name from the topology", () => {
    expect(describeEvent(ev({ type: "network", action: "connect", id: FRONT, name: "fx-front", container: WEB }), names)).toBe(
      "fx-web connected to fx-front",
    );
    expect(describeEvent(ev({ type: "network", action: "disconnect", id: FRONT, container: WEB }), names)).toBe(
      "fx-web disconnected from fx-front",
    );
  });

  it("says container and network life-cycle events", () => {
    expect(describeEvent(ev({ type: "container", action: "create", id: WEB, name: "fx-web" }), names)).toBe("container fx-web created");
    expect(describeEvent(ev({ type: "container", action: "start", id: WEB }), names)).toBe("container fx-web started");
    expect(describeEvent(ev({ type: "container", action: "die", id: WEB }), names)).toBe("container fx-web exited");
    expect(describeEvent(ev({ type: "container", action: "destroy", id: GONE_CTR, name: "old" }), names)).toBe("container old removed");
    expect(describeEvent(ev({ type: "network", action: "create", id: FRONT, name: "fx-front" }), names)).toBe("network fx-front created");
    expect(describeEvent(ev({ type: "network", action: "destroy", id: GONE_NET, name: "n1" }), names)).toBe("network n1 removed");
  });

  it("falls back to names the timeline's own events carried, then to short IDs", () => {
    const t = timelineOf(
      ev({ type: "container", action: "create", id: GONE_CTR, name: "was-here" }),
      ev({ type: "network", action: "create", id: GONE_NET, name: "was-net" }),
    );
    const book = nameBook(local, t.entries);
    expect(describeEvent(ev({ type: "network", action: "connect", id: GONE_NET, container: GONE_CTR }), book)).toBe(
      "was-here connected to was-net",
    );
    expect(describeEvent(ev({ type: "network", action: "disconnect", id: GONE_NET, container: "f".repeat(64) }), names)).toBe(
      `${"f".repeat(12)} disconnected from ${GONE_NET.slice(0, 12)}`,
    );
  });

  it("says a rename with the new name", () => {
    expect(describeEvent(ev({ type: "container", action: "rename", id: WEB, name: "web2" }), names)).toBe(
      `container ${WEB.slice(0, 12)} renamed to web2`,
    );
  });
});

describe("filterTimeline", () => {
  const t = addEvent(
    addGap(
      timelineOf(
        ev({ type: "network", action: "create", id: FRONT, name: "fx-front" }),
        ev({ type: "container", action: "create", id: WEB, name: "fx-web" }),
        ev({ type: "network", action: "connect", id: FRONT, name: "fx-front", container: WEB }),
      ),
      1,
      "engine",
    ),
    ev({ type: "container", action: "start", id: WEB, name: "fx-web" }),
  );
  const names = nameBook(local, t.entries);
  const shown = (f: Partial<typeof NO_FILTER>): string[] =>
    filterTimeline(t.entries, { ...NO_FILTER, ...f }, names).map((e) => (e.kind === "gap" ? "gap" : `${e.event.type}:${e.event.action}`));

  it("keeps everything without a filter", () => {
    expect(shown({})).toEqual(["container:start", "gap", "network:connect", "container:create", "network:create"]);
  });

  it("filters by type, keeping gap markers", () => {
    expect(shown({ type: "network" })).toEqual(["gap", "network:connect", "network:create"]);
    expect(shown({ type: "container" })).toEqual(["container:start", "gap", "container:create"]);
  });

  it("filters by action", () => {
    expect(shown({ action: "create" })).toEqual(["gap", "container:create", "network:create"]);
  });

  it("filters by name or ID, case-insensitively, including the container of a connect", () => {
    expect(shown({ text: "FX-WEB" })).toEqual(["container:start", "gap", "network:connect", "container:create"]);
    expect(shown({ text: FRONT.slice(0, 8) })).toEqual(["gap", "network:connect", "network:create"]);
    expect(shown({ text: "no-such-thing" })).toEqual(["gap"]);
  });

  it("collapses markers the filter left adjacent", () => {
    const two = addGap(addEvent(addGap(EMPTY_TIMELINE, 1, "engine"), ev({ type: "container", action: "start", id: WEB })), 2, "server");
    expect(filterTimeline(two.entries, { ...NO_FILTER, type: "network" }, names).map((e) => e.kind)).toEqual(["gap"]);
  });

  it("offers the usual actions, then others seen", () => {
    const more = addEvent(t, ev({ type: "container", action: "kill", id: WEB }));
    expect(actionsOffered(more.entries)).toEqual(["create", "connect", "disconnect", "destroy", "start", "die", "kill"]);
  });
});

describe("linkOf", () => {
  const none = new Set<string>();
  const owner = must(
    local.sandboxes.find((s) => s.containers.some((c) => c.id === SIDECAR)),
    "sidecar's sandbox",
  );

  it("links a network event to its network node", () => {
    expect(linkOf(ev({ type: "network", action: "create", id: FRONT }), local, none)).toEqual({ kind: "node", nodeId: `net:${FRONT}` });
  });

  it("links a container event to its sandbox, a joiner's to its owner's", () => {
    expect(linkOf(ev({ type: "container", action: "start", id: WEB }), local, none)).toEqual({ kind: "node", nodeId: `sbx:${WEB}` });
    expect(owner.id).toBe(WEB);
    expect(owner.containers[0]?.id).toBe(WEB);
    expect(linkOf(ev({ type: "container", action: "start", id: SIDECAR }), local, none)).toEqual({ kind: "node", nodeId: `sbx:${WEB}` });
  });

  it("links a connect or disconnect to the sandbox of its container", () => {
    expect(linkOf(ev({ type: "network", action: "connect", id: FRONT, container: WEB }), local, none)).toEqual({
      kind: "node",
      nodeId: `sbx:${WEB}`,
    });
    expect(linkOf(ev({ type: "network", action: "disconnect", id: FRONT, container: SIDECAR }), local, none)).toEqual({
      kind: "node",
      nodeId: `sbx:${WEB}`,
    });
  });

  it("says an object is gone, and whether its removal was seen", () => {
    const entries: TimelineEntry[] = [...timelineOf(
      ev({ type: "container", action: "destroy", id: GONE_CTR }),
      ev({ type: "network", action: "destroy", id: GONE_NET }),
    ).entries];
    const destroyed = destroyedIds(entries);
    expect(linkOf(ev({ type: "container", action: "start", id: GONE_CTR }), local, destroyed)).toEqual({ kind: "gone", destroyed: true });
    expect(linkOf(ev({ type: "network", action: "create", id: GONE_NET }), local, destroyed)).toEqual({ kind: "gone", destroyed: true });
    expect(linkOf(ev({ type: "network", action: "connect", id: FRONT, container: GONE_CTR }), local, destroyed)).toEqual({
      kind: "gone",
      destroyed: true,
    });
    expect(linkOf(ev({ type: "container", action: "start", id: "a".repeat(64) }), local, destroyed)).toEqual({
      kind: "gone",
      destroyed: false,
    });
    expect(linkOf(ev({ type: "network", action: "connect", id: FRONT }), local, destroyed)).toEqual({ kind: "gone", destroyed: false });
    expect(linkOf(ev({ type: "network", action: "create", id: FRONT }), undefined, none)).toEqual({ kind: "gone", destroyed: false });
  });
});

describe("relativeTime", () => {
  const now = 1_000_000_000;
  it("says how long ago, coarsely", () => {
    expect(relativeTime(now - 1000, now)).toBe("just now");
    expect(relativeTime(now + 3000, now)).toBe("just now");
    expect(relativeTime(now - 42_000, now)).toBe("42s ago");
    expect(relativeTime(now - 5 * 60_000, now)).toBe("5 min ago");
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe("3 h ago");
    expect(relativeTime(now - 2 * 86_400_000, now)).toBe("2 d ago");
  });
});
