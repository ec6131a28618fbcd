/** /api/engines/{engine}/datapath: the handler of /api/datapath, on the engine the path names (withApi resolves it). */
export { GET } from "@/app/api/datapath/route";
