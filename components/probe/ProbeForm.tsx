"use client";
/**
 * Test a path from a sandbox: ping, a DNS lookup, a TCP connect or an HTTP
 * GET, run inside its container by the server (`POST /api/probe`, a fixed
 * argument list through the engine's exec API). The result is compared with
 * the reachability cnmap computes from the configuration.
 */
import { useId, useMemo, useState } from "react";
import { ApiClientError } from "@/lib/client/fetch-json";
import { sendJson } from "@/lib/client/mutate";
import { useApiPath } from "@/lib/hooks/use-engine-scope";
import { isRunning } from "@/lib/insights/model";
import { probeTargets } from "@/lib/probe/targets";
import type { ProbeKind, ProbeResult } from "@/lib/probe/types";
import { sandboxName } from "@/lib/topology/describe";
import type { Sandbox, Topology } from "@/lib/topology/types";
import { ProbeResultView } from "./ProbeResultView";

const KINDS: { kind: ProbeKind; label: string; hint: string }[] = [
  { kind: "ping", label: "ping", hint: "ICMP echo to a name or address" },
  { kind: "dns", label: "DNS lookup", hint: "resolve a name through the container's resolver" },
  { kind: "tcp", label: "TCP connect", hint: "open a TCP connection to a port" },
  { kind: "http", label: "HTTP GET", hint: "fetch a URL path from a port" },
];

type State = { phase: "idle" } | { phase: "running" } | { phase: "done"; result: ProbeResult } | { phase: "error"; message: string };

interface Props {
  topology: Topology;
  sandbox: Sandbox;
  /** False in read-only mode: the server refuses probes there. */
  enabled: boolean;
}

export function ProbeForm({ topology, sandbox, enabled }: Props) {
  const listId = useId();
  const apiPath = useApiPath();
  const [kind, setKind] = useState<ProbeKind>("ping");
  const [target, setTarget] = useState("");
  const [port, setPort] = useState("80");
  const [path, setPath] = useState("/");
  const [state, setState] = useState<State>({ phase: "idle" });
  const suggestions = useMemo(() => probeTargets(topology, sandbox.id), [topology, sandbox.id]);
  const owner = sandbox.containers[0];
  // Exec needs a running process: a paused container cannot run one.
  const running = isRunning(sandbox);

  if (!enabled) {
    return <p className="text-slate-500">Probes run commands inside containers, so they are off in read-only mode.</p>;
  }
  if (!running || !owner) {
    return <p className="text-slate-500">{sandboxName(sandbox)} is not running: start it to probe from it.</p>;
  }

  const needsPort = kind === "tcp" || kind === "http";
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { from: owner.id, kind, target: target.trim() };
    if (needsPort) body.port = Number(port);
    if (kind === "http" && path.trim() !== "" && path.trim() !== "/") body.path = path.trim();
    setState({ phase: "running" });
    try {
      const result = await sendJson<ProbeResult>("POST", apiPath("/api/probe"), body);
      setState(result ? { phase: "done", result } : { phase: "error", message: "The server sent no result." });
    } catch (err) {
      setState({ phase: "error", message: err instanceof ApiClientError || err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <form data-testid="probe-form" onSubmit={(e) => void submit(e)} className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-0.5">
          <span className="text-slate-500">Test</span>
          <select
            data-testid="probe-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ProbeKind)}
            className="rounded border border-slate-300 bg-white px-1 py-0.5"
            title={KINDS.find((k) => k.kind === kind)?.hint}
          >
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-0 flex-1 flex-col gap-0.5">
          <span className="text-slate-500">to (container, alias, name or address)</span>
          <input
            data-testid="probe-target"
            list={listId}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            required
            maxLength={253}
            spellCheck={false}
            autoComplete="off"
            className="rounded border border-slate-300 px-1.5 py-0.5 font-mono"
            placeholder="db"
          />
          <datalist id={listId}>
            {suggestions.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </datalist>
        </label>
        {needsPort && (
          <label className="flex w-20 flex-col gap-0.5">
            <span className="text-slate-500">port</span>
            <input
              data-testid="probe-port"
              type="number"
              min={1}
              max={65535}
              required
              value={port}
              onChange={(e) => setPort(e.target.value)}
              className="rounded border border-slate-300 px-1.5 py-0.5 font-mono"
            />
          </label>
        )}
        {kind === "http" && (
          <label className="flex w-28 flex-col gap-0.5">
            <span className="text-slate-500">path</span>
            <input
              data-testid="probe-path"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              maxLength={201}
              pattern="/[A-Za-z0-9._~/%\-]*"
              title="A URL path: '/' then letters, digits and . _ ~ / % -"
              spellCheck={false}
              className="rounded border border-slate-300 px-1.5 py-0.5 font-mono"
            />
          </label>
        )}
        <button
          type="submit"
          data-testid="probe-run"
          disabled={state.phase === "running" || target.trim() === ""}
          className="rounded bg-sky-700 px-2.5 py-1 font-medium text-white hover:bg-sky-800 disabled:opacity-50"
        >
          {state.phase === "running" ? "Running…" : "Run"}
        </button>
      </div>
      {state.phase === "error" && (
        <p role="alert" data-testid="probe-error" className="text-red-800">
          {state.message}
        </p>
      )}
      {state.phase === "done" && <ProbeResultView result={state.result} />}
    </form>
  );
}
