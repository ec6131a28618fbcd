/**
 * Playwright's `test`, with one check on every page a test drives: nothing
 * it did made the browser scroll React Flow's wrapper.
 *
 * React Flow makes that wrapper `overflow: hidden`, which a person cannot
 * scroll but Playwright can, to reach an element outside the visible canvas
 * (behind the side panel, past an edge); React Flow scrolls it back on the
 * next frame, and a click made in between lands on whatever is there then.
 * cnmap makes the wrapper `overflow: clip` (app/globals.css), which nothing
 * can scroll, so this check guards that rule: should it go, a test that
 * passed or failed by timing fails here every time. Reach canvas elements
 * through `clickOnCanvas` (e2e/helpers.ts), as a person would.
 *
 * Pages in contexts a test opens with `browser.newContext()` are checked too.
 *
 * Specs import `test` and `expect` from here instead of "@playwright/test".
 */
import { expect, test as base, type BrowserContext } from "@playwright/test";

export * from "@playwright/test";

const MARK = "cnmap:canvas-scrolled";

/** Runs in the page before its scripts: reports a scroll of React Flow's wrapper on the console. */
function watchCanvasScroll(mark: string): void {
  document.addEventListener(
    "scroll",
    (e) => {
      const t = e.target;
      if (t instanceof Element && t.classList.contains("react-flow") && (t.scrollLeft !== 0 || t.scrollTop !== 0)) {
        console.debug(`${mark} ${t.scrollLeft},${t.scrollTop}`);
      }
    },
    true,
  );
}

const SCROLLED = "the test reached something outside the visible canvas, so Playwright scrolled React Flow's wrapper: use clickOnCanvas";

/**
 * One watch per test over every context it drives: the default one (its
 * `page`) and any it opens itself with `browser.newContext()` (another
 * person signed in, a fresh browser for a link). Each context is watched
 * once, so a scroll is reported once.
 */
export const test = base.extend<{ scrollGuard: void }>({
  scrollGuard: [
    async ({ browser, context }, provide) => {
      const scrolls: string[] = [];
      const watched = new WeakSet<BrowserContext>();
      const watch = async (c: BrowserContext): Promise<void> => {
        if (watched.has(c)) return;
        watched.add(c);
        c.on("console", (m) => {
          if (m.text().startsWith(MARK)) scrolls.push(m.text().slice(MARK.length + 1));
        });
        await c.addInitScript(watchCanvasScroll, MARK);
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const opened = await newContext(options);
        await watch(opened);
        return opened;
      };
      try {
        await provide();
      } finally {
        browser.newContext = newContext;
      }
      expect(scrolls, SCROLLED).toEqual([]);
    },
    { auto: true },
  ],
});
