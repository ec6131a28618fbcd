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
 * does without painting.
 *
 * A zoom changes the step, and the layer must be rastered again: without a
 * GPU, on every notch of the wheel, about 1.5 million pixels on the raster
 * threads and again in the display compositor, in the same frames as the
 * graph's own raster. At 1,000 sandboxes (grouped view) that alone made one
 * wheel frame in five late (`npm run bench`; hiding the grid: one in a
 * hundred). So the step follows the settled zoom (settled-zoom.ts), and
 * while a zoom gesture runs the grid is not drawn: its layer's opacity goes
 * to 0, which the compositor applies without painting, and it fades back in
 * at the new step when the gesture ends. A pan keeps the grid: it only moves.
 */
import { useViewport } from "@xyflow/react";
import { useSettledZoom } from "./canvas/settled-zoom";

/** Below this many screen pixels between dots, the grid is noise: none is drawn. */
const MIN_STEP_PX = 5;

/** `a mod m` in [0, m), also for negative `a`. */
function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

const settledZoomOf = (zoom: number): number => zoom;

export function DotBackground({ gap, color }: { gap: number; color: string }) {
  const { x, y, zoom } = useViewport();
  const settled = useSettledZoom(settledZoomOf);
  const zooming = zoom !== settled;
  const step = gap * settled;
  const radius = Math.max(0.5, settled / 2);
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
            opacity: zooming ? 0 : 1,
            transition: zooming ? undefined : "opacity 120ms ease-out",
            willChange: "transform, opacity",
          }}
        />
      )}
    </div>
  );
}
