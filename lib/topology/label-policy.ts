/**
 * Which label values the read routes may show. Labels are free text that
 * compose, dev tools and people fill with host paths and secrets; a team
 * console should not hand those to everyone who can open it. Pure: the
 * settings come in as strings (CNMAP_LABELS_HIDE, CNMAP_LABELS_KEEP), read
 * elsewhere.
 *
 * A hidden label keeps its key and gets the value HIDDEN_VALUE. Dropping the
 * key would lose information silently: the inspector would not show that a
 * label exists, `key` / `!key` filters would change their answer, and a
 * generated `docker network create` would quietly lose the label instead of
 * visibly carrying a placeholder. Keys rarely hold secrets; values do.
 *
 * Built-in rules (on unless CNMAP_LABELS_HIDE=none). Values hidden by key:
 * - com.docker.compose.project.working_dir: absolute host path of the project directory (user names, repo layout).
 * - com.docker.compose.project.config_files: absolute host paths of the compose files.
 * - com.docker.compose.project.environment_file: absolute host paths of the `--env-file` files.
 * - devcontainer.local_folder: Dev Containers' host path of the workspace folder.
 * - devcontainer.config_file: Dev Containers' host path of devcontainer.json.
 * - devcontainer.metadata: the merged dev container config as JSON; it can hold containerEnv/remoteEnv values and mounts.
 * - any key with a word containing password, passwd, passphrase, secret, token,
 *   credential, private or auth (not the word "author(s)", as in
 *   org.opencontainers.image.authors): named as secrets (traefik's
 *   `…basicauth.users` holds password hashes).
 * - any key with a word equal to or ending in "key"/"keys" (api_key, api-key,
 *   apiKey, accesskey, ssh.privatekey): key material.
 * - any key with the word "pass" or "pwd" (db.pass, MYSQL_PWD): short for password.
 * Words are the key's runs of letters and digits, split at every other
 * character and at camelCase humps: com.docker.compose.project is
 * com|docker|compose|project and matches none of these.
 * Values hidden whatever their key:
 * - starting with "/", "~/", "~user/", "X:\", "X:/", "\\" or "file:": a host path.
 * - holding a URL with user info (scheme://user:pass@host, or a token as the user): credentials.
 * - holding password=, pwd=, secret=, token=, api_key= and the like (also with ":"): an inline secret.
 * - holding "Bearer …", a JWT (eyJ….eyJ…) or "-----BEGIN": a token or key.
 * Deliberately shown:
 * - com.docker.compose.project, com.docker.compose.service: cnmap groups and
 *   filters by project, and both are in every compose container's and
 *   network's name (project-service-1, project_default) anyway.
 * - com.docker.compose.config-hash: a SHA-256 of the service config, not
 *   reversible; it tells that a recreate is pending.
 * - com.docker.compose.image (a digest), .version, .oneoff,
 *   .container-number, .slug, .depends_on, .network, .volume, .replace,
 *   .image.builder: compose's bookkeeping, no secrets or paths.
 *
 * CNMAP_LABELS_HIDE: comma-separated label-key globs (`*` = any run of
 * characters, matched ignoring case) whose values are hidden too, or `none`
 * alone for no hiding beyond what CNMAP_LABELS_KEEP implies (no built-in
 * rules either).
 * CNMAP_LABELS_KEEP: comma-separated label-key globs (`*`, matched exactly,
 * case included): when set, only these keys show values, plus
 * com.docker.compose.project, which cnmap itself groups by and whose value is
 * public in the names. Hiding wins over keeping: a kept key whose value a
 * built-in rule or a CNMAP_LABELS_HIDE glob hides stays hidden. Each glob is
 * matched in its safe direction (hide: loosely; keep: strictly).
 *
 * Driver options (a network's Options and IPAM.Options, an endpoint's
 * DriverOpts) are not labels, and cnmap reads the built-in drivers' values
 * (bridge name, MTU, ICC), so neither setting's globs apply to them; but a
 * third-party driver may take a password or a host path there, so the
 * built-in rules do (none of Docker's own option keys or values match them).
 */
import type { ContainerDetail } from "../inspect/types";
import { COMPOSE_PROJECT_LABEL, HIDDEN_VALUE, isHiddenValue } from "./describe";
import type { Topology } from "./types";
import type { TopologyPatch } from "./patch";

export { HIDDEN_VALUE, isHiddenValue };

