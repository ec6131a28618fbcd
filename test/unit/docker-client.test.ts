/**
 * docker-modem inspects the whole options object of every request it sends
 * (showHidden, unlimited depth) before its debug logger decides to print,
 * and the options carry the client's keep-alive agent: the agent must
 * describe itself briefly, or each request walks every socket it holds.
 */
import http from "node:http";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDockerClients } from "@/lib/docker/client";

const dir = mkdtempSync(path.join(os.tmpdir(), "cnmap-client-"));
const socketPath = path.join(dir, "engine.sock");
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain" });
  res.end("OK");
});

beforeAll(() => new Promise<void>((resolve) => server.listen(socketPath, resolve)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the request client's agent", () => {
  it("is one short word in docker-modem's request log, even holding open sockets", async () => {
    const clients = createDockerClients({ kind: "unix", socketPath }, 5000);
    try {
      await clients.request.ping();
      await clients.request.ping();
      const modem = clients.request.modem as unknown as { agent?: http.Agent };
      expect(modem.agent).toBeInstanceOf(http.Agent);
      // What docker-modem builds for each request (modem.js, buildRequest).
      const logged = inspect({ path: "/_ping", method: "GET", agent: modem.agent }, { showHidden: true, depth: null });
      expect(logged).toContain("[http.Agent]");
      expect(logged.length).toBeLessThan(300);
    } finally {
      clients.close();
    }
  });
});
