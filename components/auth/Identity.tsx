"use client";
/** Who is using cnmap: "local, no sign-in" without accounts, else the user, their role, and Sign out; global admins' dialogs (people, engines, presentation links). */
import { useState } from "react";
import { isRole } from "@/lib/auth/roles";
import { sendJson } from "@/lib/client/mutate";
import { useSession } from "@/lib/hooks/use-session";
import { EnginesDialog } from "../engines/EnginesDialog";
import { PresentLinksDialog } from "./PresentLinksDialog";
import { TokensDialog } from "./TokensDialog";
import { UsersDialog } from "./UsersDialog";

export function Identity() {
  const { data } = useSession();
  const [tokensOpen, setTokensOpen] = useState(false);
  const [peopleOpen, setPeopleOpen] = useState(false);
  const [enginesOpen, setEnginesOpen] = useState(false);
  const [linksOpen, setLinksOpen] = useState(false);
  // Global admins (and the local person) manage people and engines alike.
  const people = data?.managesPeople ? (
    <>
      <button data-testid="people" type="button" onClick={() => setPeopleOpen(true)} className="rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-50">
        People
      </button>
      <button data-testid="engines" type="button" onClick={() => setEnginesOpen(true)} className="rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-50">
        Engines
      </button>
      {/* Presentation links need sign-in: without it, whoever reaches cnmap sees everything already. */}
      {data.authEnabled && (
        <button data-testid="present-links" type="button" onClick={() => setLinksOpen(true)} className="rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-50">
          Links
        </button>
      )}
      {peopleOpen && <UsersDialog me={data.actor?.name ?? ""} onClose={() => setPeopleOpen(false)} />}
      {enginesOpen && <EnginesDialog onClose={() => setEnginesOpen(false)} />}
      {linksOpen && <PresentLinksDialog onClose={() => setLinksOpen(false)} />}
    </>
  ) : null;
  if (!data) return null;
  const audit = (
    <a href="/audit" data-testid="audit-link" className="text-xs text-indigo-700 hover:underline">
      Audit
    </a>
  );
  if (!data.authEnabled) {
    return (
      <span className="flex items-center gap-2">
        {audit}
        {people}
        <span data-testid="identity" data-kind="local" className="text-xs text-slate-500" title="cnmap has no accounts: whoever reaches it on this machine may use it">
          local, no sign-in
        </span>
      </span>
    );
  }
  if (!data.actor) return null;
  const signOut = async (): Promise<void> => {
    await sendJson("DELETE", "/api/session").catch(() => undefined);
    // A full load: nothing of the signed-out session stays in memory.
    window.location.assign(new URL("/login", window.location.origin).href);
  };
  return (
    <span data-testid="identity" data-kind={data.actor.kind} data-role={data.actor.role} className="flex items-center gap-2 text-xs text-slate-600">
      {audit}
      {people}
      <span>
        <span className="font-medium text-slate-900">{data.actor.name}</span> · {data.actor.role}
      </span>
      {data.actor.kind === "user" && isRole(data.actor.role) && (
        <button data-testid="tokens" type="button" onClick={() => setTokensOpen(true)} className="rounded border border-slate-300 px-1.5 py-0.5 hover:bg-slate-50">
          Tokens
        </button>
      )}
      <button data-testid="sign-out" type="button" onClick={() => void signOut()} className="rounded border border-slate-300 px-1.5 py-0.5 hover:bg-slate-50">
        Sign out
      </button>
      {tokensOpen && isRole(data.actor.role) && <TokensDialog role={data.actor.role} onClose={() => setTokensOpen(false)} />}
    </span>
  );
}
