/** Text that must fit a label on the canvas. Pure. */

/**
 * `text` cut to at most `max` characters by taking out its middle: names
 * made by tools share a prefix ("myapp_backend", "myapp_frontend") or a
 * suffix, so both ends are kept, the end a little shorter.
 */
export function middleEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "…".slice(0, Math.max(0, max));
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

/**
 * `text` cut in the middle as little as lets `text + suffix` fit `room`
 * (px, padding taken off) at `fontPx`; `widthEm` measures a line in em (in
 * the page, the browser's own metrics: components/graph/text-width.ts). For
 * a label that is not clipped, so it must never be wider than its room.
 * When not even one character and the ellipsis fit, the ellipsis alone.
 *
 * `estimateEm`, when given, is a cheaper measure that the search for the
 * cut uses (in the page, a sum of character widths); the cut it finds is
 * then corrected with `widthEm`, a character at a time, so the result is
 * the one `widthEm` alone gives, with two or three exact measures instead
 * of one per step of the search. A zoomed-out canvas cuts a hundred labels
 * at once, again at each zoom step.
 */
export function fitMiddle(text: string, suffix: string, room: number, fontPx: number, widthEm: (line: string) => number, estimateEm = widthEm): string {
  const fits = (cut: string, measure: (line: string) => number): boolean => measure(cut + suffix) * fontPx <= room;
  if (fits(text, widthEm)) return text;
  // The longest cut that fits: widths grow with the characters kept.
  let lo = 1;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(middleEllipsis(text, mid), estimateEm)) lo = mid;
    else hi = mid - 1;
  }
  if (estimateEm !== widthEm) {
    // The estimate is close, not exact: shorter while the exact width is over the room, longer while it still fits.
    while (lo > 1 && !fits(middleEllipsis(text, lo), widthEm)) lo -= 1;
    while (lo < text.length - 1 && fits(middleEllipsis(text, lo + 1), widthEm)) lo += 1;
  }
  return middleEllipsis(text, lo);
}
