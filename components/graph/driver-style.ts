/** Colours per network driver, shared by nodes and edges so a network reads the same everywhere. */
export interface DriverStyle {
  accent: string; // Tailwind classes for the node's top stripe and badge
  stroke: string; // CSS colour for endpoint edges
}

const STYLES: Record<string, DriverStyle> = {
  bridge: { accent: "bg-sky-500", stroke: "#0ea5e9" },
  overlay: { accent: "bg-violet-500", stroke: "#8b5cf6" },
  macvlan: { accent: "bg-amber-500", stroke: "#f59e0b" },
  ipvlan: { accent: "bg-orange-500", stroke: "#f97316" },
  host: { accent: "bg-slate-600", stroke: "#475569" },
  null: { accent: "bg-zinc-400", stroke: "#a1a1aa" },
};
const PLUGIN: DriverStyle = { accent: "bg-emerald-500", stroke: "#10b981" };

export function driverStyle(driver: string): DriverStyle {
  return STYLES[driver] ?? PLUGIN;
}
