/**
 * Connectivity probes: a fixed command run inside a running container
 * through the engine's exec API (lib/probe/commands.ts says which), set
 * beside what the configuration predicts (lib/probe/expect.ts).
 *
 * At most MAX_PROBES run at once on an engine (EngineSession.probe); more
 * are refused (429) rather than queued, since each holds a connection for seconds.
 */
import { ApiError } from "../api/errors";
import type { ProbeBody } from "../api/schemas";
import { refusal } from "../docker/refusals";
import {
  candidateStatus,
  dockerExecCommand,
  interpretProbe,
  needsMissing,
  probeCandidates,
  programOf,
  probeSpec,
  probeUrl,
  type ExecResult,
  type ProbeCandidate,
} from "../probe/commands";
import { agreement, expectProbe } from "../probe/expect";
import { remoteSourceReason, taskSource } from "../probe/source";
import { checkProbeTarget } from "../probe/targets";
import type { Topology } from "../topology/types";
import type { ProbeResult } from "../probe/types";
import { resolveContainer, type ResolvedContainer } from "./networks";
import type { EngineSession } from "./engine-session";

/** Output kept per probe. */
export const MAX_PROBE_OUTPUT_BYTES = 16 * 1024;

export function probeOp(session: EngineSession, body: ProbeBody): Promise<ProbeResult> {
  return session.probe(() => runProbe(session, body));
}

async function runProbe(session: EngineSession, body: ProbeBody): Promise<ProbeResult> {
  // Fresh, not the live model: whether the container runs, and who it may probe, must be true now.
  const t = (await session.read({ fresh: true })).topology;
  const { container, sandbox } = resolveSource(t, body.from);
  if (container.state !== "running") {
    throw new ApiError(
      "conflict",
      `${container.name} is ${container.state || "not running"}: a probe runs inside the container, so it must be running (docker start ${container.name}).`,
    );
  }
  const refused = checkProbeTarget(t, sandbox.id, body.kind, body.target);
  if (refused !== null) throw new ApiError("invalid_input", refused);
  const spec = probeSpec(body);
  const candidates = probeCandidates(spec);
  const ctx = {
    from: container.name,
    target: spec.target,
    ...(spec.port !== undefined ? { port: spec.port } : {}),
    ...(spec.kind === "http" ? { url: probeUrl(spec.target, spec.port ?? 80, spec.path) } : {}),
  };
  const { resolvedTarget, expected } = expectProbe(t, sandbox.id, spec.kind, spec.target);
  const base = {
    kind: spec.kind,
    from: { sandboxId: sandbox.id, container: container.name },
    target: spec.target,
    ...(spec.port !== undefined ? { port: spec.port } : {}),
    resolvedTarget,
    expected,
  };

  const started = Date.now();
  const skipped: string[] = [];
  const missingTools = new Set<string>();
  let last: { candidate: ProbeCandidate; result: ExecResult } | null = null;
  for (const candidate of candidates) {
    if (needsMissing(candidate.argv, missingTools)) continue;
    let result: ExecResult;
    try {
      result = await session.engine.execProbe(container.id, candidate.argv, candidate.deadlineSeconds * 1000, MAX_PROBE_OUTPUT_BYTES);
    } catch (err) {
      // Stopped or removed since the topology read: the engine's words, mapped (409, 404).
      throw refusal(err, `Could not run the probe in ${container.name}`);
    }
    last = { candidate, result };
    const status = candidateStatus(candidate.argv, result);
    if (status.status === "ran") {
      const { outcome, summary, pathWorks } = interpretProbe(spec.kind, candidate.argv, result, ctx);
      return {
        ...base,
        argv: candidate.argv,
        command: dockerExecCommand(container.name, candidate.argv),
        outcome,
        exitCode: result.exitCode,
        output: result.output,
        durationMs: Date.now() - started,
        agrees: agreement(outcome, expected.works, pathWorks === true),
        summary,
      };
    }
    if (status.status === "missing") missingTools.add(status.missing);
    skipped.push(status.reason);
  }

  const tried = [...new Set(candidates.map((c) => programOf(c.argv)))].join(", ");
  const argv = last?.candidate.argv ?? candidates[0]?.argv ?? [];
  return {
    ...base,
    argv,
    command: dockerExecCommand(container.name, argv),
    outcome: "tool-missing",
    exitCode: null,
    output: last?.result.output ?? "",
    durationMs: Date.now() - started,
    agrees: null,
    summary: `${container.name} has no tool for ${spec.kind === "http" ? "an" : "a"} ${spec.kind} probe (tried ${tried}: ${skipped.join("; ")})`,
  };
}

/**
 * The probe's source: a container on this engine (by ID, name or ID prefix),
 * or a swarm task by its ID or name (`web.1`) when its container is here. A
 * task on another node is refused with why: the probe runs through this
 * engine's exec API.
 */
function resolveSource(t: Topology, ref: string): ResolvedContainer {
  try {
    return resolveContainer(t, ref);
  } catch (err) {
    const task = taskSource(t, ref);
    if (!task) throw err;
    if (!task.local) throw new ApiError("invalid_input", remoteSourceReason(t, task));
    if (task.task.containerId === "") {
      throw new ApiError("conflict", `Task ${task.label} has no container yet (it is ${task.task.state}): a probe runs inside a running container.`);
    }
    return resolveContainer(t, task.task.containerId);
  }
}
