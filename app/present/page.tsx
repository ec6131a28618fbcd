import { Suspense } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { EngineScope } from "@/components/dashboard/EngineScope";
import { presentGate } from "@/lib/auth/page-gate";

export const metadata = { title: "Presentation: cnmap" };

type SearchParams = Record<string, string | string[] | undefined>;

function queryOf(params: SearchParams): URLSearchParams {
  return new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v === undefined ? [] : [[k, v]])));
}

/**
 * /present: the dashboard for a wall screen. Placeholder until the
 * presentation mode lands (components/present/): it renders the dashboard.
 * Open to signed-in people, and to a presentation link's holder for the
 * link's one engine (lib/auth/page-gate.ts: presentGate).
 */
export default async function PresentPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const access = await presentGate(await headers());
  const query = queryOf(await searchParams);
  if (access.kind === "sign-in") redirect(`/login?next=${encodeURIComponent(`/present${query.size > 0 ? `?${query.toString()}` : ""}`)}`);
  if (access.kind === "link" && query.get("engine") !== access.engine) redirect(access.home);
  return (
    <Suspense fallback={<div className="p-6 text-slate-500">Loading…</div>}>
      <EngineScope />
    </Suspense>
  );
}
