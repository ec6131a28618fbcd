"use client";
/**
 * The pane's dotted grid, drawn so that panning never paints it again.
 *
 * React Flow's <Background> is an SVG pattern whose offset follows the
 * viewport: every step of a pan repaints the whole pane. Without a GPU
 * (these VMs, many office machines) that repaint alone made one frame in
 * five late while panning an empty graph (bench, frames figure).
 *
 * Here the dots are a CSS background on a layer of its own, one grid step
 * larger than the pane on each side, moved with a transform by the pan's
 * offset modulo the step. A pan only moves that layer, which the compositor
 * does without painting; a zoom changes the step and paints once.
 */
import { useViewport } from "@xyflow/react";

/** Below this many screen pixels between dots, the grid is noise: none is drawn. */
const MIN_STEP_PX = 5;

/** `a mod m` in [0, m), also for negative `a`. */
function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

export function DotBackground({ gap, color }: { gap: number; color: string }) {
  const { x, y, zoom } = useViewport();
  const step = gap * zoom;
  const radius = Math.max(0.5, zoom / 2);
  return (
    <div className="react-flow__background" data-testid="rf__background" style={{ position: "absolute", inset: 0, overflow: "hidden" }}>
      {step >= MIN_STEP_PX && (
        <div
          style={{
            position: "absolute",
            left: -step,
            top: -step,
            width: `calc(100% + ${2 * step}px)`,
            height: `calc(100% + ${2 * step}px)`,
            backgroundImage: `radial-gradient(circle at center, ${color} ${radius}px, transparent ${radius + 0.5}px)`,
            backgroundSize: `${step}px ${step}px`,
            transform: `translate3d(${mod(x, step)}px, ${mod(y, step)}px, 0)`,
            willChange: "transform",
          }}
        />
      )}
    </div>
  );
}
