/**
 * Starts the page's first GET of the topology while its scripts load
 * (lib/client/early-fetch). A server component: the engine comes from the
 * page's query, as EngineScope will read it.
 */
import { apiPath, engineFromParams } from "@/lib/client/api-path";
import { earlyFetchScript } from "@/lib/client/early-fetch";

export function EarlyTopology({ query }: { query: URLSearchParams }) {
  return <script dangerouslySetInnerHTML={{ __html: earlyFetchScript(apiPath(engineFromParams(query), "/api/topology")) }} />;
}