export interface LabelPolicy {
  /** CNMAP_LABELS_KEEP's globs, or null when unset (every key may show its value). */
  readonly keep: readonly string[] | null;
  /** CNMAP_LABELS_HIDE's globs, hidden on top of the built-in rules. */
  readonly hide: readonly string[];
  /** The built-in rules (see the module comment); false after CNMAP_LABELS_HIDE=none. */
  readonly builtIn: boolean;
}

export type LabelPolicyResult = { ok: true; policy: LabelPolicy } | { ok: false; error: string };

/** No settings: the built-in rules, no allow-list. */
export const DEFAULT_LABEL_POLICY: LabelPolicy = Object.freeze({ keep: null, hide: Object.freeze([]), builtIn: true });

export const LABELS_HIDE_VAR = "CNMAP_LABELS_HIDE";
export const LABELS_KEEP_VAR = "CNMAP_LABELS_KEEP";

const GLOB_CHARS = /^[A-Za-z0-9._/*-]+$/;
const ALLOWED = `letters, digits, ".", "-", "_", "/" and "*" (any run of characters)`;

function parseGlobs(name: string, text: string): { globs: string[] } | { error: string } {
  const entries = text.split(",").map((e) => e.trim());
  const globs: string[] = [];
  for (const [i, entry] of entries.entries()) {
    if (entry === "") {
      return { error: `${name}: entry ${i + 1} of "${text}" is empty; give comma-separated label-key globs such as "com.example.*", without empty entries.` };
    }
    if (!GLOB_CHARS.test(entry)) {
      const bad = [...entry].find((ch) => !GLOB_CHARS.test(ch)) ?? entry;
      return { error: `${name}: "${entry}" has ${JSON.stringify(bad)}, but a label-key glob may hold only ${ALLOWED}.` };
    }
    globs.push(entry);
  }
  return { globs };
}

/**
 * The policy for CNMAP_LABELS_HIDE (`hide`) and CNMAP_LABELS_KEEP (`keep`).
 * Unset, empty or blank settings are absent. The error names the variable and
 * what it accepts, for config validation to print before exiting.
 */
export function parseLabelPolicy(input: { hide?: string; keep?: string }): LabelPolicyResult {
  const hideText = input.hide?.trim() ?? "";
  const keepText = input.keep?.trim() ?? "";

  let keep: string[] | null = null;
  if (keepText !== "") {
    const parsed = parseGlobs(LABELS_KEEP_VAR, keepText);
    if ("error" in parsed) return { ok: false, error: parsed.error };
    keep = parsed.globs;
  }

  let hide: string[] = [];
  let builtIn = true;
  if (hideText !== "") {
    const parsed = parseGlobs(LABELS_HIDE_VAR, hideText);
    if ("error" in parsed) return { ok: false, error: parsed.error };
    const none = parsed.globs.filter((g) => g.toLowerCase() === "none");
    if (none.length > 0 && parsed.globs.length > 1) {
      return {
        ok: false,
        error: `${LABELS_HIDE_VAR}: "none" must stand alone (it turns off the built-in rules and hides nothing beyond what ${LABELS_KEEP_VAR} implies); otherwise give comma-separated label-key globs, which are hidden on top of the built-in rules.`,
      };
    }
    if (none.length > 0) builtIn = false;
    else hide = parsed.globs;
  }

  return { ok: true, policy: Object.freeze({ keep: keep && Object.freeze(keep), hide: Object.freeze(hide), builtIn }) };
}

/** One line for the startup log. */
export function describeLabelPolicy(policy: LabelPolicy): string {
  const parts: string[] = [];
  parts.push(policy.builtIn ? "label values that look like secrets or host paths are hidden" : "no built-in label hiding");
  if (policy.hide.length > 0) parts.push(`also hidden: ${policy.hide.join(", ")}`);
  if (policy.keep) parts.push(`only these keys show values: ${[...policy.keep, COMPOSE_PROJECT_LABEL].join(", ")}`);
  return parts.join("; ");
}

// ------------------------------------------------------------------ rules

const HIDDEN_KEYS = new Set([
  "com.docker.compose.project.working_dir",
  "com.docker.compose.project.config_files",
  "com.docker.compose.project.environment_file",
  "devcontainer.local_folder",
  "devcontainer.config_file",
  "devcontainer.metadata",
]);

const SECRET_PARTS = ["password", "passwd", "passphrase", "secret", "token", "credential", "private"];
const PASSWORD_WORDS = new Set(["pass", "pwd"]);

/** A key's words: runs of letters and digits, split at camelCase humps, lower-cased. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

function secretWord(w: string): boolean {
  if (SECRET_PARTS.some((p) => w.includes(p))) return true;
  if (w.includes("auth") && w !== "author" && w !== "authors") return true;
  if (w.endsWith("key") || w.endsWith("keys")) return true;
  return PASSWORD_WORDS.has(w);
}

/** Whether the built-in rules hide this key's value, whatever the value. */
export function builtInHidesKey(key: string): boolean {
  return HIDDEN_KEYS.has(key.toLowerCase()) || keyWords(key).some(secretWord);
}

const HOST_PATH = /^(?:\/|~[A-Za-z0-9._-]*(?:[/\\]|$)|[A-Za-z]:[\\/]|\\\\|file:)/i;
const URL_USERINFO = /[a-z][a-z0-9+.-]*:\/\/[^\s/?#@]+@/i;
const INLINE_SECRET = /(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)["']?\s*[=:]\s*\S/i;
const BEARER = /\bbearer\s+\S/i;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./;
const PEM = /-----BEGIN /;

/** Whether the built-in rules hide this value, whatever its key. */
export function builtInHidesValue(value: string): boolean {
  const v = value.trim();
  return HOST_PATH.test(v) || URL_USERINFO.test(v) || INLINE_SECRET.test(v) || BEARER.test(v) || JWT.test(v) || PEM.test(v);
}

function globSource(glob: string): string {
  return glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
}

function globsRegExp(globs: readonly string[], flags: string): RegExp | null {
  return globs.length === 0 ? null : new RegExp(`^(?:${globs.map(globSource).join("|")})$`, flags);
}

interface Compiled {
  keep: RegExp | null;
  hide: RegExp | null;
  /** Per key: hidden whatever the value. Keys repeat across containers; values vary. */
  byKey: Map<string, boolean>;
}

const KEY_CACHE_LIMIT = 4096;
const compiledPolicies = new WeakMap<LabelPolicy, Compiled>();

function compiled(policy: LabelPolicy): Compiled {
  let c = compiledPolicies.get(policy);
  if (!c) {
    c = { keep: policy.keep ? globsRegExp(policy.keep, "") : null, hide: globsRegExp(policy.hide, "i"), byKey: new Map() };
    compiledPolicies.set(policy, c);
  }
  return c;
}

function hidesKey(key: string, policy: LabelPolicy, c: Compiled): boolean {
  const known = c.byKey.get(key);
  if (known !== undefined) return known;
  const hidden =
    (policy.keep !== null && key !== COMPOSE_PROJECT_LABEL && !(c.keep?.test(key) ?? false)) ||
    (c.hide?.test(key) ?? false) ||
    (policy.builtIn && builtInHidesKey(key));
  if (c.byKey.size >= KEY_CACHE_LIMIT) c.byKey.clear();
  c.byKey.set(key, hidden);
  return hidden;
}

function labelRule(policy: LabelPolicy): (key: string, value: string) => boolean {
  const c = compiled(policy);
  return (k, v) => hidesKey(k, policy, c) || (policy.builtIn && builtInHidesValue(v));
}

function optionRule(policy: LabelPolicy): (key: string, value: string) => boolean {
  return (k, v) => policy.builtIn && (builtInHidesKey(k) || builtInHidesValue(v));
}

/** Whether the policy hides this label's value. */
export function hidesLabel(key: string, value: string, policy: LabelPolicy): boolean {
  return labelRule(policy)(key, value);
}


// ------------------------------------------------------------- redaction

/** A map whose values are replaced by HIDDEN_VALUE where `hidden` says so; the same object when none is. */
function redactMap<V>(map: Record<string, V>, hidden: (key: string, value: V) => boolean): Record<string, V | string> {
  let out: Record<string, V | string> | null = null;
  for (const [k, v] of Object.entries(map)) {
    if (v === HIDDEN_VALUE || !hidden(k, v)) continue;
    out ??= { ...map };
    out[k] = HIDDEN_VALUE;
  }
  return out ?? map;
}

/** Labels with the values the policy hides replaced by HIDDEN_VALUE; the same object when nothing is hidden. */
export function redactLabels(labels: Record<string, string>, policy: LabelPolicy): Record<string, string> {
  return redactMap(labels, labelRule(policy)) as Record<string, string>;
}

/**
 * Driver options (a network's Options or IPAM.Options, an endpoint's
 * DriverOpts) with the built-in rules applied, and only those; the same object
 * when nothing is hidden.
 */
export function redactDriverOptions(options: Record<string, string>, policy: LabelPolicy): Record<string, string> {
  return redactMap(options, optionRule(policy)) as Record<string, string>;
}

/** Engine JSON: a string map, or anything else (left alone). Non-string values are hidden by key only. */
function redactUnknownMap(v: unknown, hidden: (key: string, value: string) => boolean): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  return redactMap(v as Record<string, unknown>, (k, x) => hidden(k, typeof x === "string" ? x : ""));
}

/** Replaces the array only when an element changed. */
function mapShared<T>(items: T[], f: (item: T) => T): T[] {
  let out: T[] | null = null;
  items.forEach((item, i) => {
    const next = f(item);
    if (next !== item) {
      out ??= items.slice();
      out[i] = next;
    }
  });
  return out ?? items;
}

/**
 * The topology with network labels and container labels redacted by the
 * policy, and network options by the built-in rules. Shares every object that
 * did not change, and is `t` itself when nothing did.
 */
export function redactTopology<T extends Pick<Topology, "networks" | "sandboxes">>(t: T, policy: LabelPolicy): T {
  const networks = mapShared(t.networks, (n) => {
    const labels = redactLabels(n.labels, policy);
    const options = redactDriverOptions(n.options, policy);
    return labels === n.labels && options === n.options ? n : { ...n, labels, options };
  });
  const sandboxes = mapShared(t.sandboxes, (s) => {
    const containers = mapShared(s.containers, (c) => {
      const labels = redactLabels(c.labels, policy);
      return labels === c.labels ? c : { ...c, labels };
    });
    return containers === s.containers ? s : { ...s, containers };
  });
  return networks === t.networks && sandboxes === t.sandboxes ? t : { ...t, networks, sandboxes };
}

/** A live-model patch as the read routes would show it: its networks and sandboxes redacted like redactTopology's. */
export function redactPatch(patch: TopologyPatch, policy: LabelPolicy): TopologyPatch {
  const { networks, sandboxes } = redactTopology({ networks: patch.networks?.put ?? [], sandboxes: patch.sandboxes?.put ?? [] }, policy);
  return {
    ...patch,
    ...(patch.networks ? { networks: { ...patch.networks, put: networks } } : {}),
    ...(patch.sandboxes ? { sandboxes: { ...patch.sandboxes, put: sandboxes } } : {}),
  };
}

type Json = Record<string, unknown>;

function asObject(v: unknown): Json | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

/**
 * A `docker network inspect` object (GET /networks/{id}) with Labels redacted
 * by the policy and Options and IPAM.Options by the built-in rules. The rest
 * carries no labels: Containers lists names, endpoint IDs and addresses;
 * Services and Peers (swarm) names and addresses; ConfigFrom a network name.
 * The same object when nothing is hidden.
 */
export function redactNetworkInspect(raw: Json, policy: LabelPolicy): Json {
  const labels = redactUnknownMap(raw.Labels, labelRule(policy));
  const options = redactUnknownMap(raw.Options, optionRule(policy));
  const ipam = asObject(raw.IPAM);
  const ipamOptions = ipam ? redactUnknownMap(ipam.Options, optionRule(policy)) : undefined;
  const ipamChanged = ipam !== undefined && ipamOptions !== ipam.Options;
  if (labels === raw.Labels && options === raw.Options && !ipamChanged) return raw;
  const out: Json = { ...raw };
  if (labels !== raw.Labels) out.Labels = labels;
  if (options !== raw.Options) out.Options = options;
  if (ipam && ipamChanged) out.IPAM = { ...ipam, Options: ipamOptions };
  return out;
}

/**
 * The container detail with every endpoint's DriverOpts (in
 * raw.NetworkSettings.Networks) redacted by the built-in rules. The detail
 * carries no labels (containerDetail copies fields by name); its one path,
 * sandboxKey, is the engine's /var/run/docker/netns/… namespace file, which
 * the inspector needs and which says nothing about the user's files. The
 * same object when nothing is hidden.
 */
export function redactContainerDetail(d: ContainerDetail, policy: LabelPolicy): ContainerDetail {
  const settings = asObject(d.raw.NetworkSettings);
  const networks = asObject(settings?.Networks);
  if (!settings || !networks) return d;
  const rule = optionRule(policy);
  let changed: Json | null = null;
  for (const [name, e] of Object.entries(networks)) {
    const ep = asObject(e);
    if (!ep) continue;
    const opts = redactUnknownMap(ep.DriverOpts, rule);
    if (opts === ep.DriverOpts) continue;
    changed ??= { ...networks };
    changed[name] = { ...ep, DriverOpts: opts };
  }
  if (!changed) return d;
  return { ...d, raw: { ...d.raw, NetworkSettings: { ...settings, Networks: changed } } };
}
