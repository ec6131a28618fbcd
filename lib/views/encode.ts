/**
 * A view carried whole in a link, for cnmap without sign-in (no server
 * store): `#view=<base64url of a compact JSON>` in the URL's fragment, which
 * browsers never send to the server. Compact: short keys, positions as
 * `[id, x, y]` rounded to whole pixels, the viewport to a tenth of a pixel.
 * Decoding checks everything with the same schema as the API, so a link
 * written by hand is held to the same limits. Pure (browser and Node).
 */
import { carriedViewSchema, type CarriedView } from "./schema";

export const VIEW_FRAGMENT = "view";
/** Links longer than this are refused when read (a pasted novel is not a view). */
export const MAX_ENCODED_LENGTH = 400_000;

interface Compact {
  v: 1;
  n: string;
  e: string;
  f: [string[], string[], string[], string[], 0 | 1];
  s: string | null;
  vp: [number, number, number];
  p: [string, number, number][];
}

const round = (n: number, places: number): number => {
  const k = 10 ** places;
  return Math.round(n * k) / k;
};

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

export function encodeView(view: CarriedView): string {
  const f = view.filter;
  const compact: Compact = {
    v: 1,
    n: view.name,
    e: view.engine,
    f: [f.networks, f.drivers, f.projects, f.states, f.hidePredefined ? 1 : 0],
    s: view.selection,
    vp: [round(view.viewport.x, 1), round(view.viewport.y, 1), round(view.viewport.zoom, 4)],
    p: Object.entries(view.positions).map(([id, p]) => [id, Math.round(p.x), Math.round(p.y)]),
  };
  return toBase64Url(JSON.stringify(compact));
}

export type Decoded = { ok: true; view: CarriedView } | { ok: false; reason: string };

function expand(c: Partial<Compact>): unknown {
  const [networks, drivers, projects, states, hide] = Array.isArray(c.f) ? c.f : [];
  const positions = Array.isArray(c.p) ? Object.fromEntries(c.p.map((e) => (Array.isArray(e) ? [e[0], { x: e[1], y: e[2] }] : ["", null]))) : c.p;
  const [x, y, zoom] = Array.isArray(c.vp) ? c.vp : [];
  return {
    name: c.n,
    engine: c.e,
    filter: { networks, drivers, projects, states, hidePredefined: hide === 1 },
    selection: c.s,
    viewport: { x, y, zoom },
    positions,
  };
}

/** The view a link's fragment carries, checked; or why it is not one. */
export function decodeView(encoded: string): Decoded {
  if (encoded.length > MAX_ENCODED_LENGTH) return { ok: false, reason: "the link is too long to be a view" };
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64Url(encoded));
  } catch {
    return { ok: false, reason: "the link's view is not readable (cut short or changed?)" };
  }
  if (typeof raw !== "object" || raw === null || (raw as { v?: unknown }).v !== 1) return { ok: false, reason: "the link's view is of an unknown version" };
  const parsed = carriedViewSchema.safeParse(expand(raw as Partial<Compact>));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `the link's view is not valid: ${issue ? `${issue.path.join(".") || "view"}: ${issue.message}` : "unknown"}` };
  }
  return { ok: true, view: parsed.data };
}

/** The fragment's view parameter (`#view=…`), or null. */
export function viewFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  return params.get(VIEW_FRAGMENT);
}
