/**
 * The presentation-link routes' work. Links are for global admins, signed in
 * (not a token), and only where sign-in is on: without accounts anyone on the
 * machine sees everything already, and a link would add nothing (409).
 */
import "server-only";
import { z } from "zod";
import { ApiError } from "../api/errors";
import type { Actor } from "../api/with-api";
import { ENGINE_ID } from "../engines/config";
import type { EngineRegistry } from "../server/engine-registry";
import { VIEW_ID } from "../views/schema";
import type { AuthContext } from "./context";
import { requireGlobalAdmin } from "./global-admin";
import type { PresentLink } from "./present-links";

/** The /present parameters a link may add: what the page shows and how, never which engine or view (the link's own). */
export const LINK_QUERY_KEYS = ["net", "driver", "project", "state", "hidePredefined", "select", "group", "focus", "linux", "theme", "cycle"] as const;
const MAX_QUERY = 1000;

/** A link's extra query, checked and written back in a canonical form ("" for none); a refusal names the bad part. */
export function linkQuery(text: string): string {
  const raw = text.trim().replace(/^\?/, "");
  if (raw.length > MAX_QUERY) throw new ApiError("invalid_input", `query: at most ${MAX_QUERY} characters.`);
  const params = new URLSearchParams(raw);
  const out = new URLSearchParams();
  for (const [key, value] of params) {
    if (!(LINK_QUERY_KEYS as readonly string[]).includes(key)) {
      throw new ApiError("invalid_input", `query: "${key.slice(0, 40)}" is not a /present parameter a link may set (${LINK_QUERY_KEYS.join(", ")}).`);
    }
    if (/[\u0000-\u001f\u007f]/.test(value)) throw new ApiError("invalid_input", `query: ${key} holds a control character.`);
    out.append(key, value);
  }
  return out.toString();
}

export const newLinkSchema = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, "a label")
      .max(80)
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "no control characters"),
    engine: z.string().regex(ENGINE_ID, "an engine ID"),
    view: z.string().regex(VIEW_ID, "a saved view's ID").nullable().optional(),
    query: z.string().max(MAX_QUERY).optional(),
  })
  .strict();

/** Refuses in single-user mode, then anyone but a signed-in global admin. */
export function requireLinkAdmin(auth: AuthContext, actor: Actor): void {
  if (actor.kind === "local") {
    throw new ApiError("conflict", "Presentation links need sign-in: without accounts, whoever reaches cnmap sees everything already. Create the first admin to use them.");
  }
  requireGlobalAdmin(auth, actor, "Presentation links");
}

/** Refuses a link to an engine cnmap does not serve, or to a view that is not on that engine. */
export function checkLinkTarget(auth: AuthContext, engines: EngineRegistry, engine: string, view: string | null): void {
  if (!engines.list().some((s) => s.id === engine)) throw new ApiError("invalid_input", `engine: no such engine: ${engine}.`);
  if (view !== null && auth.views.get(view)?.engine !== engine) throw new ApiError("invalid_input", `view: no saved view ${view} on ${engine}.`);
}

/** Where a link's holder lands: /present on the link's engine, with its view and query. */
export function linkTarget(link: Pick<PresentLink, "engine" | "view" | "query">): string {
  const params = new URLSearchParams({ engine: link.engine });
  if (link.view) params.set("view", link.view);
  for (const [k, v] of new URLSearchParams(link.query)) params.append(k, v);
  return `/present?${params.toString()}`;
}

/** GET /api/present-links. */
export interface PresentLinksBody {
  links: PresentLink[];
}

/** POST /api/present-links: the path with the token, shown this once. */
export interface NewPresentLinkBody {
  path: string;
  link: PresentLink;
}
