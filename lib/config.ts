/**
 * Server configuration, read once from the environment and validated as a
 * whole. A bad value is a ConfigError naming the variable and what it may
 * be; instrumentation.ts checks it when the server starts, so a typo stops
 * the server with that message instead of failing every request later.
 * (HOST and PORT are the listening address; scripts/start.mjs reads them.)
 */
import path from "node:path";
import { z } from "zod";
import { parseOidcConfig, type OidcConfig } from "./auth/oidc-config";
import { contextEngines, environmentEngine, parseEngineList, type DockerContextMeta, type EngineConfig } from "./engines/config";
import { dockerConfigDir, missingCertFiles, readDockerContexts } from "./engines/contexts";
import { LABELS_HIDE_VAR, LABELS_KEEP_VAR, parseLabelPolicy, type LabelPolicy } from "./topology/label-policy";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const TRUE_WORDS = ["1", "true", "yes", "on"];
const FALSE_WORDS = ["", "0", "false", "no", "off"];

/** A yes/no setting in any of the common spellings, any case (TRUE, Yes, on, 1...). */
export function parseFlag(name: string, raw: string | undefined): boolean {
  const v = (raw ?? "").trim().toLowerCase();
  if (TRUE_WORDS.includes(v)) return true;
  if (FALSE_WORDS.includes(v)) return false;
  throw new ConfigError(`${name}="${raw}" is not a yes/no value: use one of ${[...TRUE_WORDS, ...FALSE_WORDS.slice(1)].join(", ")} (any case), or leave it unset.`);
}

const ENGINE_SCHEMES = ["unix:", "tcp:", "http:", "https:", "ssh:"];

/** DOCKER_HOST as docker-modem reads it: unix:///path, tcp://host:port (TLS by DOCKER_TLS_VERIFY), ssh://user@host. */
export function parseEngineAddress(raw: string | undefined): string {
  const v = (raw ?? "").trim();
  if (v === "") return "unix:///var/run/docker.sock";
  let url: URL | null = null;
  try {
    url = new URL(v.includes("://") ? v : `tcp://${v}`);
  } catch {
    url = null;
  }
  if (!url || !ENGINE_SCHEMES.includes(url.protocol) || (url.protocol !== "unix:" && url.hostname === "")) {
    throw new ConfigError(`DOCKER_HOST="${raw}" is not an engine address: use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host.`);
  }
  return v;
}

const timeoutSchema = z.coerce.number().int().min(100).max(120_000);

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 8000;
  const parsed = timeoutSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`CNMAP_ENGINE_TIMEOUT_MS="${raw}" must be a whole number of milliseconds from 100 to 120000.`);
  return parsed.data;
}

const resyncSchema = z.coerce.number().int().min(500).max(600_000);

/** How often the live model reads an engine in full, to catch what no event announces (CNMAP_RESYNC_MS, default 10 s). */
function parseResync(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 10_000;
  const parsed = resyncSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`CNMAP_RESYNC_MS="${raw}" must be a whole number of milliseconds from 500 to 600000.`);
  return parsed.data;
}

const HOST_NAME = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)$/;

