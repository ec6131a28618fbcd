/**
 * A unix-socket proxy in front of the real engine that a test can cut and
 * restore: the way to test "the engine went away and came back" without
 * stopping an engine the tests did not start.
 */
import net from "node:net";
import { rmSync } from "node:fs";

export interface SocketProxy {
  /** DOCKER_HOST value pointing at the proxy. */
  dockerHost: string;
  /** Stops listening and drops every open connection (the engine "goes away"). */
  cut(): Promise<void>;
  /** Listens again (the engine "comes back"). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startSocketProxy(path: string, target = "/var/run/docker.sock"): Promise<SocketProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      rmSync(path, { force: true });
      const s = net.createServer((client) => {
        const upstream = net.connect(target);
        sockets.add(client);
        sockets.add(upstream);
        const drop = (): void => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
        client.pipe(upstream);
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
  return { dockerHost: `unix://${path}`, cut, restore: listen, close: cut };
}
