/**
 * The only place a dockerode client is made. Two of them: one for requests,
 * with a timeout so a hung engine cannot hang the API, and one for the event
 * stream, which must stay open indefinitely. docker-modem reads DOCKER_HOST
 * (and DOCKER_TLS_VERIFY / DOCKER_CERT_PATH) itself; we only add timeouts.
 */
import Docker from "dockerode";
import { serverConfig } from "../config";

interface Clients {
  request: Docker;
  stream: Docker;
}

const globalForClients = globalThis as typeof globalThis & { __cnmapDocker?: Clients };

function clients(): Clients {
  if (!globalForClients.__cnmapDocker) {
    const { engineTimeoutMs } = serverConfig();
    globalForClients.__cnmapDocker = {
      request: new Docker({ timeout: engineTimeoutMs }),
      stream: new Docker(),
    };
  }
  return globalForClients.__cnmapDocker;
}

export const requestClient = (): Docker => clients().request;
export const streamClient = (): Docker => clients().stream;
