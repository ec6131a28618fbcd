/** The body of `GET /api/health`: one declaration for the route, the page and the tests. */
import type { Role } from "../auth/roles";
import type { HubStats } from "../events/hub";
import type { SessionStats } from "../server/engine-session";

export interface HealthBody {
  /** The engine address cnmap talks to. */
  engine: string;
  /** CNMAP_READ_ONLY: every mutation is refused and the editing UI hidden. */
  readOnly: boolean;
  events: HubStats;
  /** Container inspects made since the server started (flat in steady state). */
  inspects: number;
  /** Full engine reads, the mutation queue and running probes. */
  session: SessionStats;
  /** Requests whose client went away before the answer (aborted uploads, closed tabs). */
  clientGone: number;
  /** Who asked, how (a presentation link shows, never saves), and their role on this engine: the page shows the controls that role may use. */
  you: { name: string; role: Role; kind: "local" | "user" | "token" | "link" };
}
