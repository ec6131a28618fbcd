"use client";
/**
 * The canvas's view controls: saved views (components/views), grouping (each
 * sandbox, by network, by compose project, or automatic by size), closing opened clusters and resetting the
 * arrangement (top right); focus on the selected node and leaving it (under
 * them: the bottom centre holds the selected network's bar, the top centre
 * the endpoint panel).
 */
import type { ReactNode } from "react";
import type { LinuxLayer } from "@/lib/datapath/layer";
import type { GroupBy } from "@/lib/graph/group";
import { GROUP_AUTO_FROM, type GroupChoice } from "@/lib/graph/view";
import { ViewsMenu } from "../views/ViewsMenu";
import { BUTTON } from "./button-style";

/** The canvas's control buttons (the export menu imports it from here). */
export { BUTTON };

interface Props {
  group: GroupChoice;
  /** The grouping drawn now. */
  drawn: GroupBy;
  /** What "auto" comes to on this graph. */
  auto: GroupBy;
  onGroupChange(choice: GroupChoice): void;
  openClusters: number;
  onCollapseAll(): void;
  /** The node focus would be on (the selection), and its name; null when nothing is selected. */
  focusable: { id: string; name: string } | null;
  focus: { id: string; name: string } | null;
  onFocusChange(nodeId: string | null): void;
  onResetLayout(): void;
  /** The Linux layer: veth pairs on the endpoints, bridges on the networks, NAT rules on the host. */
  linux: boolean;
  onLinuxChange(on: boolean): void;
  /** The export menu (it needs the React Flow instance, which the canvas has). */
  exportMenu?: ReactNode;
}

const AUTO_LABEL: Record<GroupBy, string> = { none: "each sandbox", network: "by network", project: "by project" };

/** Focus on the selected node, or the banner that says what is in focus, with the way out. */
export function FocusControl({ focusable, focus, onFocusChange }: Pick<Props, "focusable" | "focus" | "onFocusChange">) {
  if (focus) {
    return (
      <span data-testid="focus-banner" className="flex items-center gap-1 rounded border border-sky-300 bg-sky-50 px-2 py-1 text-xs text-sky-900 shadow-sm">
        Focus: <span className="max-w-[200px] truncate font-medium">{focus.name}</span> and its neighbours
        <button type="button" data-testid="focus-leave" onClick={() => onFocusChange(null)} className="ml-1 rounded px-1 font-medium hover:bg-sky-100" title="Draw the whole graph again">
          Leave focus
        </button>
      </span>
    );
  }
  if (!focusable) return null;
  return (
    <button type="button" data-testid="focus-enter" onClick={() => onFocusChange(focusable.id)} className={BUTTON} title={`Draw only ${focusable.name} and what it is joined to`}>
      Focus on {focusable.name.length > 24 ? `${focusable.name.slice(0, 23)}…` : focusable.name}
    </button>
  );
}

/** Under the view controls while the Linux layer is on: loading, why it cannot be drawn, or what could not be read. */
export function LinuxStatus({ layer, error, loading }: { layer: LinuxLayer | null; error: string | null; loading: boolean }) {
  const box = "mt-1.5 ml-auto max-w-[360px] rounded border px-2 py-1 text-xs shadow-sm";
  if (error) {
    return (
      <div data-testid="linux-status" data-state="error" role="alert" className={`${box} border-red-300 bg-red-50 text-red-900`}>
        The Linux layer could not be read: {error}
      </div>
    );
  }
  if (!layer) {
    return loading ? (
      <div data-testid="linux-status" data-state="loading" className={`${box} border-violet-200 bg-violet-50 text-violet-900`}>
        Reading the Linux data path…
      </div>
    ) : null;
  }
  if (!layer.available) {
    return (
      <div data-testid="linux-status" data-state="unavailable" role="status" className={`${box} border-amber-300 bg-amber-50 text-amber-900`}>
        {layer.reason}
      </div>
    );
  }
  if (layer.limits.length === 0) return null;
  return (
    <details data-testid="linux-status" data-state="limited" className={`${box} border-amber-300 bg-amber-50 text-amber-900`}>
      <summary className="cursor-pointer">
        {layer.limits.length} thing{layer.limits.length === 1 ? "" : "s"} could not be read
      </summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-4">
        {layer.limits.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </details>
  );
}

export function ViewControls({ group, drawn, auto, onGroupChange, openClusters, onCollapseAll, onResetLayout, linux, onLinuxChange, exportMenu }: Omit<Props, "focusable" | "focus" | "onFocusChange">) {
  return (
    <div className="flex flex-wrap items-center justify-end gap-1.5">
      <ViewsMenu />
      {exportMenu}
      <button
        type="button"
        data-testid="linux-toggle"
        aria-pressed={linux}
        onClick={() => onLinuxChange(!linux)}
        className={linux ? "rounded border border-violet-500 bg-violet-600 px-2 py-1 text-xs font-medium text-white shadow-sm hover:bg-violet-700" : BUTTON}
        title="The Linux layer: each endpoint's veth pair, each network's bridge and rules, the host's NAT rules"
      >
        Linux
      </button>
      {openClusters > 0 && (
        <button type="button" data-testid="collapse-all" onClick={onCollapseAll} className={BUTTON} title="Fold the opened clusters back">
          Fold {openClusters} open cluster{openClusters === 1 ? "" : "s"}
        </button>
      )}
      <label className="flex items-center gap-1 rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 shadow-sm">
        Group
        <select
          data-testid="group-select"
          data-drawn={drawn}
          value={group}
          onChange={(e) => onGroupChange(e.target.value as GroupChoice)}
          className="bg-transparent text-xs text-slate-900 outline-none"
          title={`Automatic: by network past ${GROUP_AUTO_FROM} sandboxes, each sandbox below`}
        >
          <option value="auto">auto ({AUTO_LABEL[auto]})</option>
          <option value="none">each sandbox</option>
          <option value="network">by network</option>
          <option value="project">by compose project</option>
        </select>
      </label>
      <button type="button" onClick={onResetLayout} className={BUTTON} title="Forget the arrangement and lay the whole graph out again">
        Reset layout
      </button>
    </div>
  );
}
