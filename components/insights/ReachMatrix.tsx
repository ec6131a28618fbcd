"use client";
/**
 * Who can reach whom (lib/insights/reachability): every ordered pair of
 * running sandboxes, rows the source, columns the target. A cell's title
 * gives the reason; a click spells it out below the matrix. The headers stay
 * in view while the matrix scrolls; a row or column header selects that
 * container on the canvas. On a swarm manager, the running tasks on other
 * nodes follow as extra columns (targets only: this engine cannot see from
 * them). `ReachMatrixDialog` shows it in a modal.
 */
import { memo, useCallback, useMemo, useState } from "react";
import { isRunning } from "@/lib/insights/model";
import { reachMatrix, remoteTaskReach, type ReachMatrix as Matrix, type ReachVerdict } from "@/lib/insights/reachability";
import type { Selection } from "@/lib/selection";
import type { Topology } from "@/lib/topology/types";
import { Dialog } from "../editing/Dialog";
import { enforcingRules } from "@/lib/datapath/enforcement";
import type { LinuxLayer } from "@/lib/datapath/layer";

type CellLook = "yes" | "no" | "port" | "self";

function lookOf(v: ReachVerdict, self: boolean): CellLook {
  if (self) return "self";
  if (v.ok) return "yes";
  return v.throughHost.length > 0 ? "port" : "no";
}

const LOOK: Record<CellLook, { glyph: string; cell: string; legend: string; words: string }> = {
  yes: { glyph: "✓", cell: "bg-emerald-700 text-white hover:bg-emerald-800", legend: "reaches it directly", words: "reaches" },
  no: { glyph: "✕", cell: "bg-slate-100 text-slate-600 hover:bg-slate-200", legend: "cannot reach it", words: "cannot reach" },
  port: {
    glyph: "⌂",
    cell: "bg-amber-100 text-amber-800 hover:bg-amber-200",
    legend: "only its published ports, through the host",
    words: "cannot reach (only published ports through the host)",
  },
  self: { glyph: "·", cell: "bg-slate-300 text-slate-600 hover:bg-slate-400", legend: "itself", words: "is" },
};

/** More rows than this would be a wall of cells (and a quadratic computation): the filter narrows it first. */
export const MATRIX_MAX = 80;
const NO_MATRIX: Matrix = { sandboxes: [], cells: [] };
const NO_TASKS: ReturnType<typeof remoteTaskReach> = { tasks: [], cells: [] };
/** A remote task's column ID: not a sandbox ID, so it never selects one. */
const TASK_COLUMN = "task:";

interface Picked {
  from: string;
  to: string;
}

interface Row {
  id: string;
  name: string;
  /** A task on another node: its node's hostname. */
  node?: string;
}

const MatrixRow = memo(function MatrixRow({
  from,
  columns,
  cells,
  pickedTo,
  onPick,
  onSelect,
}: {
  from: Row;
  columns: Row[];
  cells: ReachVerdict[];
  /** The picked cell's column, when it is in this row. */
  pickedTo: string | null;
  onPick: (p: Picked) => void;
  onSelect: (sel: Selection) => void;
}) {
  return (
    <tr>
      <th scope="row" className={`sticky left-0 z-10 border-r border-slate-200 p-0 text-right font-normal ${pickedTo ? "bg-sky-100" : "bg-white"}`}>
        <button
          type="button"
          data-testid="reach-row"
          data-id={from.id}
          onClick={() => onSelect({ kind: "sandbox", id: from.id })}
          title={`Select ${from.name} on the graph`}
          className="block max-w-40 truncate px-2 py-0.5 text-right text-slate-700 hover:text-sky-700 hover:underline"
        >
          {from.name}
        </button>
      </th>
      {columns.map((to, j) => {
        const v = cells[j];
        if (!v) return <td key={to.id} />;
        const look = lookOf(v, from.id === to.id);
        const picked = pickedTo === to.id;
        return (
          <td key={to.id} className="p-px">
            <button
              type="button"
              data-testid="reach-cell"
              data-from={from.id}
              data-to={to.id}
              data-reach={v.ok ? "yes" : "no"}
              data-look={look}
              aria-pressed={picked}
              aria-label={`${from.name} ${LOOK[look].words} ${to.name}${to.node ? ` on ${to.node}` : ""}`}
              title={`${from.name} → ${to.name}${to.node ? ` (${to.node})` : ""}: ${v.reason}`}
              onClick={() => onPick({ from: from.id, to: to.id })}
              className={`flex h-6 w-6 items-center justify-center rounded-sm text-[11px] leading-none ${LOOK[look].cell} ${
                picked ? "ring-2 ring-sky-600 ring-offset-1" : ""
              }`}
            >
              <span aria-hidden>{LOOK[look].glyph}</span>
            </button>
          </td>
        );
      })}
    </tr>
  );
});

