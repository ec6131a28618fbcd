"use client";
import { useSearchParams } from "next/navigation";
import { presentHref } from "@/lib/present/mode";

/** Opens the lab on a presentation screen, where → runs its next step. */
export function PresentLabLink({ labId }: { labId: string }) {
  const params = useSearchParams();
  return (
    <a data-testid="lab-present" href={presentHref(new URLSearchParams(params.toString()), labId)} className="shrink-0 text-xs text-sky-700 hover:underline" title="Show this lab on a presentation screen; → runs the next step">
      Present this lab
    </a>
  );
}
