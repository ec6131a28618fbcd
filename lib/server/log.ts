/**
 * The server's log: one line per event, `[cnmap]` first. Debug lines (a
 * client that went away, and the like) are printed only with CNMAP_DEBUG=1:
 * they are normal traffic, not faults.
 */
import { serverConfig } from "../config";

export const log = {
  error(message: string, err?: unknown): void {
    if (err === undefined) console.error(`[cnmap] ${message}`);
    else console.error(`[cnmap] ${message}`, err);
  },
  warn(message: string): void {
    console.warn(`[cnmap] ${message}`);
  },
  debug(message: string): void {
    if (serverConfig().debug) console.log(`[cnmap] debug: ${message}`);
  },
};
