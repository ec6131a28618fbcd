/**
 * The allow-list: every engine call cnmap makes is a method of EngineClient,
 * one client per engine, and nothing else reaches the socket. Each call turns
 * "no engine answered" into an EngineUnreachableError naming the address
 * that was tried, and a request past the timeout into an EngineTimeoutError.
 */
import "server-only";
import type {
  EngineContainerDetail,
  EngineContainerSummary,
  EngineNetwork,
} from "../topology/engine-json";
import type { EngineNetworkVerbose, EngineNode, EngineService, EngineTask } from "../topology/swarm-json";
import type Docker from "dockerode";
import { Writable, type Duplex } from "node:stream";
import type { EngineEndpoint } from "../engines/config";
import { createDockerClients, type DockerClients } from "./client";
import { EngineRemovedError, EngineTimeoutError, EngineUnreachableError, engineStatus, isTimeout, isUnreachable, unreachableReason } from "./errors";

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
}

export interface EngineSwarmInfo {
  Swarm?: { LocalNodeState?: string; NodeID?: string; ControlAvailable?: boolean } | null;
}

/** What /info says of the daemon's own logging (20.10 does not report its log level: only whether debug is on). */
export interface EngineLoggingInfo {
  Debug?: boolean;
  LoggingDriver?: string;
}

/** A logs request, values already bounded by lib/server/logs.ts. */
export interface EngineLogsQuery {
  follow: boolean;
  /** Lines of history: a number, or "all" (with `since`). */
  tail: number | "all";
  /** Only lines from this time (UNIX seconds, fractional). */
  since?: string;
  /** A service's task attributes before each line. */
  details?: boolean;
}

export interface EnginePlugins {
  Plugins?: { Network?: string[] | null; Volume?: string[] | null } | null;
}

export interface EnginePlugin {
  Name: string;
  Enabled: boolean;
  Config?: { Interface?: { Types?: { Capability?: string }[] | null } | null } | null;
}

export interface EngineNetworkCreate {
  Name: string;
  CheckDuplicate: boolean;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  EnableIPv6?: boolean;
  /** API 1.47+ only. */
  EnableIPv4?: boolean;
  ConfigOnly?: boolean;
  ConfigFrom?: { Network: string };
  IPAM?: {
    Driver?: string;
    Config?: { Subnet: string; Gateway?: string; IPRange?: string; AuxiliaryAddresses?: Record<string, string> }[];
    Options?: Record<string, string>;
  };
  Options?: Record<string, string>;
  Labels?: Record<string, string>;
}

export interface EngineConnect {
  Container: string;
  EndpointConfig?: {
    Aliases?: string[];
    IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] };
    DriverOpts?: Record<string, string>;
  };
}

/**
 * A container the guided labs create (lib/server/labs.ts): only the fields
 * `docker run` needs for them. No binds, devices, capabilities or privilege:
 * nothing here can reach the host beyond a published port on an address.
 */
export interface EngineContainerCreate {
  Image: string;
  Cmd: string[];
  Labels: Record<string, string>;
  ExposedPorts?: Record<string, Record<string, never>>;
  HostConfig: {
    NetworkMode: string;
    PortBindings?: Record<string, { HostIp: string; HostPort: string }[]>;
  };
  NetworkingConfig?: { EndpointsConfig: Record<string, { Aliases?: string[] }> };
}

/** One network a service's tasks join (`Spec.TaskTemplate.Networks[]`), as the engine stores it. */
export interface EngineNetworkAttachmentConfig {
  /** The network's ID (the engine resolves a name given at create or update). */
  Target: string;
  Aliases?: string[] | null;
  DriverOpts?: Record<string, string> | null;
}

/**
 * A service's spec as the engine returns it. cnmap changes only the networks
 * (lib/services/network-spec.ts); every other field is sent back exactly as
 * read, which is why the rest stays open.
 */
