/** /api/engines/{engine}/drivers: the handlers of /api/drivers, on the engine the path names (withApi resolves it). */
export { GET } from "@/app/api/drivers/route";
