/**
 * Which engines cnmap shows, from the configuration. Pure: the caller reads
 * the environment and the files.
 *
 * - CNMAP_ENGINES: `name=address` pairs separated by `;`, for example
 *   `local=unix:///var/run/docker.sock;lab=tcp://10.0.0.5:2376?certs=/etc/cnmap/lab`.
 *   A tcp address on port 2376, or with `?certs=DIR`, speaks TLS with DIR's
 *   ca.pem, cert.pem and key.pem (DOCKER_CERT_PATH's layout); `?certs=` is the
 *   only query parameter.
 * - Unset: one engine, "local", at DOCKER_HOST or the default socket, with
 *   DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the docker CLI reads them.
 * - Docker contexts (`~/.docker/contexts/meta/<hash>/meta.json`) add one
 *   engine each when CNMAP_DOCKER_CONTEXTS is on (contextEngines below).
 * - Engines global admins add in the UI are kept in the data folder's
 *   database (lib/engines/added.ts is their pure part).
 */

/** Where an engine is and how to speak to it. */
export type EngineEndpoint =
  /** docker-modem reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH itself. */
  | { kind: "environment" }
  | { kind: "unix"; socketPath: string }
  /** tls: null for plain HTTP; certDir null for TLS checked against the system's CAs, without a client certificate. */
  | { kind: "tcp"; host: string; port: number; tls: { certDir: string | null } | null }
  | { kind: "ssh"; host: string; port: number; username?: string };

/** Where an engine comes from: the server's environment and Docker contexts are fixed while it runs; added ones are the admins'. */
export type EngineOrigin =
  | { kind: "environment"; variable: "CNMAP_ENGINES" | "DOCKER_HOST" }
  | { kind: "context" }
  /** Added by a global admin (`by`, a user name or "local") at `at` (ISO 8601), kept in the data folder. */
  | { kind: "added"; by: string; at: string };

export interface EngineConfig {
  /** Stable, URL-safe: the name, lower-cased. */
  id: string;
  /** As configured. */
  name: string;
  /** As the user wrote it (shown in the UI and in errors). */
  address: string;
  endpoint: EngineEndpoint;
  origin: EngineOrigin;
}

export const ENGINE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
/** An engine's ID: its name, lower-cased. */
export const ENGINE_ID = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** One address: unix:///path, tcp://host:port[?certs=DIR], ssh://[user@]host[:port]. */
export function parseEndpoint(address: string): Parsed<EngineEndpoint> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, error: `"${address}" is not an address: use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host` };
  }
  const extra = [...url.searchParams.keys()].filter((k) => k !== "certs");
  if (extra.length > 0 || (url.searchParams.has("certs") && url.protocol !== "tcp:")) {
    return { ok: false, error: `"${address}": the only option is ?certs=DIR, on a tcp:// address` };
  }
  switch (url.protocol) {
    case "unix:": {
      const socketPath = decodeURIComponent(url.pathname);
      if (!socketPath.startsWith("/")) return { ok: false, error: `"${address}": a unix socket needs an absolute path (unix:///var/run/docker.sock)` };
      return { ok: true, value: { kind: "unix", socketPath } };
    }
    case "tcp:": {
      if (!url.hostname || !url.port) return { ok: false, error: `"${address}": a tcp address needs a host and a port (tcp://10.0.0.5:2376)` };
      const certs = url.searchParams.get("certs");
      if (certs !== null && !certs.startsWith("/")) return { ok: false, error: `"${address}": ?certs= needs an absolute folder holding ca.pem, cert.pem and key.pem` };
      const port = Number(url.port);
      const tls = certs !== null ? { certDir: certs } : port === 2376 ? { certDir: null } : null;
      return { ok: true, value: { kind: "tcp", host: url.hostname, port, tls } };
    }
    case "ssh:": {
      if (!url.hostname) return { ok: false, error: `"${address}": an ssh address needs a host (ssh://user@host)` };
      return {
        ok: true,
        value: { kind: "ssh", host: url.hostname, port: url.port ? Number(url.port) : 22, ...(url.username ? { username: decodeURIComponent(url.username) } : {}) },
      };
    }
    default:
      return { ok: false, error: `"${address}": ${url.protocol.replace(/:$/, "")}:// is not an engine address (unix, tcp or ssh)` };
  }
}

/** CNMAP_ENGINES, or null when it is unset or blank. */
export function parseEngineList(raw: string | undefined): Parsed<EngineConfig[]> | null {
  if (raw === undefined || raw.trim() === "") return null;
  const engines: EngineConfig[] = [];
  for (const part of raw.split(";").map((p) => p.trim())) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) return { ok: false, error: `CNMAP_ENGINES: "${part}" is not name=address` };
    const name = part.slice(0, eq).trim();
    const address = part.slice(eq + 1).trim();
    if (!ENGINE_NAME.test(name)) return { ok: false, error: `CNMAP_ENGINES: "${name}" is not an engine name (letters, digits, '_', '.', '-'; at most 63)` };
    const id = name.toLowerCase();
    if (engines.some((e) => e.id === id)) return { ok: false, error: `CNMAP_ENGINES: "${name}" is named twice` };
    const endpoint = parseEndpoint(address);
    if (!endpoint.ok) return { ok: false, error: `CNMAP_ENGINES: ${name}: ${endpoint.error}` };
    engines.push({ id, name, address, endpoint: endpoint.value, origin: { kind: "environment", variable: "CNMAP_ENGINES" } });
  }
  if (engines.length === 0) return { ok: false, error: "CNMAP_ENGINES is set but names no engine" };
  return { ok: true, value: engines };
}

/** The one engine of a configuration without CNMAP_ENGINES. */
export function environmentEngine(address: string): EngineConfig {
  return { id: "local", name: "local", address, endpoint: { kind: "environment" }, origin: { kind: "environment", variable: "DOCKER_HOST" } };
}

/** A Docker context's meta.json, the part cnmap reads. */
export interface DockerContextMeta {
  Name?: unknown;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } | null } | null;
}

/**
 * Engines from Docker contexts: `meta` is each meta.json with the folder of
 * its TLS material (`~/.docker/contexts/tls/<hash>/docker`) when it has one.
 * Contexts whose name or address cnmap cannot use are skipped and reported.
 */
export function contextEngines(
  contexts: { meta: DockerContextMeta; tlsDir: string | null }[],
  taken: readonly string[],
): { engines: EngineConfig[]; skipped: string[] } {
  const engines: EngineConfig[] = [];
  const skipped: string[] = [];
  const ids = new Set(taken);
  for (const { meta, tlsDir } of contexts) {
    const name = typeof meta.Name === "string" ? meta.Name : "";
    const host = meta.Endpoints?.docker?.Host;
    if (!ENGINE_NAME.test(name) || typeof host !== "string") {
      skipped.push(`${name || "(unnamed)"}: no usable name or docker endpoint`);
      continue;
    }
    const id = name.toLowerCase();
    if (ids.has(id)) {
      skipped.push(`${name}: an engine of that name exists already`);
      continue;
    }
    const endpoint = parseEndpoint(host);
    if (!endpoint.ok) {
      skipped.push(`${name}: ${endpoint.error}`);
      continue;
    }
    const value = endpoint.value.kind === "tcp" && tlsDir ? { ...endpoint.value, tls: { certDir: tlsDir } } : endpoint.value;
    ids.add(id);
    engines.push({ id, name, address: host, endpoint: value, origin: { kind: "context" } });
  }
  return { engines, skipped };
}
