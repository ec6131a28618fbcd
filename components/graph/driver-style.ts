/** Colours per network driver, shared by nodes and edges so a network reads the same everywhere. */
export interface DriverStyle {
  accent: string; // Tailwind classes for the node's top stripe and badge
  /**
   * The accent at 30%, as a colour: a compact network node's fill. Not the
   * accent under `opacity`, which makes a compositing effect per node that
   * Chromium walks again on every frame of a pan.
   */
  wash: string;
  stroke: string; // CSS colour for endpoint edges
}

const STYLES: Record<string, DriverStyle> = {
  bridge: { accent: "bg-sky-500", wash: "bg-sky-500/30", stroke: "#0ea5e9" },
  overlay: { accent: "bg-violet-500", wash: "bg-violet-500/30", stroke: "#8b5cf6" },
  macvlan: { accent: "bg-amber-500", wash: "bg-amber-500/30", stroke: "#f59e0b" },
  ipvlan: { accent: "bg-orange-500", wash: "bg-orange-500/30", stroke: "#f97316" },
  host: { accent: "bg-slate-600", wash: "bg-slate-600/30", stroke: "#475569" },
  null: { accent: "bg-zinc-400", wash: "bg-zinc-400/30", stroke: "#a1a1aa" },
};
const PLUGIN: DriverStyle = { accent: "bg-emerald-500", wash: "bg-emerald-500/30", stroke: "#10b981" };

export function driverStyle(driver: string): DriverStyle {
  return STYLES[driver] ?? PLUGIN;
}
