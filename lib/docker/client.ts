/**
 * The only place dockerode clients are made: two per engine. One for
 * requests, with a timeout so a hung engine cannot hang the API and a cap on
 * open connections so a burst of reads cannot open hundreds of sockets; one
 * for long streams (events, probe output), with neither. Closing them ends
 * the request client's connections.
 */
import "server-only";
import Docker from "dockerode";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { inspect } from "node:util";
import type { EngineEndpoint } from "../engines/config";

/** Connections a request client keeps open to one engine at most; more requests wait their turn. */
export const MAX_ENGINE_CONNECTIONS = 16;

export interface DockerClients {
  request: Docker;
  stream: Docker;
  /** Ends every connection the request client holds, idle or busy (the engine was removed). Streams end with their own handles. */
  close(): void;
}

/** docker-modem fills in DOCKER_HOST's values for anything not given: an explicit endpoint names every one. */
const NOTHING_FROM_ENVIRONMENT = { socketPath: undefined, host: undefined, port: undefined, protocol: undefined, ca: undefined, cert: undefined, key: undefined };

function connection(endpoint: EngineEndpoint): Docker.DockerOptions {
  switch (endpoint.kind) {
    case "environment":
      return {};
    case "unix":
      return { ...NOTHING_FROM_ENVIRONMENT, socketPath: endpoint.socketPath };
    case "tcp": {
      const base = { ...NOTHING_FROM_ENVIRONMENT, host: endpoint.host, port: endpoint.port };
      if (!endpoint.tls) return { ...base, protocol: "http" };
      const dir = endpoint.tls.certDir;
      if (!dir) return { ...base, protocol: "https" };
      const read = (name: string): Buffer => readFileSync(/*turbopackIgnore: true*/ path.join(dir, name));
      return { ...base, protocol: "https", ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem") };
    }
    case "ssh":
      // dockerode opens one SSH connection per request (docker-modem and ssh2): keep calls few.
      return {
        ...NOTHING_FROM_ENVIRONMENT,
        protocol: "ssh",
        host: endpoint.host,
        port: endpoint.port,
        ...(endpoint.username ? { username: endpoint.username } : {}),
        sshOptions: { agent: process.env.SSH_AUTH_SOCK },
      };
  }
}

function usesTls(endpoint: EngineEndpoint): boolean {
  if (endpoint.kind === "tcp") return endpoint.tls !== null;
  if (endpoint.kind !== "environment") return false;
  const host = process.env.DOCKER_HOST ?? "";
  return host.startsWith("tcp://") && (process.env.DOCKER_TLS_VERIFY === "1" || /:2376\/?$/.test(host));
}

/**
 * docker-modem logs every request it sends with `util.inspect(options,
 * { showHidden: true, depth: null })`, built before its debug logger decides
 * whether to print, and the options carry our keep-alive agent with every
 * socket it holds. At 1,000 containers that walk cost the server seconds of
 * CPU a minute (a CPU profile of the bench showed it above everything else).
 * The agent describes itself in one word instead.
 */
function shortInInspect<T extends object>(agent: T, label: string): T {
  Object.defineProperty(agent, inspect.custom, { value: () => label, enumerable: false });
  return agent;
}

export function createDockerClients(endpoint: EngineEndpoint, timeoutMs: number): DockerClients {
  const options = connection(endpoint);
  // An ssh endpoint brings its own agent (one SSH connection per request).
  const agent =
    endpoint.kind === "ssh"
      ? undefined
      : usesTls(endpoint)
        ? shortInInspect(new https.Agent({ keepAlive: true, maxSockets: MAX_ENGINE_CONNECTIONS }), "[https.Agent]")
        : shortInInspect(new http.Agent({ keepAlive: true, maxSockets: MAX_ENGINE_CONNECTIONS }), "[http.Agent]");
  return {
    // docker-modem takes an `agent`; dockerode's types do not list it.
    request: new Docker({ ...options, timeout: timeoutMs, ...(agent ? { agent } : {}) } as Docker.DockerOptions),
    stream: new Docker(options),
    close: () => agent?.destroy(),
  };
}
