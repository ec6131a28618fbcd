/**
 * A unix-socket proxy in front of the real engine that a test can cut and
 * restore: the way to test "the engine went away and came back" without
 * stopping an engine the tests did not start. It also counts connections
 * (how many cnmap opens to the engine, and how many at once), and can hold
 * requests whose request line matches a pattern, to make the engine slow
 * for one kind of call.
 */
import net from "node:net";
import { rmSync } from "node:fs";

export interface ProxyStats {
  /** Connections opened since the start (or the last resetStats). */
  opened: number;
  /** The most open at once since then. */
  maxOpen: number;
  open: number;
}

export interface SocketProxy {
  /** DOCKER_HOST value pointing at the proxy. */
  dockerHost: string;
  /** Stops listening and drops every open connection (the engine "goes away"). */
  cut(): Promise<void>;
  /** Listens again (the engine "comes back"). */
  restore(): Promise<void>;
  close(): Promise<void>;
  stats(): ProxyStats;
  resetStats(): void;
  /** Requests whose request line ("POST /v1.41/networks/x/connect HTTP/1.1") matches are passed on after `ms`; null stops holding. */
  hold(pattern: RegExp | null, ms?: number): void;
}

export async function startSocketProxy(path: string, target = "/var/run/docker.sock"): Promise<SocketProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let open = 0;
  let opened = 0;
  let maxOpen = 0;
  let holding: { pattern: RegExp; ms: number } | null = null;

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      rmSync(path, { force: true });
      const s = net.createServer((client) => {
        const upstream = net.connect(target);
        sockets.add(client);
        sockets.add(upstream);
        open += 1;
        opened += 1;
        maxOpen = Math.max(maxOpen, open);
        let dropped = false;
        const drop = (): void => {
          if (!dropped) {
            dropped = true;
            open -= 1;
          }
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
        // Chunks go on in order; a chunk that starts a held request, and all after it, wait out the hold.
        let releaseAt = 0;
        client.on("data", (chunk: Buffer) => {
          const line = chunk.subarray(0, 200).toString("latin1").split("\r\n")[0] ?? "";
          if (holding && /^[A-Z]+ \S+ HTTP\//.test(line) && holding.pattern.test(line)) releaseAt = Math.max(releaseAt, Date.now() + holding.ms);
          const wait = releaseAt - Date.now();
          if (wait <= 0) upstream.write(chunk);
          else setTimeout(() => !dropped && upstream.write(chunk), wait);
        });
        upstream.pipe(client);
      });
      s.once("error", reject);
      s.listen(path, () => resolve());
      server = s;
    });

  const cut = (): Promise<void> =>
    new Promise((resolve) => {
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => {
        rmSync(path, { force: true });
        resolve();
      });
    });

  await listen();
  return {
    dockerHost: `unix://${path}`,
    cut,
    restore: listen,
    close: cut,
    stats: () => ({ opened, maxOpen, open }),
    resetStats: () => {
      opened = 0;
      maxOpen = open;
    },
    hold: (pattern, ms = 0) => {
      holding = pattern ? { pattern, ms } : null;
    },
  };
}