export interface EngineServiceSpec {
  Name: string;
  Labels?: Record<string, string> | null;
  TaskTemplate?: ({ Networks?: EngineNetworkAttachmentConfig[] | null } & Record<string, unknown>) | null;
  /** Deprecated since API 1.25 (TaskTemplate.Networks replaces it); an old service may still use it. */
  Networks?: EngineNetworkAttachmentConfig[] | null;
  [field: string]: unknown;
}

/** `docker service inspect` for an update: the version to update at, and the whole spec to send back (the model's read is EngineService, lib/topology/swarm-json.ts). */
export interface EngineServiceInspect {
  ID: string;
  Version: { Index: number };
  Spec: EngineServiceSpec;
}

/**
 * A swarm service the overlay lab creates (lib/server/labs.ts): only what
 * `docker service create --no-resolve-image` sends for it. One replicated
 * task of the lab image, on lab networks, with placement constraints: no
 * mounts, secrets, configs, capabilities, published ports or registry auth.
 * The image is sent as named, never resolved to a digest against a registry.
 */
export interface EngineServiceCreate {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: { Image: string; Args: string[]; Labels: Record<string, string> };
    Placement: { Constraints: string[] };
    Networks: { Target: string }[];
    RestartPolicy: { Condition: "none" | "on-failure" | "any" };
  };
  Mode: { Replicated: { Replicas: 1 } };
}

/** What the labs read of an image: whether it is there. */
export interface EngineImage {
  Id: string;
}

/**
 * The only programs a probe may run in a container (lib/probe/commands.ts
 * builds their fixed argument lists). Anything else is refused here, before
 * the engine is asked.
 */
export const PROBE_TOOLS: ReadonlySet<string> = new Set(["ping", "nslookup", "getent", "nc", "wget", "curl"]);
/** `timeout -s KILL <secs> <tool> ...`: a deadline for a tool without its own (the tool is checked too). */
const PROBE_WRAPPER = "timeout";

/** Throws unless argv runs an allowed tool, bare or under the one allowed `timeout` wrapper. */
export function checkProbeArgv(argv: readonly string[]): void {
  const tool = argv[0];
  const program = tool === PROBE_WRAPPER ? argv[4] : tool;
  if (program === undefined || !PROBE_TOOLS.has(program) || (tool === PROBE_WRAPPER && (argv[1] !== "-s" || argv[2] !== "KILL" || !/^\d+$/.test(argv[3] ?? "")))) {
    throw new Error(`execProbe: "${argv.slice(0, 5).join(" ")}" is not an allowed probe tool`);
  }
}

/**
 * The only reads the data path view runs in a container (lib/server/datapath.ts),
 * whole argument lists compared exactly: nothing of them comes from a request.
 */
export const DATAPATH_READS: readonly (readonly string[])[] = [
  ["ip", "-o", "link"],
  ["ip", "route"],
  ["cat", "/etc/resolv.conf"],
];

/** Throws unless argv is one of DATAPATH_READS. */
export function checkReadArgv(argv: readonly string[]): void {
  if (!DATAPATH_READS.some((allowed) => allowed.length === argv.length && allowed.every((a, i) => a === argv[i]))) {
    throw new Error(`execRead: "${argv.slice(0, 5).join(" ")}" is not an allowed data path read`);
  }
}

/** Time past the tool's own deadline before cnmap stops waiting for it. */
const EXEC_MARGIN_MS = 1000;

/** The engine could not start the program (Docker 20.10 says so on the stream and exits 126; others refuse the start). */
const EXEC_NOT_STARTED = /executable file not found|no such file or directory|permission denied|OCI runtime exec failed/i;

export interface ExecProbeResult {
  /** False when the engine could not start the program (e.g. no such executable in the container). */
  started: boolean;
  /** null when the program did not finish in time or did not start. */
  exitCode: number | null;
  /** stdout and stderr as written, at most maxOutputBytes (a note says when cut). */
  output: string;
  /** cnmap stopped waiting: the program may still run in the container until its own timeout. */
  timedOut: boolean;
}

/** Where an engine is and how long one request may take. */
export interface EngineTarget {
  /** The engine's name (in the message of a call made after it was removed). */
  name: string;
  /** As the user wrote it (shown in errors): unix:///var/run/docker.sock, tcp://host:2376... */
  address: string;
  endpoint: EngineEndpoint;
  timeoutMs: number;
}

