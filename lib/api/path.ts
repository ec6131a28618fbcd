/** Whether every percent-escape in a URL path decodes to UTF-8 text ("/api/networks/%zz" does not). Pure. */
export function pathDecodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}
