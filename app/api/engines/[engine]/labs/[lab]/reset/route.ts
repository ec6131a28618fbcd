/** /api/engines/{engine}/labs/{id}/reset: the handlers of /api/labs/{id}/reset, on the engine the path names. */
export { POST } from "@/app/api/labs/[lab]/reset/route";
