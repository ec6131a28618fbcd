/**
 * What a connectivity probe runs and what its output means. Pure.
 *
 * Every probe is a fixed argument list (never a shell string, never `sh -c`)
 * for one of a few tools; a kind has several candidates, tried in order
 * until one runs, since images carry different tools and builds:
 *
 * - ping: `ping -c N -W T -w D target`. `-W` is the wait for a reply, `-w` a
 *   deadline for the whole run (D = N - 1 + T: N echoes a second apart plus
 *   the wait for the last), so ping ends by itself (busybox and iputils).
 * - dns: `timeout -s KILL T nslookup target`, else the same for
 *   `getent hosts target`. Neither tool has a timeout flag every build
 *   understands (older busybox nslookups take `-timeout=` for the name to
 *   look up; getent has none), and a lookup whose server never answers
 *   retries for longer than the probe's timeout, so both run under
 *   `timeout`, which kills the tool after T seconds (exit 137, read as the
 *   timeout outcome). Never bare: cnmap cannot stop an exec once started,
 *   so an image without `timeout` gets no dns probe (tool-missing, naming
 *   `timeout`) rather than an unbounded one.
 * - tcp: `nc -z -w T target port` (netcat-openbsd, Alpine's busybox, ncat).
 *   Debian's busybox nc has no `-z`; for it, `nc -w T target port -e true`
 *   connects and hands the connection to `true`, which closes it at once
 *   (`-e PROG` must come last: it takes the rest of the arguments). Plain
 *   `nc` with stdin closed is not used: it waits for the server to hang up,
 *   which a silent server (a database) never does.
 * - http: `wget -q -O - -T T url`; Debian's busybox-static 1.35 wget is built
 *   without `-T` and crashes on it (SIGSEGV, exit 139), so `wget -q -O - url`
 *   under `timeout -s KILL T` follows, then `curl -sS -i -m T url`.
 *
 * A candidate is skipped when its tool (or the `timeout` wrapping it) is
 * missing, does not know one of its options ("invalid option") or crashed;
 * the next one is tried. A missing wrapper skips the later candidates that
 * need it; a missing tool under a wrapper skips only that tool's.
 */
import { shellQuote } from "../commands/docker-cli";
import { parseIp } from "../net/cidr";
import type { ProbeKind, ProbeOutcome } from "./types";

/** The tools a probe may run; the engine's allow-list (lib/docker/engine.ts) holds the same set. */
export const PROBE_TOOL_NAMES = ["ping", "nslookup", "getent", "nc", "wget", "curl"] as const;
export type ProbeTool = (typeof PROBE_TOOL_NAMES)[number];

export const PROBE_DEFAULTS = { count: 3, timeoutSeconds: 3, httpPort: 80, path: "/" } as const;

/** A validated probe request with its defaults filled in. */
export interface ProbeSpec {
  kind: ProbeKind;
  target: string;
  /** tcp and http only (http defaults to 80). */
  port?: number;
  /** ping only. */
  count: number;
  timeoutSeconds: number;
  /** http only. */
  path: string;
}

export interface ProbeCandidate {
  argv: string[];
  /** How long the tool may take, in seconds, by its own flags or the `timeout` wrapping it (cnmap stops waiting a little after). */
  deadlineSeconds: number;
}

/** How an exec ended (what lib/docker/engine.ts execProbe returns). */
export interface ExecResult {
  /** The process started (false: the engine could not start it, e.g. no such executable). */
  started: boolean;
  /** null when it did not finish (timed out) or did not start. */
  exitCode: number | null;
  output: string;
  timedOut: boolean;
}

/** The probe's options with defaults applied. */
export function probeSpec(body: {
  kind: ProbeKind;
  target: string;
  port?: number;
  count?: number;
  timeoutSeconds?: number;
  path?: string;
}): ProbeSpec {
  const port = body.kind === "http" ? (body.port ?? PROBE_DEFAULTS.httpPort) : body.kind === "tcp" ? body.port : undefined;
  return {
    kind: body.kind,
    target: body.target,
    ...(port !== undefined ? { port } : {}),
    count: body.kind === "ping" ? (body.count ?? PROBE_DEFAULTS.count) : 1,
    timeoutSeconds: body.timeoutSeconds ?? PROBE_DEFAULTS.timeoutSeconds,
    path: body.kind === "http" ? (body.path ?? PROBE_DEFAULTS.path) : PROBE_DEFAULTS.path,
  };
}

