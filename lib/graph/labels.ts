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
