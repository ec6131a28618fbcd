"use client";
/**
 * The "Logs" section of an inspector: a bounded tail of `docker logs` (a
 * container) or `docker service logs` (a service), read-only. The number of
 * lines is chosen, the tail refreshed on demand, and a follow toggle (off
 * by default) streams new lines from where the tail ends, within the
 * server's limits; the stream's last message says why it stopped. stderr is
 * marked in colour and in words, the height is bounded, and the text is
 * monospaced. Reusable: give it a kind and an ID (any reference the API takes).
 */
import { useEffect, useId, useRef, useState } from "react";
import useSWR from "swr";
import { fetchJson, type ApiClientError } from "@/lib/client/fetch-json";
import { useApiPath } from "@/lib/hooks/use-engine-scope";
import { LOG_LIMITS, type FollowEnd, type LogKind, type LogLine, type LogsBody } from "@/lib/logs/types";
import { keepNewest, logsPath, RepeatFilter, shortTime, sinceOf } from "@/lib/logs/view";
import { FetchStatus, MONO, Section } from "./parts";

const TAILS = [50, 200, 500, LOG_LIMITS.maxTail] as const;
/** Lines kept on screen while following, at most. */
const MAX_SHOWN = LOG_LIMITS.maxTail + 1000;

type FollowState = { kind: "off" } | { kind: "on" } | { kind: "ended"; end: FollowEnd } | { kind: "lost" };

/** One followed stream: where it starts, and what of the tail it must not repeat. Made when the toggle is turned on. */
interface FollowRun {
  url: string;
  filter: RepeatFilter;
}

