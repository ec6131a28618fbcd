import { Suspense } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { EarlyTopology } from "@/components/dashboard/EarlyTopology";
import { EngineScope } from "@/components/dashboard/EngineScope";
import { pageNeedsSignIn } from "@/lib/auth/page-gate";

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = new URLSearchParams(Object.entries(await searchParams).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v === undefined ? [] : [[k, v]])));
  if (await pageNeedsSignIn(await headers())) {
    const here = `/${query.size > 0 ? `?${query.toString()}` : ""}`;
    redirect(`/login?next=${encodeURIComponent(here)}`);
  }
  // The dashboard reads the engine, the selection and the filter from the URL (useSearchParams).
  return (
    <>
      <EarlyTopology query={query} />
      <Suspense fallback={<div className="p-6 text-slate-500">Loading…</div>}>
        <EngineScope />
      </Suspense>
    </>
  );
}