/** The URL of an http probe: IPv6 literals in brackets, the port only when not 80. */
export function probeUrl(target: string, port: number, path: string): string {
  const ip = parseIp(target);
  const host = ip?.kind() === "ipv6" ? `[${target}]` : target;
  return `http://${host}${port === 80 ? "" : `:${port}`}${path}`;
}

/** The wrapper the engine's allow-list takes (lib/docker/engine.ts execProbe): `timeout -s KILL <secs>`, then the tool. */
function killAfter(seconds: string): string[] {
  return ["timeout", "-s", "KILL", seconds];
}

/** The argument lists to try for a probe, in order. */
export function probeCandidates(spec: ProbeSpec): ProbeCandidate[] {
  const t = String(spec.timeoutSeconds);
  const target = spec.target;
  switch (spec.kind) {
    case "ping": {
      const deadline = spec.count - 1 + spec.timeoutSeconds;
      return [{ argv: ["ping", "-c", String(spec.count), "-W", t, "-w", String(deadline), target], deadlineSeconds: deadline }];
    }
    case "dns":
      // Under `timeout`, never bare (see the header): nslookup retries a silent server well past any probe timeout.
      return [
        { argv: [...killAfter(t), "nslookup", target], deadlineSeconds: spec.timeoutSeconds },
        { argv: [...killAfter(t), "getent", "hosts", target], deadlineSeconds: spec.timeoutSeconds },
      ];
    case "tcp": {
      const port = String(spec.port ?? 0);
      return [
        { argv: ["nc", "-z", "-w", t, target, port], deadlineSeconds: spec.timeoutSeconds },
        { argv: ["nc", "-w", t, target, port, "-e", "true"], deadlineSeconds: spec.timeoutSeconds },
      ];
    }
    case "http": {
      const url = probeUrl(target, spec.port ?? PROBE_DEFAULTS.httpPort, spec.path);
      // A wget without -T (Debian's busybox 1.35 crashes on it) runs under `timeout`, never bare:
      // cnmap cannot stop an exec, and a wget waiting on a silent server would never end.
      return [
        { argv: ["wget", "-q", "-O", "-", "-T", t, url], deadlineSeconds: spec.timeoutSeconds },
        { argv: [...killAfter(t), "wget", "-q", "-O", "-", url], deadlineSeconds: spec.timeoutSeconds },
        { argv: ["curl", "-sS", "-i", "-m", t, url], deadlineSeconds: spec.timeoutSeconds },
      ];
    }
  }
}

/** `timeout -s KILL <secs> <program> ...` runs <program>: the tool that answers. */
export function programOf(argv: readonly string[]): string {
  return (argv[0] === "timeout" ? argv[4] : argv[0]) ?? "";
}

/** A `timeout` wrapper's exit codes when it stopped the program (124 by TERM in coreutils, 128 + KILL or TERM). */
const STOPPED_BY_TIMEOUT = new Set([124, 137, 143]);

/** The probe as a command a user can paste: `docker exec <container> <argv...>`, each argument shell-quoted. */
export function dockerExecCommand(container: string, argv: readonly string[]): string {
  return ["docker", "exec", container, ...argv].map(shellQuote).join(" ");
}

// ------------------------------------------------------------ candidates

export type CandidateStatus =
  /** The tool ran: its result says something about the network. */
  | { status: "ran" }
  /** `missing` (the tool, or the `timeout` wrapping it) is not in the container, or cannot be executed. */
  | { status: "missing"; missing: string; reason: string }
  /** The tool is there but cannot run this argument list (unknown option, crashed). */
  | { status: "unusable"; reason: string };

const NOT_FOUND = /executable file not found|no such file or directory|not found in \$PATH|permission denied|command not found/i;
const BAD_OPTION = /invalid option|unrecognized option|illegal option|unknown option|option requires an argument/i;
/** 128 + SIGILL, SIGABRT, SIGBUS, SIGSEGV: the tool crashed. */
const CRASH_CODES = new Set([132, 134, 135, 139]);

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== "") ?? ""
  );
}

