/** The body of `GET /api/health`: one declaration for the route, the page and the tests. */
import type { HubStats } from "../events/hub";

export interface HealthBody {
  /** The engine address cnmap talks to. */
  engine: string;
  /** CNMAP_READ_ONLY: every mutation is refused and the editing UI hidden. */
  readOnly: boolean;
  events: HubStats;
  /** Container inspects made since the server started (flat in steady state). */
  inspects: number;
}