function useFollow(url: string, shown: LogLine[]): { lines: LogLine[]; state: FollowState; setOn: (on: boolean) => void; clear: () => void } {
  const [run, setRun] = useState<FollowRun | null>(null);
  const [lines, setLines] = useState<LogLine[]>([]);
  const [state, setState] = useState<FollowState>({ kind: "off" });

  useEffect(() => {
    if (!run) return;
    const source = new EventSource(run.url);
    let buffered: LogLine[] = [];
    // Lines arrive in bursts: one render per animation frame, not one per line.
    let frame = 0;
    const flush = (): void => {
      frame = 0;
      const add = buffered;
      buffered = [];
      if (add.length > 0) setLines((prev) => keepNewest([...prev, ...add], MAX_SHOWN));
    };
    source.onmessage = (e: MessageEvent<string>) => {
      const line = JSON.parse(e.data) as LogLine;
      if (!run.filter.fresh(line)) return;
      buffered.push(line);
      if (!frame) frame = requestAnimationFrame(flush);
    };
    source.addEventListener("end", (e) => {
      source.close();
      flush();
      setState({ kind: "ended", end: JSON.parse((e as MessageEvent<string>).data) as FollowEnd });
      setRun(null);
    });
    source.onerror = () => {
      // Without this, EventSource would reconnect and start again from its first URL.
      source.close();
      flush();
      setState((s) => (s.kind === "ended" ? s : { kind: "lost" }));
      setRun(null);
    };
    return () => {
      source.close();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [run]);

  return {
    lines,
    state,
    clear: () => {
      setRun(null);
      setState({ kind: "off" });
      setLines([]);
    },
    setOn: (on: boolean) => {
      if (!on) {
        setRun(null);
        setState({ kind: "off" });
        return;
      }
      // From the tail's last line (no gap, repeats dropped), or from now when there is none.
      const since = sinceOf(shown.at(-1)?.time);
      setLines([]);
      setState({ kind: "on" });
      setRun({ url: `${url}${since ? `&since=${since}` : "&tail=0"}`, filter: new RepeatFilter(shown) });
    },
  };
}

function LogLineRow({ line, times }: { line: LogLine; times: boolean }) {
  const err = line.stream === "stderr";
  return (
    <li data-testid="log-line" data-stream={line.stream} className={`flex gap-1.5 px-1.5 ${err ? "bg-red-50 text-red-800" : "text-slate-900"}`}>
      {times && line.time && (
        <span className="shrink-0 text-slate-500" title={line.time}>
          {shortTime(line.time)}
        </span>
      )}
      <span className={`shrink-0 ${err ? "font-semibold" : "text-slate-500"}`} title={err ? "written on stderr" : "written on stdout"}>
        {err ? "err" : "out"}
      </span>
      {line.task && (
        <span className="shrink-0 text-slate-500" title={`task ${line.task}${line.node ? ` on node ${line.node}` : ""}`}>
          {line.task.slice(0, 8)}
        </span>
      )}
      <span className="min-w-0 break-all whitespace-pre-wrap" data-testid="log-text">
        {line.text}
        {line.cut && <span className="text-slate-500 italic"> [line cut]</span>}
      </span>
    </li>
  );
}

export function LogsPanel({ kind, id, name }: { kind: LogKind; id: string; name: string }) {
  const path = useApiPath();
  const ids = useId();
  const [tail, setTail] = useState<number>(LOG_LIMITS.defaultTail);
  const [times, setTimes] = useState(false);
  const url = path(logsPath(kind, id, { tail }));
  const res = useSWR<LogsBody, ApiClientError | Error>(url, fetchJson<LogsBody>, { revalidateOnFocus: false, shouldRetryOnError: false, keepPreviousData: true });
  // keepPreviousData may still hold another object's answer while this one loads.
  const ours = res.data !== undefined && (res.data.id.startsWith(id) || id.startsWith(res.data.id) || res.data.name === id);
  const shown = ours && res.data ? res.data.lines : [];
  const follow = useFollow(path(logsPath(kind, id, { follow: 1 })), shown);
  const lines = follow.lines.length > 0 ? keepNewest([...shown, ...follow.lines], MAX_SHOWN) : shown;
  const following = follow.state.kind === "on";
  const box = useRef<HTMLDivElement>(null);

  // Stay at the bottom while new lines come, unless the reader scrolled up.
  const stick = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines.length]);

  const refresh = (): void => {
    follow.clear();
    void res.mutate();
  };

  return (
    <Section title="Logs" testId="logs-panel" aside={res.data ? `${lines.length} line${lines.length === 1 ? "" : "s"}` : undefined}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-slate-700">
        <label className="flex items-center gap-1" htmlFor={`${ids}-tail`}>
          last
          <select
            id={`${ids}-tail`}
            data-testid="logs-tail"
            value={tail}
            onChange={(e) => {
              follow.clear();
              setTail(Number(e.target.value));
            }}
            className="rounded border border-slate-300 bg-white px-1 py-px text-[11px] text-slate-900"
          >
            {TAILS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          lines
        </label>
        <button
          type="button"
          data-testid="logs-refresh"
          onClick={refresh}
          disabled={res.isValidating}
          className="rounded border border-slate-300 bg-white px-2 py-px font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
        >
          {res.isValidating ? "Reading…" : "Refresh"}
        </button>
        <label className="flex items-center gap-1">
          <input type="checkbox" data-testid="logs-follow" checked={following} onChange={(e) => follow.setOn(e.target.checked)} disabled={!res.data} />
          follow
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" data-testid="logs-times" checked={times} onChange={(e) => setTimes(e.target.checked)} />
          times
        </label>
      </div>
      <FetchStatus loading={!res.data && !res.error} error={res.error} what={`the logs of ${name}`} stale={res.data !== undefined} />
      {res.data && (
        <>
          <div
            ref={box}
            tabIndex={0}
            role="log"
            aria-live="off"
            aria-label={`Logs of ${kind} ${name}`}
            data-testid="logs-lines"
            onScroll={(e) => {
              const el = e.currentTarget;
              stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
            }}
            className={`${MONO} max-h-80 min-h-12 overflow-auto rounded border border-slate-300 bg-slate-50 py-1`}
          >
            <ol>
              {lines.map((line, i) => (
                <LogLineRow key={i} line={line} times={times} />
              ))}
              {lines.length === 0 && <li className="px-1.5 text-slate-500 italic">No lines{res.data.tty ? "" : " on stdout or stderr"}.</li>}
            </ol>
          </div>
          <p className="text-[10px] text-slate-500" data-testid="logs-note">
            {res.data.tty && "It has a TTY: stdout and stderr arrive as one stream. "}
            {res.data.cut === "bytes" && `Cut to the newest ${Math.round(LOG_LIMITS.maxBytes / 1024)} KiB. `}
            <span className="font-mono">{res.data.command}</span>
          </p>
        </>
      )}
      {follow.state.kind === "on" && (
        <p role="status" data-testid="logs-follow-status" className="text-[11px] text-emerald-800">
          Following new lines…
        </p>
      )}
      {follow.state.kind === "ended" && (
        <p role="status" data-testid="logs-follow-status" data-reason={follow.state.end.reason} className="text-[11px] text-slate-700">
          {follow.state.end.message}
        </p>
      )}
      {follow.state.kind === "lost" && (
        <p role="alert" data-testid="logs-follow-status" data-reason="lost" className="text-[11px] text-amber-900">
          The log stream was lost (the server or the engine went away). Refresh, or follow again.
        </p>
      )}
    </Section>
  );
}
