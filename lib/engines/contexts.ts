/**
 * Reads the Docker CLI's contexts (`docker context ls`): each
 * `~/.docker/contexts/meta/<hash>/meta.json`, with its TLS folder
 * `~/.docker/contexts/tls/<hash>/docker` when that holds a certificate.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DockerContextMeta } from "./config";

export function dockerConfigDir(env: Record<string, string | undefined>): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), ".docker");
}

export function readDockerContexts(configDir: string): { meta: DockerContextMeta; tlsDir: string | null }[] {
  const metaRoot = path.join(configDir, "contexts", "meta");
  if (!existsSync(/*turbopackIgnore: true*/ metaRoot)) return [];
  const out: { meta: DockerContextMeta; tlsDir: string | null }[] = [];
  for (const hash of readdirSync(/*turbopackIgnore: true*/ metaRoot).sort()) {
    let meta: DockerContextMeta;
    try {
      meta = JSON.parse(readFileSync(/*turbopackIgnore: true*/ path.join(metaRoot, hash, "meta.json"), "utf8")) as DockerContextMeta;
    } catch {
      continue;
    }
    const tlsDir = path.join(configDir, "contexts", "tls", hash, "docker");
    out.push({ meta, tlsDir: existsSync(/*turbopackIgnore: true*/ path.join(tlsDir, "cert.pem")) ? tlsDir : null });
  }
  return out;
}

/** The TLS files a tcp engine with a certificate folder needs, missing ones listed. */
export function missingCertFiles(certDir: string): string[] {
  return ["ca.pem", "cert.pem", "key.pem"].filter((f) => !existsSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ certDir, f)));
}
