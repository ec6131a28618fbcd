/**
 * The only place dockerode clients are made: two per engine. One for
 * requests, with a timeout so a hung engine cannot hang the API and a cap on
 * open connections so a burst of reads cannot open hundreds of sockets; one
 * for long streams (events, probe output), with neither. docker-modem reads
 * DOCKER_HOST (and DOCKER_TLS_VERIFY / DOCKER_CERT_PATH) itself.
 */
import "server-only";
import Docker from "dockerode";
import http from "node:http";

/** Connections a request client keeps open to one engine at most; more requests wait their turn. */
export const MAX_ENGINE_CONNECTIONS = 16;

export interface DockerClients {
  request: Docker;
  stream: Docker;
}

export function createDockerClients(timeoutMs: number): DockerClients {
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_ENGINE_CONNECTIONS });
  return {
    // docker-modem takes an `agent`; dockerode's types do not list it.
    request: new Docker({ timeout: timeoutMs, agent } as Docker.DockerOptions),
    stream: new Docker(),
  };
}
