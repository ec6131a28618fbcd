import { readJson } from "@/lib/api/body";
import { refParam } from "@/lib/api/params";
import { connectSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { connectOp } from "@/lib/server/networks";

/** POST /api/networks/{idOrName}/connect: connect a container. 204. */
export const POST = withApi<{ idOrName: string }>({ access: "operate" }, async ({ request, params, session }) => {
  const ref = refParam(params.idOrName);
  await connectOp(session, ref, await readJson(request, connectSchema));
  return new Response(null, { status: 204 });
});
