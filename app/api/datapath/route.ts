import { withApi } from "@/lib/api/with-api";
import { datapathOp } from "@/lib/server/datapath";

/**
 * GET /api/datapath: the Linux data path behind the networks (veth pairs,
 * bridges, NAT and filter rules, namespaces, resolvers, routes). Read-only,
 * for viewers and above; audited, since it runs fixed reads inside the
 * containers. 200 with `available: false` and the reason when cnmap cannot
 * see the engine's host.
 */
export const GET = withApi({ access: "read", action: "datapath" }, async ({ session, audit }) => {
  audit({ target: "data path", command: "ip -o link; ip route; cat /etc/resolv.conf (docker exec, each running sandbox); iptables-save" });
  return Response.json(await datapathOp(session), { headers: { "Cache-Control": "no-store" } });
});
