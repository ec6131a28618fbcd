/**
 * A drag that starts on the empty pane keeps the pointer (pointer capture)
 * until the button is released: its moves go to the pane without a hit test
 * of the drawing under the cursor. At 1,000 sandboxes that hit test cost
 * about 7 ms a move, on the main thread the pan's frames need; with it gone,
 * nine pan frames in ten were on time instead of three in four
 * (`scripts/bench/frames.ts`). Edges under the moving cursor no longer
 * flicker their hover labels either.
 *
 * d3-zoom, which pans, follows the mouse on the window, and React Flow's
 * selection box captures the pointer on the pane itself: both see the same
 * events. Only the primary button; a click on the pane still clicks it.
 */
import type { PointerEvent } from "react";

export function capturePaneDrag(e: PointerEvent): void {
  const target = e.target;
  if (e.button === 0 && target instanceof Element && target.classList.contains("react-flow__pane")) target.setPointerCapture(e.pointerId);
}
