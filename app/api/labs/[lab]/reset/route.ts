import { labParam } from "@/lib/api/params";
import { withApi } from "@/lib/api/with-api";
import { findLab } from "@/lib/labs/catalog";
import { resetCommand } from "@/lib/labs/requests";
import { resetLab } from "@/lib/server/labs";

/** POST /api/labs/{id}/reset: removes what carries the lab's label (services, containers, networks, host links it made). */
export const POST = withApi<{ lab: string }>({ access: "operate", action: "lab.reset" }, async ({ params, session, actor, audit }) => {
  const id = labParam(params.lab);
  audit({ target: `lab ${id} reset`, command: resetCommand(id, findLab(id)?.needs.includes("swarm") === true) });
  const answer = await resetLab(session, id, actor.role === "admin");
  const { containers, networks, links, services } = answer.removed;
  const swarm = services.length > 0 ? `${services.length} services, ` : "";
  audit({ message: `removed ${swarm}${containers.length} containers, ${networks.length} networks, ${links.length} host links` });
  return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
});
