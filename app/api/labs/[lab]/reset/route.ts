import { labParam } from "@/lib/api/params";
import { withApi } from "@/lib/api/with-api";
import { resetLab } from "@/lib/server/labs";

/** POST /api/labs/{id}/reset: removes what carries the lab's label (containers, networks, host links it made). */
export const POST = withApi<{ lab: string }>({ access: "operate", action: "lab.reset" }, async ({ params, session, actor, audit }) => {
  const id = labParam(params.lab);
  audit({ target: `lab ${id} reset`, command: `docker rm --force $(docker ps -aq --filter label=cnmap.lab=${id}) && docker network rm $(docker network ls -q --filter label=cnmap.lab=${id})` });
  const answer = await resetLab(session, id, actor.role === "admin");
  const { containers, networks, links } = answer.removed;
  audit({ message: `removed ${containers.length} containers, ${networks.length} networks, ${links.length} host links` });
  return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
});
