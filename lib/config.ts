/**
 * Server configuration, read once from the environment and validated.
 * (HOST and PORT are the listening address; scripts/start.mjs reads them.)
 */
import { z } from "zod";

const schema = z.object({
  DOCKER_HOST: z.string().trim().optional(),
  CNMAP_ENGINE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
});

export interface ServerConfig {
  /** The engine address as the user would write it: DOCKER_HOST, or the default socket. */
  engineAddress: string;
  engineTimeoutMs: number;
}

let cached: ServerConfig | undefined;

export function serverConfig(): ServerConfig {
  if (cached) return cached;
  const env = schema.parse(process.env);
  cached = {
    engineAddress: env.DOCKER_HOST || "unix:///var/run/docker.sock",
    engineTimeoutMs: env.CNMAP_ENGINE_TIMEOUT_MS,
  };
  return cached;
}
