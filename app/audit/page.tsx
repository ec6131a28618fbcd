import { Suspense } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuditView } from "@/components/audit/AuditView";
import { pageNeedsSignIn } from "@/lib/auth/page-gate";

export const metadata = { title: "Audit trail: cnmap" };

export default async function AuditPage() {
  if (await pageNeedsSignIn(await headers())) redirect(`/login?next=${encodeURIComponent("/audit")}`);
  return (
    <Suspense fallback={<div className="p-6 text-slate-500">Loading…</div>}>
      <AuditView />
    </Suspense>
  );
}
