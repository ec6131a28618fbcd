"use client";
/**
 * The canvas by keyboard. Tab reaches each node and edge (React Flow makes
 * them focusable); here, on a focused node or edge:
 * - Enter or Space inspects it (a cluster opens or closes instead);
 * - the arrow keys move focus to the nearest node that way (lib/graph/keyboard-nav),
 *   among the nodes drawn (React Flow pans to a focused node outside the view);
 * - Escape clears the selection.
 * Handled before React Flow's own keys: its arrows move a selected node,
 * which here would rearrange the graph when a person only meant to look around.
 */
import { useCallback, type KeyboardEvent } from "react";
import { ARROW_DIRECTIONS, nextInDirection, type Box } from "@/lib/graph/keyboard-nav";

interface Options {
  activate(id: string, el: Element): void;
  clear(): void;
  toggleCluster(id: string): void;
}

const ITEM = ".react-flow__node, .react-flow__edge";

/** The boxes of the nodes drawn in this canvas, in screen pixels (what the person sees is what "left" means). */
function drawnBoxes(pane: Element): Box[] {
  return [...pane.querySelectorAll<HTMLElement>(".react-flow__node")].flatMap((el) => {
    const id = el.dataset.id;
    if (!id) return [];
    const r = el.getBoundingClientRect();
    return [{ id, x: r.left, y: r.top, width: r.width, height: r.height }];
  });
}

export function useCanvasKeyboard({ activate, clear, toggleCluster }: Options): (e: KeyboardEvent<HTMLElement>) => void {
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target instanceof Element ? e.target : null;
      // Only the node or edge itself: a button or a field inside one keeps its keys.
      const item = target?.matches(ITEM) ? target : null;
      const id = item?.getAttribute("data-id");
      if (!item || !id) {
        // An arrow on a button inside a selected node would reach React Flow, which moves the node.
        const field = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
        if (ARROW_DIRECTIONS[e.key] && !field && target?.closest(".react-flow__node")) e.stopPropagation();
        return;
      }
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        e.stopPropagation();
        if (id.startsWith("cluster:")) toggleCluster(id);
        else activate(id, item);
        return;
      }
      if (e.key === "Escape") {
        e.stopPropagation();
        clear();
        return;
      }
      const direction = ARROW_DIRECTIONS[e.key];
      if (!direction || !item.classList.contains("react-flow__node")) return;
      e.preventDefault();
      e.stopPropagation();
      const pane = item.closest(".react-flow");
      const next = pane ? nextInDirection(drawnBoxes(pane), id, direction) : null;
      if (next && pane) pane.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(next)}"]`)?.focus();
    },
    [activate, clear, toggleCluster],
  );
}