export class EngineClient {
  private readonly clients: DockerClients;
  private closed = false;

  constructor(readonly target: EngineTarget) {
    this.clients = createDockerClients(target.endpoint, target.timeoutMs);
  }

  /**
   * Ends every connection to the engine (it was removed from cnmap): calls
   * under way fail, later ones are refused without touching the engine.
   * Streams (events, probe output) end through their own handles.
   */
  close(): void {
    this.closed = true;
    this.clients.close();
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new EngineRemovedError(this.target.name);
    const started = Date.now();
    try {
      return await fn();
    } catch (err) {
      if (this.closed) throw new EngineRemovedError(this.target.name);
      // docker-modem ends a timed-out request by destroying it, which surfaces as ECONNRESET: tell it by the clock.
      const { timeoutMs, address } = this.target;
      const atTimeout = Date.now() - started >= timeoutMs - 100;
      if (isTimeout(err) || (atTimeout && isUnreachable(err))) throw new EngineTimeoutError(timeoutMs);
      if (isUnreachable(err)) throw new EngineUnreachableError(address, unreachableReason(err));
      throw err;
    }
  }

  private get docker(): Docker {
    return this.clients.request;
  }

  /** Every network, or (`ids`: full IDs) just those that still exist, in the same shape. */
  listNetworks(ids?: readonly string[]): Promise<EngineNetwork[]> {
    const opts = ids ? { filters: JSON.stringify({ id: [...ids] }) } : {};
    return this.call(() => this.docker.listNetworks(opts) as Promise<EngineNetwork[]>);
  }

  /** Every container, or (`ids`: full IDs) just those that still exist, in the same shape. */
  listContainers(ids?: readonly string[]): Promise<EngineContainerSummary[]> {
    const opts = ids ? { all: true, filters: JSON.stringify({ id: [...ids] }) } : { all: true };
    return this.call(() => this.docker.listContainers(opts) as Promise<EngineContainerSummary[]>);
  }

  /** A container's inspect, or null when it no longer exists. */
  async inspectContainer(id: string): Promise<EngineContainerDetail | null> {
    try {
      return (await this.call(() => this.docker.getContainer(id).inspect())) as EngineContainerDetail;
    } catch (err) {
      if (engineStatus(err)?.status === 404) return null;
      throw err;
    }
  }

  version(): Promise<EngineVersion> {
    return this.call(() => this.docker.version() as Promise<EngineVersion>);
  }

  info(): Promise<EngineSwarmInfo & EnginePlugins & EngineLoggingInfo> {
    return this.call(() => this.docker.info() as Promise<EngineSwarmInfo & EnginePlugins & EngineLoggingInfo>);
  }

  // ------------------------------------------------------------------- logs
  // Read-only: `docker logs` and `docker service logs`, always as a stream so
  // that lib/server/logs.ts can stop reading at its byte cap instead of
  // holding whatever the engine sends.

