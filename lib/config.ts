/**
 * Server configuration, read once from the environment and validated.
 * (HOST and PORT are the listening address; scripts/start.mjs reads them.)
 */
import { z } from "zod";

const schema = z.object({
  DOCKER_HOST: z.string().trim().optional(),
  CNMAP_ENGINE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  CNMAP_READ_ONLY: z.enum(["", "0", "1", "true", "false"]).default(""),
  /** Extra Host header values to accept (comma-separated), besides loopback names and the machine's hostname. */
  CNMAP_ALLOWED_HOSTS: z.string().default(""),
});

export interface ServerConfig {
  /** The engine address as the user would write it: DOCKER_HOST, or the default socket. */
  engineAddress: string;
  engineTimeoutMs: number;
  /** Refuse every mutation (403) and hide the editing UI: demo and teaching screens. */
  readOnly: boolean;
  allowedHosts: string[];
}

let cached: ServerConfig | undefined;

export function serverConfig(): ServerConfig {
  if (cached) return cached;
  const env = schema.parse(process.env);
  cached = {
    engineAddress: env.DOCKER_HOST || "unix:///var/run/docker.sock",
    engineTimeoutMs: env.CNMAP_ENGINE_TIMEOUT_MS,
    readOnly: env.CNMAP_READ_ONLY === "1" || env.CNMAP_READ_ONLY === "true",
    allowedHosts: env.CNMAP_ALLOWED_HOSTS.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean),
  };
  return cached;
}
