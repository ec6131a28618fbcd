import { readJson } from "@/lib/api/body";
import { refParam } from "@/lib/api/params";
import { disconnectSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { disconnectOp } from "@/lib/server/networks";

/** POST /api/networks/{idOrName}/disconnect: disconnect a container. 204. */
export const POST = withApi<{ idOrName: string }>({ access: "operate" }, async ({ request, params, session }) => {
  const ref = refParam(params.idOrName);
  await disconnectOp(session, ref, await readJson(request, disconnectSchema));
  return new Response(null, { status: 204 });
});