  /**
   * `GET /containers/{id}/logs` or `GET /services/{id}/logs` (stdout and
   * stderr, timestamps), as the engine's byte stream: multiplexed unless the
   * container has a TTY. `id` is a full ID the caller resolved. On the stream
   * client (no request timeout: a followed stream lasts); `signal` ends it,
   * and a tail the engine does not begin answering within one request's
   * time is given up.
   */
  async openLogs(kind: "container" | "service", id: string, query: EngineLogsQuery, signal: AbortSignal): Promise<NodeJS.ReadableStream> {
    if (!/^[0-9a-z]{12,64}$/.test(id)) throw new Error(`openLogs: "${id.slice(0, 80)}" is not a full ID`);
    const options: Record<string, string | number | boolean> = { stdout: true, stderr: true, timestamps: true, follow: query.follow, tail: query.tail };
    if (query.since !== undefined) options.since = query.since;
    if (query.details) options.details = true;
    // A tail must begin within one request's time; a followed stream may wait (a swarm manager sends no headers before a service's first line).
    const started = new AbortController();
    const timer = query.follow ? undefined : setTimeout(() => started.abort(), this.target.timeoutMs);
    const abortSignal = AbortSignal.any([signal, started.signal]);
    const modem = this.clients.stream.modem as { dial(opts: unknown, cb: (err: unknown, data: unknown) => void): void };
    try {
      return await this.call(
        () =>
          new Promise<NodeJS.ReadableStream>((resolve, reject) => {
            modem.dial(
              {
                path: `/${kind === "container" ? "containers" : "services"}/${id}/logs?`,
                method: "GET",
                isStream: true,
                abortSignal,
                statusCodes: { 200: true, 404: `no such ${kind}`, 500: "server error", 503: "node is not a swarm manager" },
                options,
              },
              (err, data) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
            );
          }),
      );
    } catch (err) {
      if (started.signal.aborted && !signal.aborted) throw new EngineTimeoutError(this.target.timeoutMs);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The engine's event stream for containers, networks, and the swarm's services and nodes (newline-delimited JSON, never times out). */
  openEventStream(): Promise<NodeJS.ReadableStream> {
    return this.call(
      () =>
        this.clients.stream.getEvents({
          filters: { type: ["container", "network", "service", "node"] },
        }) as Promise<NodeJS.ReadableStream>,
    );
  }

  // ------------------------------------------------------------ swarm reads
  // A manager answers these; a worker or a node outside a swarm answers 503.

  /** `docker node ls`. */
  listNodes(): Promise<EngineNode[]> {
    return this.call(() => this.docker.listNodes() as Promise<EngineNode[]>);
  }

  /** `docker service ls`, with each service's running and desired task counts. */
  listServices(): Promise<EngineService[]> {
    return this.call(() => this.docker.listServices({ status: true } as Parameters<Docker["listServices"]>[0]) as Promise<EngineService[]>);
  }

  /**
   * Every task the manager holds (history included; the transform keeps the
   * current ones), or (`service`: an ID) one service's: none when that
   * service no longer exists (the engine answers a filter on it with a 404).
   */
  async listTasks(service?: string): Promise<EngineTask[]> {
    const opts = service ? { filters: JSON.stringify({ service: [service] }) } : {};
    try {
      return await this.call(() => this.docker.listTasks(opts) as Promise<EngineTask[]>);
    } catch (err) {
      if (service && engineStatus(err)?.status === 404) return [];
      throw err;
    }
  }

  /** `docker network inspect -v`: on a manager, the network's peers and its services' tasks. */
  async inspectNetworkVerbose(id: string): Promise<EngineNetworkVerbose | null> {
    try {
      // dockerode sends the options as the query string; its types only know the callback form.
      const network = this.docker.getNetwork(id) as unknown as { inspect(opts: { verbose: boolean }): Promise<EngineNetworkVerbose> };
      return await this.call(() => network.inspect({ verbose: true }));
    } catch (err) {
      const status = engineStatus(err)?.status;
      // Removed meanwhile (a manager answers an unknown network with a 500 rpc NotFound).
      if (status === 404 || (status === 500 && /not ?found/i.test(engineStatus(err)?.message ?? ""))) return null;
      throw err;
    }
  }

  // -------------------------------------------------------------- mutations
  // Each takes values already validated by lib/api/schemas.ts and resolved to
  // engine IDs by lib/server/networks.ts; nothing here builds a path from text.

  async createNetwork(body: EngineNetworkCreate): Promise<string> {
    const network = await this.call(() => this.docker.createNetwork(body as unknown as Parameters<Docker["createNetwork"]>[0]));
    return network.id;
  }

  async inspectNetwork(id: string): Promise<EngineNetwork> {
    return (await this.call(() => this.docker.getNetwork(id).inspect())) as EngineNetwork;
  }

  async removeNetwork(id: string): Promise<void> {
    await this.call(() => this.docker.getNetwork(id).remove());
  }

  async connectContainer(networkId: string, body: EngineConnect): Promise<void> {
    await this.call(() => this.docker.getNetwork(networkId).connect(body));
  }

  async disconnectContainer(networkId: string, containerId: string, force: boolean): Promise<void> {
    await this.call(() => this.docker.getNetwork(networkId).disconnect({ Container: containerId, Force: force }));
  }

  // -------------------------------------------------------------- services
  // Only a service's networks are changed (lib/server/services.ts): the spec
  // sent back is the one just read, with its networks edited, never a request's.

  /**
   * `docker service inspect` (ID, name or unique ID prefix), or null when the
   * engine has no such service. A node that is no swarm manager throws the
   * engine's 503.
   */
  async inspectService(ref: string): Promise<EngineServiceInspect | null> {
    try {
      return (await this.call(() => this.docker.getService(ref).inspect())) as EngineServiceInspect;
    } catch (err) {
      if (engineStatus(err)?.status === 404) return null;
      throw err;
    }
  }

  /**
   * `docker service update`: replaces the service's spec, at `version`
   * (`Version.Index` of the inspect the spec came from: the engine refuses
   * the update if the service changed since).
   */
  async updateService(id: string, version: number, spec: EngineServiceSpec): Promise<void> {
    // _query and _body: docker-modem would otherwise put the whole spec in the query string as well.
    await this.call(() => this.docker.getService(id).update({ _query: { version }, _body: spec }));
  }

  /** The engine's managed plugins (`docker plugin ls`): name, whether enabled, and what they implement. */
  listPlugins(): Promise<EnginePlugin[]> {
    return this.call(() => this.docker.listPlugins() as Promise<EnginePlugin[]>);
  }

  /**
   * The drivers a network may name: the engine's network drivers (built in,
   * and plugins it reports), enabled managed plugins that implement a network
   * or IPAM driver, and the built-in IPAM drivers "default" and "null".
   */
  async networkDrivers(): Promise<{ network: string[]; ipam: string[] }> {
    const [info, plugins] = await Promise.all([this.info(), this.listPlugins()]);
    const implementing = (capability: string): string[] =>
      plugins
        .filter((p) => p.Enabled && (p.Config?.Interface?.Types ?? []).some((t) => t.Capability === capability))
        .flatMap((p) => [p.Name, p.Name.replace(/:latest$/, "")]);
    const sorted = (names: string[]): string[] => [...new Set(names)].sort();
    return {
      network: sorted([...(info.Plugins?.Network ?? []), ...implementing("networkdriver")]),
      ipam: sorted(["default", "null", ...implementing("ipamdriver")]),
    };
  }

  // ------------------------------------------------------------ lab objects
  // Only the guided labs create and remove containers (lib/server/labs.ts), each
  // body built from the lab catalogue (lib/labs), never from a request's text.

  /** The image's inspect, or null when the engine does not have it (nothing is ever pulled). */
  async inspectImage(ref: string): Promise<EngineImage | null> {
    try {
      return (await this.call(() => this.docker.getImage(ref).inspect())) as EngineImage;
    } catch (err) {
      if (engineStatus(err)?.status === 404) return null;
      throw err;
    }
  }

  /** `docker create --name name ...`: the new container's ID. */
  async createContainer(name: string, body: EngineContainerCreate): Promise<string> {
    const container = await this.call(() => this.docker.createContainer({ name, ...body } as Docker.ContainerCreateOptions));
    return container.id;
  }

  async startContainer(id: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).start());
  }

