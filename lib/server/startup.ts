/**
 * At server start: the whole configuration is checked, so a bad setting
 * stops the server at once with a message naming the variable and what it
 * may be, rather than failing every request later.
 */
import { ConfigError, serverConfig } from "../config";

export function checkConfigOrExit(): void {
  try {
    serverConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`[cnmap] configuration error: ${err.message}`);
    process.exit(2);
  }
}
