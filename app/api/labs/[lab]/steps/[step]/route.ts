import { readJson } from "@/lib/api/body";
import { labParam, stepParam } from "@/lib/api/params";
import { labStepSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { runLabStep } from "@/lib/server/labs";

/**
 * POST /api/labs/{id}/steps/{n}: runs step n of a lab (in order: 409
 * otherwise), then its probes. 200 with the run and where the lab stands.
 * Optional JSON body `{ parent }`: the macvlan lab's parent (admins).
 */
export const POST = withApi<{ lab: string; step: string }>({ access: "operate", action: "lab.step" }, async ({ request, params, session, actor, audit }) => {
  const id = labParam(params.lab);
  const step = stepParam(params.step);
  audit({ target: `lab ${id} step ${step}` });
  const body = request.headers.has("content-type") ? await readJson(request, labStepSchema) : {};
  const answer = await runLabStep(session, id, step, { admin: actor.role === "admin", ...(body.parent !== undefined ? { parent: body.parent } : {}) });
  const verdicts = answer.run.results.map((r) => r.verdict).join(", ");
  audit({ target: `lab ${id} step ${step}: ${answer.lab.steps[step - 1]?.title ?? ""}`, command: answer.run.commands.join(" && "), message: `probes: ${verdicts || "none"}` });
  return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
});
