/**
 * A viewport that comes with a selection: a saved view sets the selection and
 * the pan and zoom it was saved with. The canvas brings a selection made
 * elsewhere into view (use-canvas-selection); for this one it sets the
 * view's viewport instead, so the two never fight over who moves last.
 *
 * One per page, held until the canvas fits that selection (it sets the
 * viewport instead, once), another view is applied, or the person moves the
 * view themselves. Browser only.
 */
export interface ViewportXYZ {
  x: number;
  y: number;
  zoom: number;
}

let expected: { selection: string; viewport: ViewportXYZ } | null = null;

/** The next time the canvas would fit `selection` into view, it sets `viewport` instead. */
export function expectViewport(selection: string, viewport: ViewportXYZ): void {
  expected = { selection, viewport };
}

/** The viewport to set for an outside `selection` (once), or null to fit it as usual (another selection's fit leaves it waiting). */
export function takeExpectedViewport(selection: string): ViewportXYZ | null {
  if (!expected || expected.selection !== selection) return null;
  const { viewport } = expected;
  expected = null;
  return viewport;
}

/** The person moved the view: nothing is expected any more. */
export function forgetExpectedViewport(): void {
  expected = null;
}
