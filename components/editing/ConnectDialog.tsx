"use client";
/**
 * "Connect with options": pick a network and set everything `docker network
 * connect` takes (aliases, fixed IPv4/IPv6, link-local IPs, driver options).
 * Validated with the API's own schema as the user types; the equivalent
 * command is shown and can be copied.
 */
import { sandboxName } from "@/lib/topology/describe";
import { useId, useMemo, useState } from "react";
import type { ConnectBody } from "@/lib/api/schemas";
import { connectCommand } from "@/lib/commands/docker-cli";
import { connectFormPreview, connectFormToBody, EMPTY_CONNECT_FORM, type ConnectField, type ConnectForm } from "@/lib/editing/connect-form";
import { canJoin } from "@/lib/topology/join-rules";
import type { Network, Sandbox, Topology } from "@/lib/topology/types";
import { CommandBox } from "./CommandBox";
import { Dialog } from "./Dialog";

export interface ConnectRequest {
  network: Network;
  body: ConnectBody;
  command: string;
}

interface Props {
  sandbox: Sandbox;
  topology: Topology;
  /** Sends the request; resolves true when the engine accepted it (the dialog then closes). */
  onSubmit(request: ConnectRequest): Promise<boolean>;
  onClose(): void;
}

const INPUT = "w-full rounded border px-2 py-1 font-mono text-xs text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-300";

export function ConnectDialog({ sandbox, topology, onSubmit, onClose }: Props) {
  const ownerName = sandboxName(sandbox);
  const verdicts = useMemo(
    () =>
      topology.networks
        .map((n) => ({ network: n, verdict: canJoin(sandbox, n, topology) }))
        .sort((a, b) => a.network.name.localeCompare(b.network.name)),
    [sandbox, topology],
  );
  const joinable = verdicts.filter((v) => v.verdict.ok);
  const refused = verdicts.filter((v) => !v.verdict.ok);
  // Why nothing is offered: the sandbox's own reason (host mode, shared namespace…) reads best.
  const ownReason = refused.map((r) => r.verdict).find((v) => !v.ok && !v.reason.includes("chosen when a container is created"));
  const noneJoinableReason = ownReason && !ownReason.ok ? ownReason.reason : "No network can be joined.";

  const [form, setForm] = useState<ConnectForm>(() => ({ ...EMPTY_CONNECT_FORM, networkId: joinable[0]?.network.id ?? "" }));
  const [touched, setTouched] = useState<Partial<Record<ConnectField, boolean>>>({});
  const [pending, setPending] = useState(false);
  const idBase = useId();

  const network = topology.networks.find((n) => n.id === form.networkId);
  const result = connectFormToBody(form, sandbox.id, network);
  const command = connectCommand(network?.name ?? "NETWORK", { ...connectFormPreview(form, sandbox.id), container: ownerName });

  const set = (field: ConnectField) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [field]: e.target.value }));
    setTouched((t) => ({ ...t, [field]: true }));
  };
  const errorOf = (field: ConnectField): string | undefined => (touched[field] || form[field] !== "" ? result.errors[field] : undefined);

  const submit = async () => {
    if (!result.body || !network || pending) return;
    setPending(true);
    const ok = await onSubmit({ network, body: result.body, command });
    setPending(false);
    if (ok) onClose();
  };

  const field = (name: ConnectField, label: string, hint: string, placeholder: string, multiline = false) => {
    const id = `${idBase}-${name}`;
    const err = errorOf(name);
    const cls = `${INPUT} ${err ? "border-red-400 bg-red-50" : "border-slate-300"}`;
    return (
      <div className="mb-2.5">
        <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-700">
          {label} <span className="font-normal text-slate-500">{hint}</span>
        </label>
        {multiline ? (
          <textarea id={id} name={name} data-testid={`connect-${name}`} rows={2} value={form[name]} onChange={set(name)} placeholder={placeholder} className={cls} aria-invalid={err ? true : undefined} />
        ) : (
          <input id={id} name={name} data-testid={`connect-${name}`} value={form[name]} onChange={set(name)} placeholder={placeholder} className={cls} autoComplete="off" spellCheck={false} aria-invalid={err ? true : undefined} />
        )}
        {err && (
          <p className="mt-0.5 text-[11px] text-red-700" data-testid={`error-${name}`}>
            {err}
          </p>
        )}
      </div>
    );
  };

  return (
    <Dialog title={`Connect ${ownerName} to a network`} onClose={onClose} testId="connect-dialog" size="wide">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="mb-2.5">
          <label htmlFor={`${idBase}-network`} className="mb-0.5 block text-xs font-medium text-slate-700">
            Network
          </label>
          <select
            id={`${idBase}-network`}
            data-testid="connect-network"
            value={form.networkId}
            onChange={set("networkId")}
            className={`${INPUT} border-slate-300 bg-white`}
          >
            {joinable.length === 0 && <option value="">no network can be joined</option>}
            {joinable.map(({ network: n }) => (
              <option key={n.id} value={n.id}>
                {n.name} ({n.driver}
                {n.ipam.length > 0 ? `, ${n.ipam.map((c) => c.subnet).join(", ")}` : ""})
              </option>
            ))}
            {refused.length > 0 && (
              <optgroup label="Cannot join">
                {refused.map(({ network: n, verdict }) => (
                  <option key={n.id} value={n.id} disabled>
                    {n.name}: {verdict.ok ? "" : verdict.reason}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          {joinable.length === 0 && (
            <p className="mt-0.5 text-[11px] text-red-700" data-testid="error-networkId">
              {noneJoinableReason}
            </p>
          )}
        </div>
        {field("aliases", "Aliases", "(--alias; commas or spaces between)", "web, www")}
        <div className="grid grid-cols-2 gap-2">
          {field("ipv4", "IPv4 address", "(--ip)", "172.20.0.10")}
          {field("ipv6", "IPv6 address", "(--ip6)", "fd00::10")}
        </div>
        {field("linkLocalIps", "Link-local IPs", "(--link-local-ip)", "169.254.10.10")}
        {field("driverOpts", "Driver options", "(--driver-opt; one key=value a line)", "com.example.opt=value", true)}

        <CommandBox command={command} className="mb-3" />

        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
            Cancel
          </button>
          <button
            type="submit"
            data-testid="connect-submit"
            disabled={!result.body || !network || pending}
            className="rounded bg-sky-700 px-3 py-1 text-sm font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-300"
          >
            {pending ? "Connecting…" : "Connect"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
