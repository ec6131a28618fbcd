/**
 * A saved view: what a person looks at on one engine, to open again or share.
 * The engine, the canvas filter, the selection, the viewport (pan and zoom)
 * and the arrangement (the positions of the nodes they placed). One zod
 * schema for the API, the browser store and the link that carries a view
 * itself (lib/views/encode.ts). Pure.
 */
import { z } from "zod";
import { ENGINE_ID } from "../engines/config";
import { parseSelection } from "../selection";

export const VIEW_LIMITS = {
  name: 80,
  /** Node positions in one view: an ungrouped engine of ~1,900 sandboxes and their networks. */
  positions: 2000,
  /** Values in each filter list. */
  filterValues: 100,
  filterValue: 200,
  /** Views one person keeps on one engine. */
  perEngine: 200,
  /** A request body that saves a view (2,000 positions of 64-hex IDs fit with room). */
  bodyBytes: 256 * 1024,
} as const;

/** Far beyond any drawing, but finite: a view cannot throw a node to infinity. */
const COORD = 10_000_000;
/** The canvas's own zoom range (components/graph/TopologyCanvas.tsx: 0.05 to 2), with room. */
const ZOOM = { min: 0.01, max: 4 } as const;

/** A canvas node ID: the forms lib/graph/ids makes (`net:`, `sbx:`, `cluster:`, `host:`). */
export const NODE_ID = /^(net|sbx|cluster|host):[\w:.-]{1,200}$/;

const coord = z.number().min(-COORD).max(COORD);
const xy = z.object({ x: coord, y: coord }).strict();
const filterList = z.array(z.string().min(1).max(VIEW_LIMITS.filterValue)).max(VIEW_LIMITS.filterValues);

export const filterSchema = z
  .object({
    networks: filterList,
    drivers: filterList,
    projects: filterList,
    states: filterList,
    hidePredefined: z.boolean(),
  })
  .strict();

export const viewportSchema = z.object({ x: coord, y: coord, zoom: z.number().min(ZOOM.min).max(ZOOM.max) }).strict();

export const positionsSchema = z
  .record(z.string().regex(NODE_ID, "a canvas node ID (net:…, sbx:…, cluster:…, host:…)"), xy)
  .refine((p) => Object.keys(p).length <= VIEW_LIMITS.positions, `at most ${VIEW_LIMITS.positions} node positions`);

/** The selection as the URL carries it (`net:<id>`, `sbx:<id>`, `ep:<net>:<sbx>`), or none. */
export const selectionSchema = z
  .string()
  .max(200)
  .refine((s) => parseSelection(s) !== null, "a selection such as net:<id>, sbx:<id> or ep:<net>:<sbx>")
  .nullable();

/** What a view holds, beyond its name and its engine. */
export const viewStateSchema = z
  .object({
    filter: filterSchema,
    selection: selectionSchema,
    viewport: viewportSchema,
    positions: positionsSchema,
  })
  .strict();

export const viewNameSchema = z
  .string()
  .trim()
  .min(1, "a name")
  .max(VIEW_LIMITS.name, `at most ${VIEW_LIMITS.name} characters`)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "no control characters");

/** POST /api/views: the engine is the route's (`/api/engines/{engine}/views`, or the default engine). */
export const newViewSchema = viewStateSchema.extend({ name: viewNameSchema }).strict();

/** A view carried whole (a link without a server store): its engine travels with it. */
export const carriedViewSchema = newViewSchema.extend({ engine: z.string().regex(ENGINE_ID, "an engine ID") }).strict();

export type ViewState = z.infer<typeof viewStateSchema>;
export type NewView = z.infer<typeof newViewSchema>;
export type CarriedView = z.infer<typeof carriedViewSchema>;

/** A view as the API and the browser store give it. */
export interface SavedView extends CarriedView {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Whether the caller owns it (may delete it); false for a view someone shared. */
  mine: boolean;
}

/** GET /api/views. */
export interface ViewsBody {
  views: SavedView[];
}

/** A view ID: a UUID (server) or `local-<uuid>` (the browser's store). */
export const VIEW_ID = /^(local-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
