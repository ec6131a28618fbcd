import { describe, expect, it } from "vitest";
import { containersTouched, listShows, toModelEvent, type EngineEvent, type ModelEvent } from "@/lib/events/model-events";
import type { EngineContainerSummary } from "@/lib/topology/engine-json";

const WEB = "c950ea92893447c56bcb8a1a5c2faf32d4b2b60cdf4d571570856cf61299c0aa";
const FRONT = "c91524921829e9022deae1f0d2f98ecbdf328243fa08df1081066708b5f57800";
const TIME = 1795430527;

function containerEvent(action: string, extra: Record<string, string> = {}): EngineEvent {
  return {
    Type: "container",
    Action: action,
    Actor: { ID: WEB, Attributes: { image: "cnmap-test-busybox:latest", name: "fx-web", ...extra } },
    scope: "local",
    time: TIME,
    timeNano: 1795430527123456789,
  };
}

describe("toModelEvent", () => {
  it("keeps a network connect with the container it concerns", () => {
    const e: EngineEvent = {
      Type: "network",
      Action: "connect",
      Actor: { ID: FRONT, Attributes: { container: WEB, name: "fx-front", type: "bridge" } },
      scope: "local",
      time: TIME,
      timeNano: "1795430527123456789",
    };
    const m = toModelEvent(e);
    expect(m).toEqual({ type: "network", action: "connect", id: FRONT, time: TIME, name: "fx-front", container: WEB });
    expect(m && containersTouched(m)).toEqual([WEB]);
  });

  it("keeps network disconnect, create and destroy", () => {
    for (const action of ["disconnect", "create", "destroy", "remove"]) {
      const m = toModelEvent({ Type: "network", Action: action, Actor: { ID: FRONT, Attributes: { name: "fx-front" } }, time: TIME });
      expect(m, action).toEqual({ type: "network", action, id: FRONT, time: TIME, name: "fx-front" });
      expect(m && containersTouched(m)).toEqual([]);
    }
  });

  it("keeps the container lifecycle actions", () => {
    for (const action of ["create", "start", "restart", "die", "stop", "kill", "pause", "unpause", "rename", "destroy", "update", "oom"]) {
      const m = toModelEvent(containerEvent(action));
      expect(m, action).toEqual({ type: "container", action, id: WEB, time: TIME, name: "fx-web" });
      expect(m && containersTouched(m)).toEqual([WEB]);
    }
  });

  it("ignores exec, attach, health and other container noise", () => {
    for (const action of [
      "exec_create: sh -c true",
      "exec_start: sh -c true",
      "exec_die",
      "health_status: healthy",
      "health_status",
      "attach",
      "detach",
      "resize",
      "top",
      "commit",
      "copy",
      "archive-path",
      "extract-to-dir",
      "export",
    ]) {
      expect(toModelEvent(containerEvent(action)), action).toBeNull();
    }
  });

  it("ignores events of other object types", () => {
    for (const Type of ["image", "volume", "plugin", "daemon", "secret", "config"]) {
      expect(toModelEvent({ Type, Action: "create", Actor: { ID: "x" }, time: TIME }), Type).toBeNull();
    }
  });

  it("keeps a swarm manager's service and node events, with the name the engine gave", () => {
    expect(toModelEvent({ Type: "service", Action: "update", Actor: { ID: "s1", Attributes: { name: "web" } }, time: TIME })).toEqual({ type: "service", action: "update", id: "s1", time: TIME, name: "web" });
    expect(toModelEvent({ Type: "node", Action: "update", Actor: { ID: "n1" }, time: TIME })).toEqual({ type: "node", action: "update", id: "n1", time: TIME });
  });

  it("returns null without a time or an actor ID", () => {
    expect(toModelEvent({ ...containerEvent("start"), time: undefined })).toBeNull();
    expect(toModelEvent({ ...containerEvent("start"), Actor: { Attributes: { name: "fx-web" } } })).toBeNull();
    expect(toModelEvent({ ...containerEvent("start"), Actor: { ID: "" } })).toBeNull();
    expect(toModelEvent({ ...containerEvent("start"), Actor: undefined })).toBeNull();
    expect(toModelEvent({})).toBeNull();
  });

  it("keeps events with no attributes, without name", () => {
    const m = toModelEvent({ Type: "container", Action: "die", Actor: { ID: WEB, Attributes: null }, time: TIME });
    expect(m).toEqual({ type: "container", action: "die", id: WEB, time: TIME });
    expect(m).not.toHaveProperty("name");
  });

  it("does not add the container attribute to container events", () => {
    const m = toModelEvent(containerEvent("start", { container: "other" }));
    expect(m).not.toHaveProperty("container");
  });
});

describe("containersTouched", () => {
  it("is the container for container events, and the attached container for network ones", () => {
    expect(containersTouched({ type: "container", action: "die", id: "a", time: 1 })).toEqual(["a"]);
    expect(containersTouched({ type: "network", action: "connect", id: "n", time: 1, container: "b" })).toEqual(["b"]);
    expect(containersTouched({ type: "network", action: "create", id: "n", time: 1 })).toEqual([]);
  });
});

describe("listShows: whether a container's list entry shows its event yet", () => {
  const NET = "d".repeat(64);
  const entry = (state: string, networks: Record<string, string>, name = "/fx-web"): EngineContainerSummary => ({
    Id: WEB,
    Names: [name],
    Image: "x",
    State: state,
    NetworkSettings: { Networks: Object.fromEntries(Object.entries(networks).map(([n, id]) => [n, { NetworkID: id }])) },
  });
  const ev = (type: "container" | "network", action: string, extra: Partial<ModelEvent> = {}): ModelEvent => ({ type, action, id: type === "network" ? NET : WEB, time: TIME, ...extra });

  it("a connect shows once the network is listed, by ID or (never started) by name", () => {
    expect(listShows(ev("network", "connect", { container: WEB, name: "back" }), entry("running", { front: "f".repeat(64) }))).toBe(false);
    expect(listShows(ev("network", "connect", { container: WEB, name: "back" }), entry("running", { back: NET }))).toBe(true);
    expect(listShows(ev("network", "connect", { container: WEB, name: "back" }), entry("created", { back: "" }))).toBe(true);
    expect(listShows(ev("network", "connect", { container: WEB }), undefined)).toBe(true);
  });
  it("a disconnect shows once the network is gone from the entry", () => {
    expect(listShows(ev("network", "disconnect", { container: WEB, name: "back" }), entry("running", { back: NET }))).toBe(false);
    expect(listShows(ev("network", "disconnect", { container: WEB, name: "back" }), entry("running", {}))).toBe(true);
  });
  it("container events: state, name, removal", () => {
    expect(listShows(ev("container", "start"), entry("created", {}))).toBe(false);
    expect(listShows(ev("container", "start"), entry("running", {}))).toBe(true);
    expect(listShows(ev("container", "die"), entry("running", {}))).toBe(false);
    expect(listShows(ev("container", "die"), entry("exited", {}))).toBe(true);
    expect(listShows(ev("container", "rename", { name: "new" }), entry("running", {}))).toBe(false);
    expect(listShows(ev("container", "rename", { name: "new" }), entry("running", {}, "/new"))).toBe(true);
    expect(listShows(ev("container", "destroy"), entry("exited", {}))).toBe(false);
    expect(listShows(ev("container", "destroy"), undefined)).toBe(true);
    expect(listShows(ev("container", "kill"), entry("running", {}))).toBe(true);
  });
});
