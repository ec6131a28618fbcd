/**
 * Engines global admins add in the UI, the pure part: checking a new one's
 * name and address (the server and the form run the same checks, so the
 * form shows the server's words as you type), turning a stored row back
 * into an engine, and merging them after the configured engines, which come
 * first and are fixed while the server runs.
 */
import { z } from "zod";
import { ENGINE_NAME, parseEndpoint, type EngineConfig, type EngineOrigin, type Parsed } from "./config";

/** What `POST /api/engines` takes. */
export interface NewEngineInput {
  name: string;
  address: string;
}

/** Why a new engine's field is refused, per field; empty when both are fine. */
export interface NewEngineProblems {
  name?: string;
  address?: string;
}

export const ENGINE_NAME_RULE = "letters, digits, '_', '.' and '-', starting with a letter or digit, at most 63";
const MAX_ADDRESS = 1024;

/** The checks of a new engine that need no state: its name's form and its address's. Pure. */
export function checkNewEngine(input: NewEngineInput): NewEngineProblems {
  const problems: NewEngineProblems = {};
  if (input.name === "") problems.name = "a name is required";
  else if (!ENGINE_NAME.test(input.name)) problems.name = `"${input.name.slice(0, 80)}" is not an engine name: ${ENGINE_NAME_RULE}`;
  if (input.address === "") problems.address = "an address is required: unix:///path/to/docker.sock, tcp://host:port or ssh://user@host";
  else if (input.address.length > MAX_ADDRESS) problems.address = `at most ${MAX_ADDRESS} characters`;
  else {
    const endpoint = parseEndpoint(input.address);
    if (!endpoint.ok) problems.address = endpoint.error;
  }
  return problems;
}

/** The shape of `POST /api/engines`'s body: two strings, trimmed, nothing else (read before the caller is checked, so the audit can name the engine). */
export const engineBodySchema = z.object({ name: z.string().max(256).trim(), address: z.string().max(4096).trim() }).strict();

/** The body of `POST /api/engines` as it must be: refused with checkNewEngine's words. */
export const newEngineSchema = engineBodySchema.superRefine((input, ctx) => {
  const problems = checkNewEngine(input);
  for (const field of ["name", "address"] as const) {
    const message = problems[field];
    if (message) ctx.addIssue({ code: "custom", path: [field], message });
  }
});

/** One row of the database's engines (lib/auth/engine-store.ts). */
export interface StoredEngine {
  id: string;
  name: string;
  address: string;
  /** ISO 8601. */
  createdAt: string;
  /** Who added it: a user name, or "local" in single-user mode. */
  createdBy: string;
}

/** A stored engine as the registry serves it, or why it cannot be (an address this version no longer reads). Pure. */
export function addedEngine(row: StoredEngine): Parsed<EngineConfig> {
  const problems = checkNewEngine({ name: row.name, address: row.address });
  const problem = problems.name ?? problems.address;
  const endpoint = parseEndpoint(row.address);
  if (problem || !endpoint.ok) return { ok: false, error: problem ?? "not an address" };
  return {
    ok: true,
    value: { id: row.name.toLowerCase(), name: row.name, address: row.address, endpoint: endpoint.value, origin: { kind: "added", by: row.createdBy, at: row.createdAt } },
  };
}

/** The files a tcp engine's certificate folder lacks (lib/engines/contexts.ts reads the disk). */
export type MissingCertFiles = (certDir: string) => string[];

/** Why a TLS engine cannot be opened: its certificate folder lacks files; null when it has them or needs none. Pure but for `missing`. */
export function certProblem(engine: EngineConfig, missing: MissingCertFiles): string | null {
  const certDir = engine.endpoint.kind === "tcp" ? engine.endpoint.tls?.certDir : null;
  if (!certDir) return null;
  const lacks = missing(certDir);
  return lacks.length > 0 ? `${certDir} lacks ${lacks.join(", ")} (a TLS engine needs ca.pem, cert.pem and key.pem)` : null;
}

/**
 * The engines the registry serves: the configured ones first, as configured,
 * then each stored one whose ID is still free and whose address still
 * reads (with its certificate files, for TLS). Skipped ones are listed with
 * why (the server logs them). Pure but for `missing`.
 */
export function composeEngines(
  configured: readonly EngineConfig[],
  stored: readonly StoredEngine[],
  missing: MissingCertFiles = () => [],
): { engines: EngineConfig[]; skipped: string[] } {
  const engines = [...configured];
  const skipped: string[] = [];
  const ids = new Set(configured.map((e) => e.id));
  for (const row of stored) {
    const engine = addedEngine(row);
    if (!engine.ok) {
      skipped.push(`${row.name}: ${engine.error}`);
      continue;
    }
    const certs = certProblem(engine.value, missing);
    if (certs) {
      skipped.push(`${row.name}: ${certs}`);
      continue;
    }
    if (ids.has(engine.value.id)) {
      skipped.push(`${row.name}: ${describeOrigin(configured.find((e) => e.id === engine.value.id)?.origin ?? engine.value.origin)} names an engine ${engine.value.id} too, and wins`);
      continue;
    }
    ids.add(engine.value.id);
    engines.push(engine.value);
  }
  return { engines, skipped };
}

/** Where an engine comes from, in a few words: "CNMAP_ENGINES", "DOCKER_HOST", "a Docker context", "added by alice". Pure. */
export function describeOrigin(origin: EngineOrigin): string {
  switch (origin.kind) {
    case "environment":
      return origin.variable;
    case "context":
      return "a Docker context";
    case "added":
      return `added by ${origin.by}`;
  }
}

/**
 * Why an engine cannot be changed or removed from the UI, saying where to do
 * it instead; null for an engine an admin added. Pure.
 */
export function fixedEngineReason(engine: { name: string; origin: EngineOrigin }): string | null {
  switch (engine.origin.kind) {
    case "added":
      return null;
    case "environment":
      return engine.origin.variable === "CNMAP_ENGINES"
        ? `${engine.name} comes from CNMAP_ENGINES in the server's environment: change it there and restart cnmap.`
        : `${engine.name} is the default engine, from DOCKER_HOST (or the default socket) in the server's environment: change it there and restart cnmap.`;
    case "context":
      return `${engine.name} comes from a Docker context (CNMAP_DOCKER_CONTEXTS): remove it with \`docker context rm ${engine.name}\` on the server and restart cnmap.`;
  }
}

/** Why a new engine's name is taken: by which engine, and from where. Pure. */
export function takenNameReason(name: string, holder: { name: string; origin: EngineOrigin }): string {
  return `An engine named ${holder.name} exists already (${describeOrigin(holder.origin)}); engine names are compared without case, so choose another name than ${name}.`;
}
