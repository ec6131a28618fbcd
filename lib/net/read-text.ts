/** A file of the host as text, or undefined when it cannot be read (absent, not permitted): for /proc and /sys, whose files come and go. */
import { readFileSync } from "node:fs";

export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
