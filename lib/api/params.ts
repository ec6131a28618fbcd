/** Path parameters: validated before they go anywhere near the engine. */
import { refSchema } from "./schemas";
import { ApiError } from "./errors";

/** A network or container reference from the path (ID, name or ID prefix), or 400. */
export function refParam(idOrName: string, what: "network" | "container" | "service" = "network"): string {
  const parsed = refSchema.safeParse(idOrName);
  if (!parsed.success) throw new ApiError("invalid_input", `"${idOrName.slice(0, 80)}" is not a ${what} name or ID.`);
  return parsed.data;
}

/** A lab's ID from the path (lower-case words joined by '-'), or 400; whether the lab exists is the runner's to say (404). */
export function labParam(id: string): string {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(id)) throw new ApiError("invalid_input", `"${id.slice(0, 80)}" is not a lab ID (lower-case letters, digits and '-').`);
  return id;
}

/** A step number from the path: a whole number from 1, or 400. */
export function stepParam(step: string): number {
  if (!/^[1-9]\d{0,2}$/.test(step)) throw new ApiError("invalid_input", `"${step.slice(0, 80)}" is not a step number (1, 2, 3...).`);
  return Number(step);
}
