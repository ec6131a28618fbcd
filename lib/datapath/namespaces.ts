/**
 * Which namespaces each container shares, and with whom, from the modes
 * `docker inspect` reports (HostConfig.NetworkMode, PidMode, IpcMode,
 * UTSMode). Pure.
 *
 * "shared:<name>" names the container whose namespace it is: both the
 * container that joined (`--network container:web`) and `web` itself, once
 * someone has joined it, say "shared:web".
 */
import type { DatapathNamespaces, NamespaceMode } from "./types";

export interface ContainerModes {
  id: string;
  name: string;
  sandboxId: string;
  networkMode: string;
  pidMode: string;
  ipcMode: string;
  utsMode: string;
}

type Kind = "net" | "pid" | "ipc";

function modeOf(c: ContainerModes, kind: Kind): string {
  return kind === "net" ? c.networkMode : kind === "pid" ? c.pidMode : c.ipcMode;
}

/** The container a `container:<ref>` mode names: full ID, unique ID prefix, or name. */
function joined(ref: string, all: readonly ContainerModes[]): ContainerModes | undefined {
  const byName = all.find((c) => c.name === ref.replace(/^\//, ""));
  if (byName) return byName;
  const byId = all.filter((c) => c.id.startsWith(ref));
  return byId.length === 1 ? byId[0] : undefined;
}

export function namespaceModes(containers: readonly ContainerModes[]): DatapathNamespaces[] {
  // Who joins whom, per kind: the owner's ID -> joined.
  const owners: Record<Kind, Set<string>> = { net: new Set(), pid: new Set(), ipc: new Set() };
  for (const c of containers) {
    for (const kind of ["net", "pid", "ipc"] as const) {
      const m = /^container:(.+)$/.exec(modeOf(c, kind));
      const owner = m?.[1] ? joined(m[1], containers) : undefined;
      if (owner) owners[kind].add(owner.id);
    }
  }
  const mode = (c: ContainerModes, kind: Kind): NamespaceMode => {
    const raw = modeOf(c, kind);
    if (raw === "host") return "host";
    const m = /^container:(.+)$/.exec(raw);
    if (m?.[1]) return `shared:${joined(m[1], containers)?.name ?? m[1]}`;
    return owners[kind].has(c.id) ? `shared:${c.name}` : "private";
  };
  return containers.map((c) => ({
    sandboxId: c.sandboxId,
    containerId: c.id,
    container: c.name,
    net: mode(c, "net"),
    pid: mode(c, "pid"),
    ipc: mode(c, "ipc"),
    uts: c.utsMode === "host" ? "host" : "private",
  }));
}
