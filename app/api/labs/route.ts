import { withApi } from "@/lib/api/with-api";
import { labsOverview } from "@/lib/server/labs";

/**
 * GET /api/labs: the guided labs, each with its steps (the commands they
 * run) and where it stands on this engine, read from what carries its label.
 */
export const GET = withApi({ access: "read" }, async ({ session, actor }) => {
  const body = await labsOverview(session, actor.role === "admin");
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