/** Whether an exec result is the tool's answer, or means "try the next candidate". */
export function candidateStatus(argv: readonly string[], r: ExecResult): CandidateStatus {
  const tool = argv[0] ?? "";
  const program = programOf(argv);
  if (!r.started) {
    // A missing wrapper: the program may be there, but is not run without it.
    const why = tool === program ? "" : ` (${program} runs only under it, so that it cannot outlive the probe)`;
    return { status: "missing", missing: tool, reason: NOT_FOUND.test(r.output) ? `${tool} not found${why}` : `${tool} could not start: ${firstLine(r.output)}${why}` };
  }
  if (r.timedOut) return { status: "ran" };
  // A wrapper that started but could not run its program ("can't execute 'wget'", "failed to run command"): the program is missing.
  if ((r.exitCode === 126 || r.exitCode === 127) && NOT_FOUND.test(r.output) && /exec|\$PATH|OCI runtime|failed to run command/i.test(r.output)) {
    return { status: "missing", missing: program, reason: `${program} not found` };
  }
  if (r.exitCode !== null && CRASH_CODES.has(r.exitCode)) {
    return { status: "unusable", reason: `${argv.join(" ")} crashed (exit ${r.exitCode})` };
  }
  if (r.exitCode !== 0 && BAD_OPTION.test(r.output)) {
    return { status: "unusable", reason: `${tool} does not take these options (${firstLine(r.output)})` };
  }
  return { status: "ran" };
}

/** Whether a candidate needs something an earlier one found missing: its first program (a tool or `timeout`), or the tool it wraps. */
export function needsMissing(argv: readonly string[], missing: ReadonlySet<string>): boolean {
  return missing.has(argv[0] ?? "") || missing.has(programOf(argv));
}

// ---------------------------------------------------------- interpreting

export interface ProbeContext {
  /** The source container's name. */
  from: string;
  target: string;
  port?: number;
  /** The URL of an http probe. */
  url?: string;
}

export interface ProbeInterpretation {
  outcome: Exclude<ProbeOutcome, "tool-missing">;
  summary: string;
  /**
   * The connection was refused: the target's stack answered with a reset, so
   * the network path works and only the port is closed (Docker drops, not
   * rejects, traffic between isolated networks).
   */
  pathWorks?: true;
}

/** Busybox and iputils: "3 packets transmitted, 2 packets received" / "3 packets transmitted, 2 received". */
export function pingCounts(output: string): { transmitted: number; received: number } | null {
  const m = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(output);
  return m ? { transmitted: Number(m[1]), received: Number(m[2]) } : null;
}

/**
 * The addresses a name lookup printed: nslookup's answer section (busybox
 * "Address: a", older busybox "Address 1: a name", bind "Address: a"; the
 * server's own address before the answer is skipped), or getent's
 * "address  names" lines.
 */
