import { Suspense } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { EngineScope } from "@/components/dashboard/EngineScope";
import { pageNeedsSignIn } from "@/lib/auth/page-gate";

/** A presentation screen of the engine, filter and selection the query names (components/present). */
export default async function Present({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await pageNeedsSignIn(await headers())) {
    const query = new URLSearchParams(Object.entries(await searchParams).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v === undefined ? [] : [[k, v]])));
    const here = `/present${query.size > 0 ? `?${query.toString()}` : ""}`;
    redirect(`/login?next=${encodeURIComponent(here)}`);
  }
  return (
    <Suspense fallback={<div className="p-8 text-2xl text-slate-600">Loading…</div>}>
      <EngineScope present />
    </Suspense>
  );
}
