import { Suspense } from "react";
import { EngineScope } from "@/components/dashboard/EngineScope";

export default function Home() {
  // The dashboard reads the engine, the selection and the filter from the URL (useSearchParams).
  return (
    <Suspense fallback={<div className="p-6 text-slate-500">Loading…</div>}>
      <EngineScope />
    </Suspense>
  );
}