export function lookupAddresses(tool: string, output: string): string[] {
  const out: string[] = [];
  const add = (a: string): void => {
    const ip = parseIp(a);
    if (ip && !out.includes(a)) out.push(a);
  };
  const lines = output.split(/\r?\n/);
  if (tool === "getent") {
    for (const l of lines) add(l.trim().split(/\s+/)[0] ?? "");
    return out;
  }
  let inAnswer = false;
  for (const l of lines) {
    if (/^Name:/i.test(l.trim())) inAnswer = true;
    if (!inAnswer) continue;
    const m = /^Address(?:\s+\d+)?:\s*(\S+)/i.exec(l.trim());
    if (m?.[1]) add(m[1].replace(/#\d+$/, ""));
  }
  return out;
}

/** A PTR answer: "2.0.18.172.in-addr.arpa	name = web.net." */
function reverseNames(output: string): string[] {
  return [...output.matchAll(/name\s*=\s*(\S+)/gi)].map((m) => (m[1] ?? "").replace(/\.$/, ""));
}

const REFUSED = "connection refused";

/** Why a connection failed, in a few words, from the tool's message. */
function failureReason(output: string, target: string): string {
  if (/connection refused/i.test(output)) return REFUSED;
  if (/timed? ?out/i.test(output)) return "timed out";
  if (/no route to host|host is unreachable|network is unreachable/i.test(output)) return "no route to the host";
  if (/bad address|can't resolve|could not resolve|name does not resolve|unknown host|name or service not known|temporary failure in name resolution/i.test(output)) {
    return `${target} does not resolve`;
  }
  const line = firstLine(output);
  return line ? line.slice(0, 200) : "no answer";
}

function pl(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a probe's result means: the outcome, and one line for people. */
export function interpretProbe(kind: ProbeKind, argv: readonly string[], r: ExecResult, ctx: ProbeContext): ProbeInterpretation {
  const tool = programOf(argv);
  const dest = ctx.port !== undefined && kind === "tcp" ? `${ctx.target}:${ctx.port}` : ctx.target;
  const stopped = argv[0] === "timeout" && r.exitCode !== null && STOPPED_BY_TIMEOUT.has(r.exitCode);
  if (r.timedOut || stopped) {
    const what = kind === "dns" ? `${tool} got no answer for ${ctx.target}` : `no answer from ${kind === "http" ? (ctx.url ?? dest) : dest}`;
    return { outcome: "timeout", summary: `${ctx.from}: ${what} before the timeout (${tool} did not finish)` };
  }
  const ok = r.exitCode === 0;
  switch (kind) {
    case "ping": {
      const c = pingCounts(r.output);
      if (c && c.received > 0) {
        return { outcome: "success", summary: `${ctx.from} reached ${dest} (${c.received}/${pl(c.transmitted, "reply", "replies")})` };
      }
      if (!c && ok) return { outcome: "success", summary: `${ctx.from} reached ${dest}` };
      const why = c ? `0/${pl(c.transmitted, "reply", "replies")}` : failureReason(r.output, ctx.target);
      return { outcome: "failure", summary: `${ctx.from} could not reach ${dest} (${why})` };
    }
    case "dns": {
      const addresses = lookupAddresses(tool, r.output);
      if (ok && addresses.length > 0) {
        return { outcome: "success", summary: `${tool} resolved ${ctx.target} to ${addresses.join(", ")} from ${ctx.from}` };
      }
      const names = parseIp(ctx.target) ? reverseNames(r.output) : [];
      if (ok && names.length > 0) {
        return { outcome: "success", summary: `${tool} resolved ${ctx.target} to ${names.join(", ")} from ${ctx.from}` };
      }
      const why = /NXDOMAIN|can't find|not found/i.test(r.output) || (tool === "getent" && r.exitCode === 2)
        ? "no such name"
        : ok
          ? "an answer without an address"
          : /timed out|no servers could be reached/i.test(r.output)
            ? "no DNS server answered"
            : firstLine(r.output).slice(0, 200) || `exit ${r.exitCode ?? "?"}`;
      return { outcome: "failure", summary: `${tool} could not resolve ${ctx.target} from ${ctx.from} (${why})` };
    }
    case "tcp": {
      if (ok) return { outcome: "success", summary: `${ctx.from} opened a TCP connection to ${dest}` };
      const why = failureReason(r.output, ctx.target);
      if (why === REFUSED) {
        return { outcome: "failure", summary: `${ctx.from} could not open a TCP connection to ${dest} (${why}: the path works, nothing listens on the port)`, pathWorks: true };
      }
      return { outcome: "failure", summary: `${ctx.from} could not open a TCP connection to ${dest} (${why})` };
    }
    case "http": {
      const url = ctx.url ?? dest;
      // wget -q says "server returned error: HTTP/1.1 404 Not Found" (exit 1); curl -i starts with the status line.
      const status =
        tool === "curl" ? /^(HTTP\/[\d.]+ \d{3}[^\r\n]*)/.exec(r.output)?.[1] : /server returned error: (HTTP\/[\d.]+ \d{3}[^\r\n]*)/i.exec(r.output)?.[1];
      if (status) {
        return { outcome: "success", summary: `${ctx.from} got an HTTP answer from ${url}: ${status.trim()}` };
      }
      if (ok) {
        const bytes = Buffer.byteLength(r.output);
        return { outcome: "success", summary: `${ctx.from} got an HTTP answer from ${url} (${pl(bytes, "byte")})` };
      }
      const why = failureReason(r.output, ctx.target);
      if (why === REFUSED) {
        return { outcome: "failure", summary: `${ctx.from} got no HTTP answer from ${url} (${why}: the path works, nothing listens on the port)`, pathWorks: true };
      }
      return { outcome: "failure", summary: `${ctx.from} got no HTTP answer from ${url} (${why})` };
    }
  }
}
