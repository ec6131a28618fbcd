/** /api/engines/{engine}/labs/{id}/steps/{n}: the handlers of /api/labs/{id}/steps/{n}, on the engine the path names. */
export { POST } from "@/app/api/labs/[lab]/steps/[step]/route";
