/**
 * What is selected on the canvas, as it travels in the URL (`?select=…`), so
 * a link opens the same view. The text form is the canvas ID of the object
 * (lib/graph/ids): `net:<networkId>`, `sbx:<sandboxId>`, `ep:<networkId>:<sandboxId>`, `svc:<serviceId>`.
 * Pure.
 */
import { endpointEdgeId, networkNodeId, sandboxNodeId, serviceNodeId } from "./graph/ids";

export type Selection =
  | { kind: "network"; id: string }
  | { kind: "sandbox"; id: string }
  | { kind: "endpoint"; networkId: string; sandboxId: string }
  /** A swarm service (`svc:<serviceId>`). */
  | { kind: "service"; id: string };

/** The URL search parameter that carries the selection. */
export const SELECT_PARAM = "select";

/** Engine IDs are 64 hex characters; names are never used here, so links survive renames. */
const ID = /^[0-9a-f]{12,64}$/;
/** Swarm object IDs: 25 lowercase letters and digits. */
const SWARM_ID = /^[0-9a-z]{25}$/;

export function parseSelection(text: string | null | undefined): Selection | null {
  if (!text) return null;
  const [kind, a, b, ...rest] = text.split(":");
  if (kind === "svc" && b === undefined && a !== undefined && SWARM_ID.test(a)) return { kind: "service", id: a };
  if (rest.length > 0 || a === undefined) return null;
  // A swarm-scope network's ID is a swarm ID, not 64 hex characters.
  const networkRef = ID.test(a) || SWARM_ID.test(a);
  if (kind === "net" && b === undefined && networkRef) return { kind: "network", id: a };
  if (kind === "sbx" && b === undefined && ID.test(a)) return { kind: "sandbox", id: a };
  if (kind === "ep" && b !== undefined && networkRef && ID.test(b)) return { kind: "endpoint", networkId: a, sandboxId: b };
  return null;
}

export function formatSelection(sel: Selection): string {
  switch (sel.kind) {
    case "network":
      return networkNodeId(sel.id);
    case "sandbox":
      return sandboxNodeId(sel.id);
    case "endpoint":
      return endpointEdgeId(sel.networkId, sel.sandboxId);
    case "service":
      return serviceNodeId(sel.id);
  }
}
