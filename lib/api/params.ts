/** Path parameters: validated before they go anywhere near the engine. */
import { refSchema } from "./schemas";
import { ApiError } from "./errors";

/** A network or container reference from the path (ID, name or ID prefix), or 400. */
export function refParam(idOrName: string, what: "network" | "container" = "network"): string {
  const parsed = refSchema.safeParse(idOrName);
  if (!parsed.success) throw new ApiError("invalid_input", `"${idOrName.slice(0, 80)}" is not a ${what} name or ID.`);
  return parsed.data;
}
