/**
 * Runs once when the server starts, before it serves a request (Next's
 * instrumentation hook). The Node.js part lives in lib/server/startup.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkStartupOrExit } = await import("./lib/server/startup");
    await checkStartupOrExit();
  }
}
