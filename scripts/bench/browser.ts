/**
 * Chromium for the browser figures: Debian's, with the e2e tests' launch
 * options (test/support/chromium.ts), headless, at the e2e tests' viewport.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../test/support/chromium";

export type { Browser, Page };

export const VIEWPORT = { width: 1600, height: 900 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
}

/**
 * Marks a function that Playwright runs in the page, where only its source
 * text arrives. tsx compiles with esbuild's keepNames, which wraps named
 * inner functions (`const f = () => …`, `function f() {}`, `key: () => …`)
 * in a `__name(…)` helper the page does not have: write in-page code with
 * object methods and anonymous arrows only. This check says so at once
 * instead of a "__name is not defined" deep in a run.
 */
export function inPage<F extends (...args: never[]) => unknown>(fn: F): F {
  if (fn.toString().includes("__name(")) {
    throw new Error(`an in-page function uses a named inner function (tsx's __name helper):\n${fn.toString().slice(0, 300)}`);
  }
  return fn;
}

/** Epoch milliseconds with sub-millisecond precision, comparable with the page's `performance.timeOrigin + performance.now()`. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Waits for two animation frames in the page: whatever the last input caused has been drawn. */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    inPage(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))),
  );
}

/** Waits until the page's event stream is live (the header's status), so that changes reach it. */
export async function waitForLive(page: Page): Promise<void> {
  await page.locator('[data-testid="live-status"][data-state="live"]').waitFor({ state: "attached", timeout: 60_000 });
}
