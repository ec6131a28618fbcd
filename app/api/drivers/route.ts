import { withApi } from "@/lib/api/with-api";

/** GET /api/drivers: the engine's network drivers (plugins included) and IPAM drivers. */
export const GET = withApi({ access: "read" }, async ({ session }) =>
  Response.json(await session.engine.networkDrivers(), { headers: { "Cache-Control": "no-store" } }),
);