function parseAllowedHosts(raw: string | undefined): string[] {
  const hosts = (raw ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
  const bad = hosts.find((h) => !HOST_NAME.test(h));
  if (bad !== undefined) {
    throw new ConfigError(`CNMAP_ALLOWED_HOSTS: "${bad}" is not a host name; give comma-separated names or IP literals (IPv6 in brackets), without ports.`);
  }
  return hosts;
}

export interface ServerConfig {
  /** The engines, the first the default (CNMAP_ENGINES, else DOCKER_HOST or the default socket; plus Docker contexts). */
  engines: EngineConfig[];
  engineTimeoutMs: number;
  /** How often each engine's live model is read in full (CNMAP_RESYNC_MS). */
  resyncMs: number;
  /** Refuse every mutation (403) and hide the editing UI: demo and teaching screens. */
  readOnly: boolean;
  allowedHosts: string[];
  /** Log requests a client abandoned and other debug lines (CNMAP_DEBUG). */
  debug: boolean;
  /** Which label values the read routes hide (CNMAP_LABELS_HIDE, CNMAP_LABELS_KEEP; secrets and host paths by default). */
  labelPolicy: LabelPolicy;
  /** Where accounts, sessions, tokens and the audit trail are kept (CNMAP_DATA_DIR, default ./data). */
  dataDir: string;
  /** Where people reach cnmap (CNMAP_PUBLIC_URL): an https:// URL makes session cookies Secure. */
  publicUrl: string;
  /** OIDC sign-in (CNMAP_OIDC_*, lib/auth/oidc-config.ts), null when off. */
  oidc: OidcConfig | null;
  /** The image the guided labs run their containers from (CNMAP_LAB_IMAGE); never pulled. */
  labImage: string;
}

/** An image reference as docker takes it: [registry[:port]/]path[:tag][@digest]. */
const IMAGE_REF = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export const DEFAULT_LAB_IMAGE = "busybox:latest";

function parseLabImage(raw: string | undefined): string {
  const v = (raw ?? "").trim();
  if (v === "") return DEFAULT_LAB_IMAGE;
  if (v.length > 255 || !IMAGE_REF.test(v)) {
    throw new ConfigError(`CNMAP_LAB_IMAGE="${raw}" is not an image reference: use a name with an optional tag, such as busybox:latest or registry.example.org/tools/busybox:1.36.`);
  }
  return v;
}

function parsePublicUrl(raw: string | undefined): string {
  const v = (raw ?? "").trim();
  if (v === "") return "http://127.0.0.1:3000";
  let url: URL | null = null;
  try {
    url = new URL(v);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigError(`CNMAP_PUBLIC_URL="${raw}" is not an http:// or https:// URL (where people open cnmap, e.g. https://cnmap.example.org).`);
  }
  return url.origin;
}

function readLabelPolicy(env: Record<string, string | undefined>): LabelPolicy {
  const parsed = parseLabelPolicy({ hide: env[LABELS_HIDE_VAR], keep: env[LABELS_KEEP_VAR] });
  if (!parsed.ok) throw new ConfigError(parsed.error);
  return parsed.policy;
}

/** What the configuration reads besides the environment (files), given by the caller so readConfig stays pure. */
export interface ConfigFiles {
  /** The Docker CLI's contexts (lib/engines/contexts.ts). */
  dockerContexts(): { meta: DockerContextMeta; tlsDir: string | null }[];
  /** The files missing from a TLS certificate folder. */
  missingCertFiles(certDir: string): string[];
}

const NO_FILES: ConfigFiles = { dockerContexts: () => [], missingCertFiles: () => [] };

function readEngines(env: Record<string, string | undefined>, files: ConfigFiles): EngineConfig[] {
  const listed = parseEngineList(env.CNMAP_ENGINES);
  if (listed && !listed.ok) throw new ConfigError(`${listed.error}.`);
  let engines = listed ? listed.value : [environmentEngine(parseEngineAddress(env.DOCKER_HOST))];
  if (parseFlag("CNMAP_DOCKER_CONTEXTS", env.CNMAP_DOCKER_CONTEXTS)) {
    const { engines: more, skipped } = contextEngines(files.dockerContexts(), engines.map((e) => e.id));
    for (const s of skipped) console.warn(`[cnmap] Docker context skipped: ${s}`);
    engines = [...engines, ...more];
  }
  for (const e of engines) {
    const certDir = e.endpoint.kind === "tcp" ? e.endpoint.tls?.certDir : null;
    const missing = certDir ? files.missingCertFiles(certDir) : [];
    if (certDir && missing.length > 0) throw new ConfigError(`Engine ${e.name}: ${certDir} lacks ${missing.join(", ")} (a TLS engine needs ca.pem, cert.pem and key.pem).`);
  }
  return engines;
}

function readOidc(env: Record<string, string | undefined>, publicUrl: string): OidcConfig | null {
  const parsed = parseOidcConfig(env, (env.CNMAP_PUBLIC_URL ?? "").trim() === "" ? null : publicUrl);
  if (!parsed.ok) throw new ConfigError(`${parsed.error}.`);
  return parsed.value;
}

/** The configuration from an environment; throws a ConfigError for the first bad variable. Pure but for `files`. */
export function readConfig(env: Record<string, string | undefined>, files: ConfigFiles = NO_FILES): ServerConfig {
  const publicUrl = parsePublicUrl(env.CNMAP_PUBLIC_URL);
  return {
    engines: readEngines(env, files),
    engineTimeoutMs: parseTimeout(env.CNMAP_ENGINE_TIMEOUT_MS),
    resyncMs: parseResync(env.CNMAP_RESYNC_MS),
    readOnly: parseFlag("CNMAP_READ_ONLY", env.CNMAP_READ_ONLY),
    allowedHosts: parseAllowedHosts(env.CNMAP_ALLOWED_HOSTS),
    debug: parseFlag("CNMAP_DEBUG", env.CNMAP_DEBUG),
    labelPolicy: readLabelPolicy(env),
    dataDir: path.resolve((env.CNMAP_DATA_DIR ?? "").trim() || "data"),
    publicUrl,
    oidc: readOidc(env, publicUrl),
    labImage: parseLabImage(env.CNMAP_LAB_IMAGE),
  };
}

let cached: ServerConfig | undefined;

export function serverConfig(): ServerConfig {
  cached ??= readConfig(process.env, {
    dockerContexts: () => readDockerContexts(dockerConfigDir(process.env)),
    missingCertFiles,
  });
  return cached;
}