function Legend() {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-[11px] text-slate-600" data-testid="reach-legend" aria-label="Legend">
      {(["yes", "port", "no", "self"] as const).map((look) => (
        <li key={look} className="flex items-center gap-1">
          <span aria-hidden className={`flex h-3.5 w-3.5 items-center justify-center rounded-sm text-[9px] leading-none ${LOOK[look].cell}`}>
            {LOOK[look].glyph}
          </span>
          {LOOK[look].legend}
        </li>
      ))}
    </ul>
  );
}

export function ReachMatrix({
  topology,
  sandboxIds,
  onSelect,
  onExpand,
  className = "",
  scrollClassName = "max-h-[60vh]",
  linux = null,
}: {
  /** The whole engine: verdicts always consider every network. */
  topology: Topology;
  /** The Linux layer, when on: a blocked pair names the host's rule that blocks it. */
  linux?: LinuxLayer | null;
  /** The rows and columns (e.g. what the canvas filter shows); all running sandboxes when absent. */
  sandboxIds?: ReadonlySet<string>;
  onSelect: (sel: Selection) => void;
  /** Shows an "Enlarge" button (e.g. to open ReachMatrixDialog). */
  onExpand?: () => void;
  className?: string;
  /** Bounds the scrolling area (the headers stick inside it). */
  scrollClassName?: string;
}) {
  const inScope = useMemo(() => topology.sandboxes.filter((s) => isRunning(s) && (!sandboxIds || sandboxIds.has(s.id))).length, [topology, sandboxIds]);
  const tooMany = inScope > MATRIX_MAX;
  const matrix = useMemo(() => (tooMany ? NO_MATRIX : reachMatrix(topology, sandboxIds)), [topology, sandboxIds, tooMany]);
  const remote = useMemo(
    () => (matrix.sandboxes.length === 0 ? NO_TASKS : remoteTaskReach(topology, matrix.sandboxes.map((s) => s.id))),
    [topology, matrix],
  );
  const columns = useMemo<Row[]>(
    () => [...matrix.sandboxes, ...remote.tasks.map((t) => ({ id: `${TASK_COLUMN}${t.id}`, name: t.name, node: t.node }))],
    [matrix, remote],
  );
  const rowCells = useMemo(() => matrix.cells.map((row, i) => [...row, ...(remote.cells[i] ?? [])]), [matrix, remote]);
  const [picked, setPicked] = useState<Picked | null>(null);
  const onPick = useCallback((p: Picked) => setPicked((cur) => (cur && cur.from === p.from && cur.to === p.to ? null : p)), []);

  const index = useMemo(() => new Map(matrix.sandboxes.map((s, i) => [s.id, i])), [matrix]);
  const colIndex = useMemo(() => new Map(columns.map((s, i) => [s.id, i])), [columns]);
  const pairs = useMemo(() => {
    let ok = 0;
    matrix.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        if (i !== j && v.ok) ok++;
      }),
    );
    const n = matrix.sandboxes.length;
    return { ok, total: n * (n - 1) };
  }, [matrix]);

  // The picked cell, if both sandboxes still run.
  const pi = picked ? index.get(picked.from) : undefined;
  const pj = picked ? colIndex.get(picked.to) : undefined;
  const detail = pi !== undefined && pj !== undefined ? rowCells[pi]?.[pj] : undefined;
  const from = pi !== undefined ? matrix.sandboxes[pi] : undefined;
  const to = pj !== undefined ? columns[pj] : undefined;

  return (
    <section data-testid="reach-matrix" aria-label="Who can reach whom" className={`flex min-h-0 flex-col gap-2 text-xs ${className}`}>
      <div className="flex items-baseline gap-2">
        <h2 className="text-sm font-semibold text-slate-800">Who can reach whom</h2>
        <span className="text-[11px] text-slate-500" data-testid="reach-summary">
          {matrix.sandboxes.length} running · {pairs.ok} of {pairs.total} pairs connect
          {remote.tasks.length > 0 && ` · ${remote.tasks.length} task${remote.tasks.length === 1 ? "" : "s"} on other nodes`}
        </span>
        {onExpand && matrix.sandboxes.length > 0 && (
          <button type="button" data-testid="reach-expand" onClick={onExpand} className="ml-auto rounded px-1.5 text-[11px] text-sky-700 hover:bg-sky-50">
            Enlarge
          </button>
        )}
      </div>
      {tooMany ? (
        <p data-testid="reach-too-many" className="text-slate-600">
          {inScope} running containers are in view; the matrix lists at most {MATRIX_MAX}. Narrow the canvas with the filter (a network, a compose
          project) to see theirs. Selecting a container on the canvas still highlights everything it reaches.
        </p>
      ) : matrix.sandboxes.length === 0 ? (
        <p data-testid="reach-empty" className="text-slate-500">
          No running container: reachability is worked out between running ones.
        </p>
      ) : (
        <>
          <div className={`min-h-0 overflow-auto rounded border border-slate-200 ${scrollClassName}`} data-testid="reach-scroll">
            <table className="border-separate border-spacing-0">
              <caption className="sr-only">Rows: from. Columns: to.</caption>
              <thead>
                <tr>
                  <th scope="col" className="sticky top-0 left-0 z-30 border-r border-b border-slate-200 bg-white px-2 py-1 text-right align-bottom text-[10px] font-normal text-slate-500">
                    from ╲ to
                  </th>
                  {columns.map((s) => (
                    <th key={s.id} scope="col" className={`sticky top-0 z-20 border-b border-slate-200 p-0 align-bottom font-normal ${to?.id === s.id ? "bg-sky-100" : "bg-white"}`}>
                      {s.node !== undefined ? (
                        <span
                          data-testid="reach-col-task"
                          data-id={s.id.slice(TASK_COLUMN.length)}
                          data-node={s.node}
                          title={`Task ${s.name} on ${s.node}: a swarm task on another node (reached over an overlay; this engine cannot probe from it)`}
                          className="mx-auto block max-h-32 w-6 truncate py-1 text-violet-800 italic [writing-mode:vertical-rl] rotate-180"
                        >
                          {s.name} @ {s.node}
                        </span>
                      ) : (
                      <button
                        type="button"
                        data-testid="reach-col"
                        data-id={s.id}
                        onClick={() => onSelect({ kind: "sandbox", id: s.id })}
                        title={`Select ${s.name} on the graph`}
                        className="mx-auto block max-h-32 w-6 truncate py-1 text-slate-700 [writing-mode:vertical-rl] rotate-180 hover:text-sky-700 hover:underline"
                      >
                        {s.name}
                      </button>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.sandboxes.map((s, i) => (
                  <MatrixRow
                    key={s.id}
                    from={s}
                    columns={columns}
                    cells={rowCells[i] ?? []}
                    pickedTo={from?.id === s.id && to ? to.id : null}
                    onPick={onPick}
                    onSelect={onSelect}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <Legend />
          <p data-testid="reach-detail" aria-live="polite" className="min-h-8 rounded bg-slate-50 px-2 py-1 text-slate-700">
            {detail && from && to ? (
              <>
                <span className="font-medium">
                  {from.name} → {to.name}
                </span>
                <span className={detail.ok ? "text-emerald-700" : "text-slate-500"}> ({detail.ok ? "reaches" : "cannot reach"})</span>: {detail.reason}
                {linux && to.node === undefined && <EnforcedBy rules={enforcingRules(topology, from.id, to.id, detail, linux)} />}
              </>
            ) : (
              <span className="text-slate-500">Click a cell for the reason.</span>
            )}
          </p>
        </>
      )}
    </section>
  );
}

/** The host's rules that enforce a blocked verdict (the Linux layer). */
function EnforcedBy({ rules }: { rules: string[] }) {
  if (rules.length === 0) return null;
  return (
    <span data-testid="reach-rules" className="mt-0.5 block text-[11px] text-violet-800">
      Enforced on the host by{" "}
      {rules.map((r, i) => (
        <span key={r}>
          {i > 0 && " and "}
          <code className="rounded bg-violet-50 px-1 font-mono">{r}</code>
        </span>
      ))}
    </span>
  );
}

/** The matrix in the shared modal, for a large view. Choosing a container selects it and closes the modal. */
export function ReachMatrixDialog({
  topology,
  sandboxIds,
  onSelect,
  onClose,
  linux = null,
}: {
  topology: Topology;
  sandboxIds?: ReadonlySet<string>;
  onSelect: (sel: Selection) => void;
  onClose: () => void;
  linux?: LinuxLayer | null;
}) {
  const select = useCallback(
    (sel: Selection) => {
      onSelect(sel);
      onClose();
    },
    [onSelect, onClose],
  );
  return (
    <Dialog title="Who reaches whom" onClose={onClose} size="large" testId="reach-matrix-dialog">
      <ReachMatrix topology={topology} sandboxIds={sandboxIds} onSelect={select} scrollClassName="max-h-[70vh]" linux={linux} />
    </Dialog>
  );
}
