/**
 * Runs in the page (page.evaluate): a point of React Flow's pane with
 * nothing drawn on it, where a drag pans rather than moving a node, nearest
 * the pane's centre; null when there is none. Shared by the bench's frame
 * figures and the e2e specs that pan. Written with anonymous arrows only:
 * the bench passes it through tsx, whose named inner functions the page
 * would not know (scripts/bench/browser.ts, inPage).
 */
export function emptyPanePoint(): { x: number; y: number } | null {
  const pane = document.querySelector(".react-flow__pane");
  if (!pane) return null;
  const r = pane.getBoundingClientRect();
  const cx = r.left + r.width / 2;
  const cy = r.top + r.height / 2;
  const points: { x: number; y: number; d: number }[] = [];
  for (let x = r.left + 20; x < r.right - 20; x += 16) {
    for (let y = r.top + 20; y < r.bottom - 20; y += 16) points.push({ x, y, d: (x - cx) ** 2 + (y - cy) ** 2 });
  }
  points.sort((a, b) => a.d - b.d);
  const hit = points.find((p) => document.elementFromPoint(p.x, p.y) === pane);
  return hit ? { x: hit.x, y: hit.y } : null;
}
