"use client";
/** The sign-in form: user name and password to POST /api/session, then back to where the person was going. */
import { useState, type FormEvent } from "react";
import { useSearchParams } from "next/navigation";
import { ApiClientError } from "@/lib/client/fetch-json";
import { sendJson } from "@/lib/client/mutate";

/** Only this site's own paths (the server checks too). */
function nextPath(raw: string | null): string {
  return raw && raw.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\") ? raw : "/";
}

export function SignInForm() {
  const params = useSearchParams();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendJson("POST", "/api/session", { username, password });
      window.location.assign(nextPath(params.get("next")));
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
    </form>
  );
}
