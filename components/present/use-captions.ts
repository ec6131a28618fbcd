"use client";
/**
 * The captions of a presentation screen: each change between two readings
 * of the engine (lib/present/captions) stays CAPTION_MS, the newest first,
 * and its nodes and edges pulse meanwhile. Read from the whole engine, not
 * from what the filter shows: a new filter (a saved view coming round) is not
 * a change; changes to what the filter hides are left out.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { describeChanges, type Caption } from "@/lib/present/captions";
import type { Topology } from "@/lib/topology/types";

export const CAPTION_MS = 8000;
/** At most this many at once: a burst (compose up) shows its latest, not a wall of text. */
const MAX_SHOWN = 4;

export interface ShownCaption extends Caption {
  seq: number;
}

/**
 * `drawn` says whether a canvas node is drawn now; it changes with each
 * reading. A change is told when what it is about was drawn before it or is
 * drawn after it: a container that leaves a "running" filter by stopping is
 * told, one on a network the filter hides is not.
 */
export function useCaptions(engine: Topology | undefined, drawn: (nodeId: string) => boolean): { captions: ShownCaption[]; pulse: ReadonlySet<string> } {
  const [previous, setPrevious] = useState(engine);
  const [drawnBefore, setDrawnBefore] = useState(() => drawn);
  const [captions, setCaptions] = useState<ShownCaption[]>([]);
  const [seq, setSeq] = useState(0);
  // A new reading: what changed since the last one (the first reading, or another engine's, tells nothing).
  if (engine !== previous) {
    setPrevious(engine);
    setDrawnBefore(() => drawn);
    const sameEngine = previous && engine && previous.engine.host === engine.engine.host;
    const changes = sameEngine ? describeChanges(previous, engine).filter((c) => c.about.some((id) => drawnBefore(id) || drawn(id))) : [];
    if (changes.length > 0) {
      setSeq(seq + changes.length);
      const added = changes.map((c, i) => ({ ...c, seq: seq + i + 1 })).reverse();
      setCaptions((list) => [...added, ...list.filter((c) => !changes.some((n) => n.key === c.key))].slice(0, MAX_SHOWN));
    }
  }

  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    for (const c of captions) {
      if (timers.current.has(c.seq)) continue;
      timers.current.set(
        c.seq,
        setTimeout(() => {
          timers.current.delete(c.seq);
          setCaptions((list) => list.filter((x) => x.seq !== c.seq));
        }, CAPTION_MS),
      );
    }
  }, [captions]);
  useEffect(() => {
    const pending = timers.current;
    return () => {
      pending.forEach(clearTimeout);
      pending.clear();
    };
  }, []);

  const pulse = useMemo(() => new Set(captions.flatMap((c) => [...c.nodes, ...c.edges])), [captions]);
  return { captions, pulse };
}
