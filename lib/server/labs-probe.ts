/**
 * A lab's probes: the probes' fixed tools run inside a lab container through
 * the engine's allow-listed exec (lib/docker/engine.ts execProbe), or one
 * HTTP request from the host to a published port. The argument lists are the
 * probe feature's (lib/probe/commands.ts); DNS asks Docker's embedded server
 * by name, so nothing is asked of resolvers outside this machine.
 */
import "server-only";
import { candidateStatus, dockerExecCommand, interpretProbe, needsMissing, probeCandidates, probeSpec, probeUrl, programOf, type ExecResult, type ProbeCandidate } from "../probe/commands";
import { lookupAddresses } from "../probe/commands";
import type { ProbeKind, ProbeOutcome } from "../probe/types";
import { EMBEDDED_DNS, LAB_PROBE_TIMEOUT_SECONDS } from "../labs/probes";
import { refusal } from "../docker/refusals";
import type { EngineSession } from "./engine-session";
import { MAX_PROBE_OUTPUT_BYTES } from "./probe";

export interface ExecOutcome {
  outcome: ProbeOutcome;
  summary: string;
  output: string;
  command: string;
  /** dns: the addresses the answer listed. */
  addresses: string[];
}

/** The argument lists for a lab probe: the probe feature's, but a lookup asks 127.0.0.11 (under `timeout`, never bare). */
function candidates(kind: ProbeKind, target: string, port: number | undefined): ProbeCandidate[] {
  const t = LAB_PROBE_TIMEOUT_SECONDS;
  if (kind === "dns") return [{ argv: ["timeout", "-s", "KILL", String(t), "nslookup", target, EMBEDDED_DNS], deadlineSeconds: t }];
  return probeCandidates(probeSpec({ kind, target, ...(port !== undefined ? { port } : {}), count: kind === "ping" ? 2 : undefined, timeoutSeconds: t }));
}

/** Runs one probe in a container (by ID, named `name` in the words), trying each tool in turn as the probe feature does. */
export function execLabProbe(session: EngineSession, container: { id: string; name: string }, kind: ProbeKind, target: string, port?: number): Promise<ExecOutcome> {
  return session.probe(async () => {
    const list = candidates(kind, target, port);
    const ctx = {
      from: container.name,
      target,
      ...(port !== undefined ? { port } : {}),
      ...(kind === "http" ? { url: probeUrl(target, port ?? 80, "/") } : {}),
    };
    const missing = new Set<string>();
    const skipped: string[] = [];
    let last: { argv: string[]; result: ExecResult } | null = null;
    for (const c of list) {
      if (needsMissing(c.argv, missing)) continue;
      let result: ExecResult;
      try {
        result = await session.engine.execProbe(container.id, c.argv, c.deadlineSeconds * 1000, MAX_PROBE_OUTPUT_BYTES);
      } catch (err) {
        throw refusal(err, `Could not run the probe in ${container.name}`);
      }
      last = { argv: c.argv, result };
      const status = candidateStatus(c.argv, result);
      if (status.status === "ran") {
        const { outcome, summary } = interpretProbe(kind, c.argv, result, ctx);
        const addresses = kind === "dns" ? lookupAddresses(programOf(c.argv), result.output) : [];
        return { outcome, summary, output: result.output, command: dockerExecCommand(container.name, c.argv), addresses };
      }
      if (status.status === "missing") missing.add(status.missing);
      skipped.push(status.reason);
    }
    const argv = last?.argv ?? list[0]?.argv ?? [];
    return {
      outcome: "tool-missing",
      summary: `${container.name} has no tool for this probe (${skipped.join("; ")}): the lab image needs busybox's ping, nslookup, wget, nc and timeout`,
      output: last?.result.output ?? "",
      command: dockerExecCommand(container.name, argv),
      addresses: [],
    };
  });
}

/**
 * Waits until a server in the container accepts connections on `port` of its
 * own localhost, or `deadlineMs` passes: a container's start returns before
 * its program has bound its socket. A condition, checked every 100 ms.
 */
export async function untilListening(session: EngineSession, container: { id: string; name: string }, port: number, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const r = await execLabProbe(session, container, "tcp", "127.0.0.1", port);
    if (r.outcome === "success") return true;
    if (r.outcome === "tool-missing" || Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