  /** `docker rm --force`: stops it if it runs. */
  async removeContainer(id: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).remove({ force: true }));
  }

  /**
   * `docker service create --no-resolve-image`: the new service's ID. The
   * body comes from the lab catalogue only; no X-Registry-Auth header is
   * sent and the image is not resolved, so nothing asks a registry on
   * cnmap's behalf (the image must be on the node the task lands on).
   */
  async createService(spec: EngineServiceCreate): Promise<string> {
    // With the spec as its only argument, dockerode would also send it as the X-Registry-Auth header: `null` sends none.
    const create = this.docker.createService as unknown as (this: Docker, auth: null, spec: EngineServiceCreate) => Promise<Docker.Service>;
    const service = await this.call(() => create.call(this.docker, null, spec));
    return service.id;
  }

  /** `docker service rm`: its tasks are stopped and removed by their nodes. */
  async removeService(id: string): Promise<void> {
    await this.call(() => this.docker.getService(id).remove());
  }

  // ----------------------------------------------------------------- probes

  /**
   * Runs one allow-listed tool in a running container (exec, no TTY, no stdin)
   * and waits at most timeoutMs (plus a small margin). The engine has no call
   * to stop an exec, so a program that outlives the wait is left to end by its
   * own timeout; the probe's argument lists give each tool one.
   */
  async execProbe(containerId: string, argv: readonly string[], timeoutMs: number, maxOutputBytes: number): Promise<ExecProbeResult> {
    checkProbeArgv(argv);
    return this.execBounded(containerId, argv, timeoutMs, maxOutputBytes);
  }

  /** Runs one of the data path's fixed reads (DATAPATH_READS) in a running container, with the probes' bounds. */
  async execRead(containerId: string, argv: readonly string[], timeoutMs: number, maxOutputBytes: number): Promise<ExecProbeResult> {
    checkReadArgv(argv);
    return this.execBounded(containerId, argv, timeoutMs, maxOutputBytes);
  }

  private async execBounded(containerId: string, argv: readonly string[], timeoutMs: number, maxOutputBytes: number): Promise<ExecProbeResult> {
    const created = await this.call(() =>
      this.docker
        .getContainer(containerId)
        .exec({ Cmd: [...argv], AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false }),
    );
    // Started on the stream client: the request timeout would cut a probe that takes longer than it.
    const exec = this.clients.stream.getExec(created.id);
    // Without a request timeout, a hung engine would hold the start forever: give up after the probe's own time plus one request's.
    const engineTimeoutMs = this.target.timeoutMs;
    const abort = new AbortController();
    const startTimer = setTimeout(() => abort.abort(), timeoutMs + EXEC_MARGIN_MS + engineTimeoutMs);
    let stream: Duplex;
    try {
      stream = await this.call(() => exec.start({ hijack: true, stdin: false, Detach: false, Tty: false, abortSignal: abort.signal }));
    } catch (err) {
      if (abort.signal.aborted) throw new EngineTimeoutError(engineTimeoutMs);
      const refused = engineStatus(err);
      if (refused && EXEC_NOT_STARTED.test(refused.message)) return { started: false, exitCode: null, output: refused.message, timedOut: false };
      throw err;
    } finally {
      clearTimeout(startTimer);
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let cut = false;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        const room = maxOutputBytes - size;
        if (room > 0) {
          const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
          chunks.push(part);
          size += part.length;
        }
        if (chunk.length > room) cut = true;
        done();
      },
    });
    this.docker.modem.demuxStream(stream, sink, sink);

    const timedOut = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => finish(true), timeoutMs + EXEC_MARGIN_MS);
      function finish(late: boolean): void {
        clearTimeout(timer);
        resolve(late);
      }
      stream.once("end", () => finish(false));
      stream.once("close", () => finish(false));
      // A broken connection ends the wait like the end of the output; the exit code below tells what happened.
      stream.on("error", () => finish(false));
    });
    if (timedOut) stream.destroy();

    let output = Buffer.concat(chunks).toString("utf8");
    if (cut) output += `\n[output cut at ${maxOutputBytes} bytes]`;

    // The exit code is set once the process is reaped, which may trail the end of its output a little.
    let info = await this.call(() => this.docker.getExec(created.id).inspect());
    for (let i = 0; !timedOut && info.Running && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 25));
      info = await this.call(() => this.docker.getExec(created.id).inspect());
    }
    const started = info.Pid > 0 || info.Running;
    if (!started && output === "") output = "the engine did not start the program";
    return {
      started,
      exitCode: timedOut || info.Running || !started ? null : info.ExitCode,
      output,
      timedOut: timedOut || info.Running,
    };
  }
}
