/** Namespace modes from inspect: who shares which namespace with whom. */
import { describe, expect, it } from "vitest";
import { namespaceModes, type ContainerModes } from "@/lib/datapath/namespaces";

const c = (id: string, name: string, modes: Partial<ContainerModes> = {}): ContainerModes => ({
  id,
  name,
  sandboxId: id,
  networkMode: "bridge",
  pidMode: "",
  ipcMode: "private",
  utsMode: "",
  ...modes,
});

describe("namespaceModes", () => {
  it("a container alone is private in every namespace", () => {
    expect(namespaceModes([c("aaa111", "web")])).toEqual([{ sandboxId: "aaa111", containerId: "aaa111", container: "web", net: "private", pid: "private", ipc: "private", uts: "private" }]);
  });

  it("--network container:X: both the joiner and X say shared:X (by ID or by name)", () => {
    const rows = namespaceModes([
      c("aaa111", "web", { ipcMode: "shareable" }),
      c("bbb222", "sidecar", { sandboxId: "aaa111", networkMode: "container:aaa111", ipcMode: "container:web" }),
    ]);
    expect(rows.map((r) => [r.container, r.net, r.ipc, r.pid])).toEqual([
      ["web", "shared:web", "shared:web", "private"],
      ["sidecar", "shared:web", "shared:web", "private"],
    ]);
  });

  it("host modes, and a unique ID prefix", () => {
    const rows = namespaceModes([
      c("ccc333444", "agent", { networkMode: "host", pidMode: "host", ipcMode: "host", utsMode: "host" }),
      c("ddd444", "debug", { pidMode: "container:ccc333" }),
    ]);
    // agent's PID namespace is the host's, whoever joins it.
    expect(rows[0]).toMatchObject({ net: "host", pid: "host", ipc: "host", uts: "host" });
    expect(rows[1]).toMatchObject({ net: "private", pid: "shared:agent" });
  });

  it("a reference to a container cnmap does not know keeps the engine's words", () => {
    expect(namespaceModes([c("eee555", "orphan", { pidMode: "container:gone" })])[0]?.pid).toBe("shared:gone");
  });
});
