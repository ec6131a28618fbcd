/**
 * The topology, asked for while the page's scripts are still loading.
 *
 * The dashboard's first GET /api/topology used to start only after
 * hydration (about 1.1 s into a cold load here), although the server knows
 * the URL with the HTML. A small inline script in the page starts that fetch
 * as the HTML is parsed; the first fetchJson for the same URL takes its
 * response instead of asking again. Only once, and only while fresh: a
 * later fetch of the URL asks the server.
 */

const KEY = "cnmap.earlyFetch";

/** How cnmap's client GETs its API (fetchJson), and so how the early fetch asks too. */
export const API_GET_INIT = { cache: "no-store", headers: { Accept: "application/json" } } satisfies RequestInit;
/** An early response older than this is not used (the page was slow to start, or never asked). */
const MAX_AGE_MS = 15_000;

interface Early {
  url: string;
  at: number;
  res: Promise<Response>;
}

/** The inline script that starts the fetch (API_GET_INIT, as fetchJson's). `url` must be same-origin. */
export function earlyFetchScript(url: string): string {
  const u = JSON.stringify(url).replace(/</g, "\\u003c");
  return `(function(){try{var r=fetch(${u},${JSON.stringify(API_GET_INIT)});r.catch(function(){});window[Symbol.for(${JSON.stringify(KEY)})]={url:${u},at:performance.now(),res:r}}catch(e){}})();`;
}

/** The early response for `url`, once; null when there is none (or it is stale, or for another URL). */
export function takeEarlyFetch(url: string): Promise<Response> | null {
  if (typeof window === "undefined") return null;
  const slot = window as unknown as Record<symbol, Early | undefined>;
  const key = Symbol.for(KEY);
  const early = slot[key];
  if (!early || early.url !== url) return null;
  slot[key] = undefined;
  return performance.now() - early.at <= MAX_AGE_MS ? early.res : null;
}
