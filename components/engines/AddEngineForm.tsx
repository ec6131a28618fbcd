"use client";
/**
 * Adds an engine: a name and an address, checked as you type by the same
 * function the server runs (so the words are the server's), and the
 * server's own refusals (a taken name, a certificate folder it cannot read)
 * shown under the field they concern. `POST /api/engines`.
 */
import { useState, type FormEvent } from "react";
import { ApiClientError } from "@/lib/client/fetch-json";
import { sendJson } from "@/lib/client/mutate";
import { checkNewEngine, type NewEngineProblems } from "@/lib/engines/added";
import { engineStatusText, refusalField } from "@/lib/engines/form";
import type { EngineSummary } from "@/lib/engines/types";
import { buttonClass, ErrorAlert } from "../editing/Dialog";
import { Field, inputClass } from "../editing/Field";

export function AddEngineForm({ onAdded }: { onAdded: (engine: EngineSummary) => Promise<void> }) {
  const [name, setName] = useState("");
  const [address, setAddress] = useState("");
  const [touched, setTouched] = useState<{ name?: boolean; address?: boolean }>({});
  const [refused, setRefused] = useState<NewEngineProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<EngineSummary | null>(null);
  const [busy, setBusy] = useState(false);

  const input = { name: name.trim(), address: address.trim() };
  const problems = checkNewEngine(input);
  const shown = (field: keyof NewEngineProblems): string | undefined => refused[field] ?? (touched[field] ? problems[field] : undefined);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setTouched({ name: true, address: true });
    setRefused({});
    setError(null);
    setAdded(null);
    if (problems.name || problems.address) return;
    setBusy(true);
    try {
      const body = await sendJson<{ engine: EngineSummary }>("POST", "/api/engines", input);
      if (body) {
        setAdded(body.engine);
        await onAdded(body.engine);
      }
      setName("");
      setAddress("");
      setTouched({});
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const field = err instanceof ApiClientError ? refusalField(err.status, input) : null;
      if (field) setRefused({ [field]: message });
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-2 border-t border-slate-200 pt-3" data-testid="new-engine-form">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Add an engine</h3>
      <div className="grid grid-cols-[10rem_1fr] gap-3">
        <Field id="new-engine-name" label="Name" help="Its ID in URLs: the name, lower-cased." error={shown("name")} testId="new-engine-name">
          <input
            id="new-engine-name"
            data-testid="new-engine-name"
            className={inputClass}
            value={name}
            aria-invalid={shown("name") !== undefined}
            onChange={(e) => {
              setName(e.target.value);
              setRefused((r) => ({ ...r, name: undefined }));
            }}
            // An empty field left behind is not an error yet: "required" waits for a submit.
            onBlur={() => setTouched((t) => ({ ...t, name: t.name === true || name.trim() !== "" }))}
          />
        </Field>
        <Field
          id="new-engine-address"
          label="Address"
          help="unix:///path/to/docker.sock, tcp://host:port (TLS on 2376, or with ?certs=DIR holding ca.pem, cert.pem, key.pem), ssh://user@host"
          error={shown("address")}
          testId="new-engine-address"
        >
          <input
            id="new-engine-address"
            data-testid="new-engine-address"
            className={inputClass}
            value={address}
            placeholder="tcp://10.0.0.5:2376"
            aria-invalid={shown("address") !== undefined}
            onChange={(e) => {
              setAddress(e.target.value);
              setTouched((t) => ({ ...t, address: t.address === true || e.target.value.trim() !== "" }));
              setRefused((r) => ({ ...r, address: undefined }));
            }}
          />
        </Field>
      </div>
      <ErrorAlert message={error} testId="new-engine-error" />
      {added && (
        <p data-testid="engine-added" data-connected={added.connected} className={`text-xs ${added.connected ? "text-emerald-800" : "text-amber-800"}`}>
          Added {added.name}
          {added.connected ? `: ${engineStatusText(added)}.` : `, but it does not answer yet (${added.reason ?? "no reason given"}). It shows as down until it does.`}
        </p>
      )}
      <div className="flex justify-end">
        <button type="submit" data-testid="new-engine-add" className={buttonClass.primary} disabled={busy}>
          {busy ? "Adding…" : "Add engine"}
        </button>
      </div>
    </form>
  );
}
