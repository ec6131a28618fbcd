"use client";
/**
 * The canvas filter's controls, in one bar under the header: networks,
 * drivers, compose projects and states (each a multi-select; empty means
 * all), "Hide predefined", and, while a filter is on, how many containers it
 * leaves and "Clear filters". Takes the unfiltered topology, which lists the
 * options. `children` go at the bar's right end (e.g. the SearchBox).
 */
import { useMemo, type ReactNode } from "react";
import {
  containerCount,
  EMPTY_FILTER,
  filterOptions,
  filterTopology,
  isEmptyFilter,
  networkValuesAsNames,
  type CanvasFilter,
} from "@/lib/graph/filter";
import type { Topology } from "@/lib/topology/types";
import { MultiSelect } from "./MultiSelect";

export function FilterBar({
  topology,
  filter,
  onChange,
  children,
  className = "",
}: {
  topology: Topology;
  filter: CanvasFilter;
  onChange: (next: CanvasFilter) => void;
  children?: ReactNode;
  className?: string;
}) {
  const options = useMemo(() => filterOptions(topology), [topology]);
  const shown = useMemo(() => filterTopology(topology, filter), [topology, filter]);
  const active = !isEmptyFilter(filter);
  const total = containerCount(topology);
  const count = containerCount(shown);
  // A link may name networks by ID: tick them by name (a change writes names).
  const networks = useMemo(() => networkValuesAsNames(topology, filter.networks), [topology, filter.networks]);
  const set = (patch: Partial<CanvasFilter>): void => onChange({ ...filter, ...patch });

  return (
    <div
      data-testid="filter-bar"
      data-active={active ? "true" : "false"}
      role="toolbar"
      aria-label="Filter the graph"
      className={`flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-slate-200 bg-white px-4 py-1 text-xs text-slate-700 ${className}`}
    >
      <span className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">Filter</span>
      <MultiSelect
        label="Networks"
        testId="filter-networks"
        options={options.networks}
        selected={networks}
        onChange={(next) => set({ networks: next })}
        emptyText="No networks"
      />
      <MultiSelect
        label="Drivers"
        testId="filter-drivers"
        options={options.drivers}
        selected={filter.drivers}
        onChange={(drivers) => set({ drivers })}
        countUnit="networks"
        emptyText="No networks"
      />
      {(options.projects.length > 0 || filter.projects.length > 0) && (
        <MultiSelect
          label="Projects"
          testId="filter-projects"
          options={options.projects}
          selected={filter.projects}
          onChange={(projects) => set({ projects })}
          emptyText="No compose projects"
        />
      )}
      <MultiSelect
        label="States"
        testId="filter-states"
        options={options.states}
        selected={filter.states}
        onChange={(states) => set({ states })}
        emptyText="No containers"
      />
      <label className="flex cursor-pointer items-center gap-1 whitespace-nowrap" title="Hide Docker's own bridge, host and none networks">
        <input type="checkbox" data-testid="hide-predefined" checked={filter.hidePredefined} onChange={(e) => set({ hidePredefined: e.target.checked })} />
        Hide predefined
      </label>
      {active && (
        <>
          <span data-testid="filter-count" data-shown={count} data-total={total} className="whitespace-nowrap text-slate-600">
            Showing {count} of {total} container{total === 1 ? "" : "s"}
          </span>
          <button type="button" data-testid="clear-filters" onClick={() => onChange(EMPTY_FILTER)} className="rounded px-1.5 py-0.5 text-sky-700 hover:bg-sky-50">
            Clear filters
          </button>
        </>
      )}
      {children && <div className="ml-auto flex items-center gap-2">{children}</div>}
    </div>
  );
}
