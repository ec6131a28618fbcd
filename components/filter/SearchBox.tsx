"use client";
/**
 * Find a container, network, address, MAC or alias (lib/graph/search) and
 * select it. Arrow keys move through the results, Enter chooses, Escape
 * closes the list (a second Escape clears the box); "/" anywhere outside a
 * field or modal focuses the box.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { searchTopology, type SearchHit, type SearchHitKind } from "@/lib/graph/search";
import type { Selection } from "@/lib/selection";
import type { Topology } from "@/lib/topology/types";

const KIND_STYLE: Record<SearchHitKind, { text: string; badge: string }> = {
  container: { text: "container", badge: "bg-slate-100 text-slate-700" },
  network: { text: "network", badge: "bg-indigo-100 text-indigo-800" },
  ip: { text: "IP", badge: "bg-emerald-100 text-emerald-800" },
  alias: { text: "alias", badge: "bg-amber-100 text-amber-900" },
  mac: { text: "MAC", badge: "bg-sky-100 text-sky-800" },
};

/** Whether a key press happens while typing somewhere (or inside a modal), where "/" is a character. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest("dialog, [aria-modal='true']")) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

export function SearchBox({
  topology,
  onSelect,
  limit = 20,
  className = "",
}: {
  topology: Topology;
  onSelect: (sel: Selection) => void;
  limit?: number;
  className?: string;
}) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const listId = useId();
  const hits = useMemo(() => searchTopology(topology, query, limit), [topology, query, limit]);
  const current = Math.min(active, Math.max(hits.length - 1, 0));
  const showList = open && query.trim() !== "";

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typingIn(e.target)) return;
      if (document.querySelector("dialog[open], [aria-modal='true']")) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    if (!showList) return;
    list.current?.querySelector<HTMLElement>(`[data-index="${current}"]`)?.scrollIntoView({ block: "nearest" });
  }, [current, showList]);

  const choose = (hit: SearchHit | undefined): void => {
    if (!hit) return;
    onSelect(hit.selection);
    setOpen(false);
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>): void => {
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp": {
        e.preventDefault();
        if (!showList) {
          setOpen(true);
          return;
        }
        if (hits.length === 0) return;
        const step = e.key === "ArrowDown" ? 1 : -1;
        setActive((current + step + hits.length) % hits.length);
        return;
      }
      case "Enter":
        if (!showList) return;
        e.preventDefault();
        choose(hits[current]);
        return;
      case "Escape":
        e.preventDefault();
        if (showList) setOpen(false);
        else if (query !== "") setQuery("");
        else input.current?.blur();
        return;
    }
  };

  const optionId = (i: number): string => `${listId}-${i}`;

  return (
    <div className={`relative w-72 max-w-full ${className}`}>
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Find a container, network, IP or alias"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && hits.length > 0 ? optionId(current) : undefined}
        data-testid="search"
        placeholder="Find a container, network, IP or alias"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="w-full rounded border border-slate-300 bg-white py-1 pr-7 pl-2 text-xs text-slate-800 placeholder:text-slate-400 focus:border-sky-500 focus:outline-none"
      />
      <kbd aria-hidden className="pointer-events-none absolute top-1/2 right-1.5 -translate-y-1/2 rounded border border-slate-300 px-1 text-[10px] text-slate-500">
        /
      </kbd>
      {showList && (
        <ul
          ref={list}
          id={listId}
          role="listbox"
          aria-label="Search results"
          data-testid="search-results"
          className="absolute top-full right-0 left-0 z-40 mt-1 max-h-80 overflow-y-auto rounded border border-slate-200 bg-white py-1 text-xs shadow-lg"
        >
          {hits.length === 0 && (
            <li data-testid="search-empty" className="px-2 py-1.5 text-slate-500" role="presentation">
              Nothing matches “{query.trim()}”.
            </li>
          )}
          {hits.map((hit, i) => (
            <li
              key={`${hit.kind}:${hit.label}:${hit.detail}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              data-testid="search-result"
              data-kind={hit.kind}
              data-index={i}
              // Keep the focus in the box so the click lands before the list closes.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => i !== current && setActive(i)}
              onClick={() => choose(hit)}
              className={`flex cursor-pointer items-baseline gap-1.5 px-2 py-1 ${i === current ? "bg-sky-50" : ""}`}
            >
              <span className={`w-16 shrink-0 rounded px-1 text-center text-[10px] ${KIND_STYLE[hit.kind].badge}`}>{KIND_STYLE[hit.kind].text}</span>
              <span className="min-w-0 shrink truncate font-medium text-slate-800">{hit.label}</span>
              <span className="min-w-0 flex-1 truncate text-[11px] text-slate-500">{hit.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
