/**
 * Frame time while panning and while zooming with the wheel, p95: real input
 * through Playwright (mouse drags on an empty spot of the pane, wheel events
 * over the graph), frames timed in the page as the gaps between
 * requestAnimationFrame callbacks while the gesture runs. Each gesture goes
 * there and back, so the view ends about where it began.
 */
import { inPage, nextFrames, type Page } from "./browser";
import { before, GOALS, timedFigure, type Figure } from "./figures";
import { log, ms } from "./report";
import { emptyPanePoint as emptyPane } from "../../test/support/pane";

/** Drags there and back, and the mouse moves in each. */
const PAN_DRAGS = 4;
const PAN_STEPS = 40;
const PAN_DISTANCE = { x: 360, y: 200 };
/** Rounds of wheel notches in, then as many out. */
const ZOOM_ROUNDS = 3;
const ZOOM_NOTCHES = 12;
const WHEEL_DELTA = 120;

interface Recorder {
  stop(): number[];
}

/** Records the gap between consecutive animation frames until stopped. */
const startRecorder = inPage((): Recorder => {
  const rec = {
    gaps: [] as number[],
    last: -1,
    running: true,
    frame(t: number): void {
      if (!rec.running) return;
      if (rec.last >= 0) rec.gaps.push(t - rec.last);
      rec.last = t;
      requestAnimationFrame((next) => rec.frame(next));
    },
    stop(): number[] {
      rec.running = false;
      return rec.gaps;
    },
  };
  requestAnimationFrame((t) => rec.frame(t));
  return rec;
});

/** A point of the pane with nothing drawn on it, nearest its centre (test/support/pane.ts). */
const emptyPanePoint = inPage(emptyPane);

/** The viewport's transform (translate and scale), to check that a gesture moved the view. */
const viewportTransform = inPage((): string => (document.querySelector(".react-flow__viewport") as HTMLElement | null)?.style.transform ?? "");

async function changesView(page: Page, gesture: () => Promise<void>, what: string): Promise<void> {
  const before = await page.evaluate(viewportTransform);
  await gesture();
  const after = await page.evaluate(viewportTransform);
  if (after === before) throw new Error(`${what} did not move the view (transform stayed "${before}")`);
}

async function record(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  const recorder = await page.evaluateHandle(startRecorder);
  try {
    await gesture();
    await nextFrames(page);
    return await recorder.evaluate((r) => r.stop());
  } finally {
    await recorder.dispose();
  }
}

/** `suffix` names the view measured (", grouped view"); the figures of the view of each sandbox have none. */
export async function benchFrames(page: Page, size: number, suffix = ""): Promise<Figure[]> {
  const start = await page.evaluate(emptyPanePoint);
  if (!start) throw new Error("no empty spot of the pane to start a drag on");
  const end = { x: start.x + PAN_DISTANCE.x, y: start.y + PAN_DISTANCE.y };

  log(`pan: ${PAN_DRAGS} drags there and back (${PAN_STEPS} moves each) from (${start.x}, ${start.y}) ...`);
  const pan = await record(page, async () => {
    const drag = async (from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: PAN_STEPS });
      await page.mouse.up();
    };
    for (let i = 0; i < PAN_DRAGS; i++) {
      // The first drag is checked: a drag that moved a node instead would time the wrong thing.
      if (i === 0) await changesView(page, () => drag(start, end), "a drag on the pane");
      else await drag(start, end);
      await drag(end, start);
    }
  });

  log(`zoom: ${ZOOM_ROUNDS} rounds of ${ZOOM_NOTCHES} wheel notches in and out ...`);
  const zoom = await record(page, async () => {
    await page.mouse.move(start.x, start.y);
    const notches = async (delta: number): Promise<void> => {
      for (let n = 0; n < ZOOM_NOTCHES; n++) await page.mouse.wheel(0, delta);
    };
    for (let round = 0; round < ZOOM_ROUNDS; round++) {
      if (round === 0) await changesView(page, () => notches(-WHEEL_DELTA), "the wheel");
      else await notches(-WHEEL_DELTA);
      await notches(WHEEL_DELTA);
    }
  });

  return [
    timedFigure(`frame time while panning${suffix}`, pan, { p95: GOALS.frameP95Ms }, { before: suffix ? undefined : before(size, "pan"), note: spread(`panning${suffix}`, pan) }),
    timedFigure(`frame time while zooming (wheel)${suffix}`, zoom, { p95: GOALS.frameP95Ms }, { before: suffix ? undefined : before(size, "zoom"), note: spread(`zooming${suffix}`, zoom) }),
  ];
}

/**
 * Frame gaps come in multiples of the display's interval (16.7 ms at 60 Hz):
 * how many frames were on time, and how many missed at most one.
 */
function spread(what: string, gaps: readonly number[]): string {
  const share = (limit: number): string => `${Math.round((100 * gaps.filter((g) => g <= limit).length) / Math.max(1, gaps.length))}%`;
  return `${what}: ${gaps.length} frames, ${share(17.5)} within 16.7 ms, ${share(34)} within 33.3 ms, longest ${ms(Math.max(...gaps))}`;
}
