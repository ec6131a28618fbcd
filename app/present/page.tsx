import { Suspense } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { EarlyTopology } from "@/components/dashboard/EarlyTopology";
import { EngineScope } from "@/components/dashboard/EngineScope";
import { presentGate } from "@/lib/auth/page-gate";

export const metadata = { title: "Presentation: cnmap" };

type SearchParams = Record<string, string | string[] | undefined>;

function queryOf(params: SearchParams): URLSearchParams {
  return new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v === undefined ? [] : [[k, v]])));
}

/**
 * /present: a presentation screen of the engine, filter and selection the
 * query names (components/present). Open to signed-in people, and to a
 * presentation link's holder for the link's one engine (lib/auth/page-gate.ts:
 * presentGate).
 */
export default async function PresentPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const access = await presentGate(await headers());
  const query = queryOf(await searchParams);
  if (access.kind === "sign-in") redirect(`/login?next=${encodeURIComponent(`/present${query.size > 0 ? `?${query.toString()}` : ""}`)}`);
  if (access.kind === "link" && query.get("engine") !== access.engine) redirect(access.home);
  return (
    <>
      <EarlyTopology query={query} />
      <Suspense fallback={<div className="p-8 text-2xl text-slate-600">Loading…</div>}>
        <EngineScope present />
      </Suspense>
    </>
  );
}
