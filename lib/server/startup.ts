/**
 * At server start: the whole configuration is checked, so a bad setting
 * stops the server at once with a message naming the variable and what it
 * may be, rather than failing every request later. And a server bound to an
 * address other than loopback (HOST) refuses to start while no account
 * exists and OIDC sign-in is off: then anyone who reaches the port would be
 * the local admin of a root-equivalent engine.
 */
import { ConfigError, serverConfig } from "../config";
import { isLoopbackHost } from "../net/cidr";

export const FIRST_ADMIN_HELP =
  "create the first admin with `npm run users -- add NAME --role admin --password-stdin` (the password on standard input), then start cnmap again";

export async function checkStartupOrExit(): Promise<void> {
  try {
    const { dataDir } = serverConfig();
    const host = (process.env.HOST ?? "").trim();
    const bare = host.replace(/^\[|\]$/g, "");
    if (host !== "" && bare !== "localhost" && !isLoopbackHost(bare)) {
      const { authContext } = await import("../auth/context");
      const { signInRequired } = await import("../auth/context-open");
      if (!signInRequired(await authContext())) {
        console.error(`[cnmap] refusing to listen on ${host} with no accounts (CNMAP_DATA_DIR=${dataDir}): ${FIRST_ADMIN_HELP}.`);
        process.exit(2);
      }
    }
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`[cnmap] configuration error: ${err.message}`);
    process.exit(2);
  }
}
