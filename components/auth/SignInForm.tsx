"use client";
/**
 * The sign-in form: user name and password to POST /api/session, then back
 * to where the person was going; and, when OIDC is configured, a "Sign in
 * with <provider>" link that starts the provider's sign-in (which comes back
 * here with `?error=` when it did not work out).
 */
import { useState, type FormEvent } from "react";
import { useSearchParams } from "next/navigation";
import { safeNextPath } from "@/lib/auth/next-path";
import { oidcErrorMessage } from "@/lib/auth/oidc-messages";
import { ApiClientError } from "@/lib/client/fetch-json";
import { sendJson } from "@/lib/client/mutate";

export function SignInForm({ oidcName }: { oidcName: string | null }) {
  const params = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(() => oidcErrorMessage(params.get("error"), oidcName ?? "the provider"));
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendJson("POST", "/api/session", { username, password });
      window.location.assign(next);
    } catch (err) {
      setError(err instanceof ApiClientError ? err.message : "Could not reach cnmap.");
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="w-80 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">
        Sign in to cnmap <span className="block text-sm font-normal text-slate-500">Docker container networking</span>
      </h1>
      <label className="block text-sm text-slate-700">
        User name
        <input
          data-testid="login-username"
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="block text-sm text-slate-700">
        Password
        <input
          data-testid="login-password"
          type="password"
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p role="alert" data-testid="login-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button data-testid="login-submit" type="submit" disabled={busy} className="w-full rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
        {busy ? "Signing in…" : "Sign in"}
      </button>
      {oidcName !== null && (
        <>
          <p className="flex items-center gap-2 text-xs text-slate-500" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </p>
          <a
            data-testid="login-oidc"
            href={`/api/session/oidc${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`}
            className="block w-full rounded border border-slate-300 px-3 py-1.5 text-center text-sm font-medium text-slate-900 hover:bg-slate-50"
          >
            {`Sign in with ${oidcName}`}
          </a>
        </>
      )}
    </form>
  );
}
