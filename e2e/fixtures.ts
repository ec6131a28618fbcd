/**
 * Playwright's `test`, with one check on every page a test drives: nothing
 * it did made the browser scroll React Flow's wrapper.
 *
 * That wrapper is `overflow: hidden`; a person cannot scroll it. Playwright
 * does, to reach an element outside the visible canvas (behind the side
 * panel, past an edge), and React Flow scrolls it back on the next frame. A
 * click that lands before that reset works; one after it falls on whatever
 * is there then (the pane, clearing the selection). Such a test passes or
 * fails by timing. This makes it fail every time: reach canvas elements
 * through `clickOnCanvas` (e2e/helpers.ts), as a person would.
 *
 * Pages in contexts a test opens with `browser.newContext()` are checked too.
 *
 * Specs import `test` and `expect` from here instead of "@playwright/test".
 */
import { expect, test as base, type ConsoleMessage, type Page } from "@playwright/test";

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

function collect(scrolls: string[]): (m: ConsoleMessage) => void {
  return (m) => {
    if (m.text().startsWith(MARK)) scrolls.push(m.text().slice(MARK.length + 1));
  };
}

export const test = base.extend<{ page: Page; guardContexts: void }>({
  page: async ({ page }, provide) => {
    const scrolls: string[] = [];
    page.on("console", collect(scrolls));
    await page.addInitScript(watchCanvasScroll, MARK);
    await provide(page);
    expect(scrolls, SCROLLED).toEqual([]);
  },
  // The same check in the contexts a test opens itself (another person signed in, a fresh browser for a link).
  guardContexts: [
    async ({ browser }, provide) => {
      const scrolls: string[] = [];
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        context.on("console", collect(scrolls));
        await context.addInitScript(watchCanvasScroll, MARK);
        return context;
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
