/** Path parameters: validated before they go anywhere near the engine. */
import { refSchema } from "./schemas";
import { ApiError } from "./errors";

export async function refParam(params: Promise<{ idOrName: string }>, what: "network" | "container" = "network"): Promise<string> {
  const { idOrName } = await params;
  const parsed = refSchema.safeParse(idOrName);
  if (!parsed.success) throw new ApiError("invalid_input", `"${idOrName.slice(0, 80)}" is not a ${what} name or ID.`);
  return parsed.data;
}
