import { Suspense } from "react";
import { Dashboard } from "@/components/dashboard/Dashboard";

export default function Home() {
  // The dashboard reads the selection and the filter from the URL (useSearchParams).
  return (
    <Suspense fallback={<div className="p-6 text-slate-500">Loading…</div>}>
      <Dashboard />
    </Suspense>
  );
}
