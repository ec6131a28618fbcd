"use client";
/**
 * "New network": every `docker network create` flag, validated as the user
 * types with the server's own schema plus overlap with the engine's existing
 * subnets, and the equivalent command shown live. The network appears on the
 * canvas only once the engine has it (the topology is reloaded on success).
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useSWRConfig } from "swr";
import { createNetworkCommand } from "@/lib/commands/docker-cli";
import { sendJson } from "@/lib/client/mutate";
import { FALLBACK_DRIVERS, useDrivers } from "@/lib/hooks/use-drivers";
import { useApiPath } from "@/lib/hooks/use-engine-scope";
import { useTopologyKey } from "@/lib/hooks/use-topology";
import {
  BRIDGE_OPTS,
  buildCreateBody,
  emptyIpamRow,
  emptyNetworkForm,
  IPVLAN_MODES,
  MACVLAN_MODES,
  modeOptionKey,
  OVERLAY_ENCRYPTED,
  type IpamRow,
  type NetworkFormState,
  type Tristate,
} from "@/lib/networks/form";
import type { Topology } from "@/lib/topology/types";
import { CommandBox } from "../editing/CommandBox";
import { buttonClass, Dialog, ErrorAlert } from "@/components/editing/Dialog";
import { Field, inputClass } from "@/components/editing/Field";

function Check({
  id,
  label,
  help,
  checked,
  onChange,
  error,
}: {
  id: string;
  label: string;
  help: ReactNode;
  checked: boolean;
  onChange: (v: boolean) => void;
  error?: string;
}) {
  return (
    <div>
      <label className="flex items-center gap-2 text-sm">
        <input id={id} data-testid={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span className="font-medium">{label}</span>
      </label>
      <p className="ml-5 text-[11px] leading-4 text-slate-500">{help}</p>
      {error && (
        <p className="ml-5 text-xs text-red-700" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function TristateSelect({ id, value, onChange }: { id: string; value: Tristate; onChange: (v: Tristate) => void }) {
  return (
    <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value as Tristate)} className={inputClass}>
      <option value="">engine default</option>
      <option value="true">true</option>
      <option value="false">false</option>
    </select>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 border-t border-slate-200 pt-3">
      <legend className="pr-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</legend>
      {children}
    </fieldset>
  );
}

export function CreateNetworkForm({ topology, onClose }: { topology: Topology; onClose: () => void }) {
  const { mutate } = useSWRConfig();
  const topologyKey = useTopologyKey();
  const apiPath = useApiPath();
  const drivers = useDrivers();
  const [form, setForm] = useState<NetworkFormState>(emptyNetworkForm);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  // Bumped on every refused submit: brings the first problem into view.
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (attempt === 0) return;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    target?.scrollIntoView({ block: "center" });
    if (target?.matches("input, select, textarea")) target.focus();
  }, [attempt]);

  const result = useMemo(() => buildCreateBody(form, topology.networks), [form, topology.networks]);
  const command = createNetworkCommand({ ...result.body, name: result.body.name || "NAME" });

  const networkDrivers = drivers.data?.network ?? FALLBACK_DRIVERS.network;
  const ipamDrivers = drivers.data?.ipam ?? FALLBACK_DRIVERS.ipam;
  const driverChoices = networkDrivers.includes(form.driver) || !form.driver ? networkDrivers : [form.driver, ...networkDrivers];
  const configOnlyNetworks = topology.networks.filter((n) => n.configOnly).map((n) => n.name);

  const touch = (key: string): void =>
    setTouched((t) => {
      if (t.has(key)) return t;
      const next = new Set(t);
      next.add(key);
      return next;
    });
  const set = <K extends keyof NetworkFormState>(key: K, value: NetworkFormState[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
    touch(key);
  };
  const setRow = (i: number, key: keyof IpamRow, value: string): void => {
    setForm((f) => ({ ...f, ipam: f.ipam.map((r, j) => (j === i ? { ...r, [key]: value } : r)) }));
    touch(`ipam.${i}.${key}`);
  };
  const addRow = (): void => setForm((f) => ({ ...f, ipam: [...f.ipam, emptyIpamRow()] }));
  const removeRow = (i: number): void => {
    setForm((f) => ({ ...f, ipam: f.ipam.filter((_, j) => j !== i) }));
    // Row indices shift: keep showing errors for all rows that were touched.
    setTouched((t) => new Set([...t].filter((k) => !k.startsWith("ipam."))).add("ipam.*"));
  };

  const shown = (key: string): boolean => submitted || touched.has(key) || (key.startsWith("ipam.") && touched.has("ipam.*"));
  const err = (key: string): string | undefined => (shown(key) ? result.errors[key] : undefined);
  const warn = (key: string): string | undefined => (shown(key) ? result.warnings[key] : undefined);
  const aria = (key: string, id: string) => ({
    "aria-invalid": err(key) ? true : undefined,
    "aria-describedby": `${id}-help${err(key) ? ` ${id}-error` : ""}`,
  });

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (busy) return;
    if (!result.valid) {
      setAttempt((a) => a + 1);
      return;
    }
    setBusy(true);
    try {
      await sendJson("POST", apiPath("/api/networks"), result.body);
      await mutate(topologyKey);
      onClose();
    } catch (error) {
      setServerError(`Could not create ${result.body.name}: ${(error as Error).message}`);
      setBusy(false);
      setAttempt((a) => a + 1);
    }
  };

  const errorCount = Object.keys(result.errors).length;
  const modeKey = modeOptionKey(form.driver);
  const footer = (
    <>
      {submitted && errorCount > 0 && (
        <span className="mr-auto text-xs text-red-700" data-testid="net-form-invalid">
          Fix the {errorCount} marked field{errorCount === 1 ? "" : "s"} first.
        </span>
      )}
      <button type="button" className={buttonClass.secondary} onClick={onClose}>
        Cancel
      </button>
      <button type="submit" form="create-network-form" data-testid="net-create" className={buttonClass.primary} disabled={busy}>
        {busy ? "Creating…" : "Create network"}
      </button>
    </>
  );

  return (
    <Dialog title="New network" onClose={onClose} footer={footer} side testId="create-network-panel">
      <form ref={formRef} id="create-network-form" onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
        <div className="grid grid-cols-1 gap-3">
          <Field id="net-name" testId="net-name" label="Name" help="The network's name: letters, digits, '_', '.' and '-'." error={err("name")}>
            <input
              id="net-name"
              data-testid="net-name"
              value={form.name}
              onChange={(e) => set("name", e.target.value)}
              autoComplete="off"
              spellCheck={false}
              className={inputClass}
              {...aria("name", "net-name")}
            />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field
              id="net-driver"
              testId="net-driver"
              label="Driver (--driver)"
              help={drivers.error ? "The engine's driver list is unavailable; these are Docker's built-in ones." : "The network plugin: bridge on one host, overlay across a swarm, macvlan/ipvlan onto a host interface."}
              error={err("driver")}
            >
              <select id="net-driver" data-testid="net-driver" value={form.driver} onChange={(e) => set("driver", e.target.value)} className={inputClass}>
                {driverChoices.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="net-scope" testId="net-scope" label="Scope (--scope)" help="Where the network is visible: this engine (local) or the whole swarm. Default: the driver's." error={err("scope")}>
              <select id="net-scope" data-testid="net-scope" value={form.scope} onChange={(e) => set("scope", e.target.value as NetworkFormState["scope"])} className={inputClass}>
                <option value="">driver default</option>
                <option value="local">local</option>
                <option value="swarm">swarm</option>
                <option value="global">global</option>
              </select>
            </Field>
          </div>
        </div>

        <Section title="Addressing">
          <div className="grid grid-cols-2 gap-3">
            <Check id="net-ipv4" label="IPv4" help="Uncheck for an IPv6-only network (--ipv4=false; needs Docker 28 or later)." checked={form.ipv4} onChange={(v) => set("ipv4", v)} error={err("ipv4")} />
            <Check id="net-ipv6" label="IPv6 (--ipv6)" help="Give containers IPv6 addresses too; add an IPv6 subnet below or let the engine pick one." checked={form.ipv6} onChange={(v) => set("ipv6", v)} error={err("ipv6")} />
          </div>
          {form.ipam.map((row, i) => (
            <div key={i} className="space-y-2 rounded border border-slate-200 bg-slate-50 p-2" data-testid={`net-ipam-row-${i}`}>
              <div className="flex items-center justify-between text-xs font-medium text-slate-600">
                <span>IPAM configuration {i + 1}</span>
                {form.ipam.length > 1 && (
                  <button type="button" className="rounded px-1.5 text-slate-500 hover:bg-slate-200" onClick={() => removeRow(i)} data-testid={`net-ipam-remove-${i}`}>
                    Remove
                  </button>
                )}
              </div>
              <div className="grid grid-cols-2 gap-2">
                <Field id={`net-subnet-${i}`} testId={`net-subnet-${i}`} label="Subnet (--subnet)" help="A CIDR range, IPv4 or IPv6. Empty: the engine picks a free one." error={err(`ipam.${i}.subnet`)} warning={warn(`ipam.${i}.subnet`)}>
                  <input id={`net-subnet-${i}`} data-testid={`net-subnet-${i}`} value={row.subnet} placeholder="172.30.0.0/24" onChange={(e) => setRow(i, "subnet", e.target.value)} className={inputClass} spellCheck={false} {...aria(`ipam.${i}.subnet`, `net-subnet-${i}`)} />
                </Field>
                <Field id={`net-gateway-${i}`} testId={`net-gateway-${i}`} label="Gateway (--gateway)" help="The router address, inside the subnet. Empty: the first address." error={err(`ipam.${i}.gateway`)}>
                  <input id={`net-gateway-${i}`} data-testid={`net-gateway-${i}`} value={row.gateway} placeholder="172.30.0.1" onChange={(e) => setRow(i, "gateway", e.target.value)} className={inputClass} spellCheck={false} {...aria(`ipam.${i}.gateway`, `net-gateway-${i}`)} />
                </Field>
                <Field id={`net-iprange-${i}`} testId={`net-iprange-${i}`} label="IP range (--ip-range)" help="Containers get addresses only from this part of the subnet." error={err(`ipam.${i}.ipRange`)}>
                  <input id={`net-iprange-${i}`} data-testid={`net-iprange-${i}`} value={row.ipRange} placeholder="172.30.0.128/25" onChange={(e) => setRow(i, "ipRange", e.target.value)} className={inputClass} spellCheck={false} {...aria(`ipam.${i}.ipRange`, `net-iprange-${i}`)} />
                </Field>
                <Field id={`net-aux-${i}`} testId={`net-aux-${i}`} label="Auxiliary addresses (--aux-address)" help="Addresses the engine must not hand out: host=ip, separated by commas." error={err(`ipam.${i}.auxAddresses`)}>
                  <input id={`net-aux-${i}`} data-testid={`net-aux-${i}`} value={row.auxAddresses} placeholder="router=172.30.0.2" onChange={(e) => setRow(i, "auxAddresses", e.target.value)} className={inputClass} spellCheck={false} {...aria(`ipam.${i}.auxAddresses`, `net-aux-${i}`)} />
                </Field>
              </div>
            </div>
          ))}
          <button type="button" className={buttonClass.secondary} onClick={addRow} data-testid="net-add-subnet" disabled={form.ipam.length >= 16}>
            Add subnet
          </button>
          <div className="grid grid-cols-2 gap-3">
            <Field id="net-ipam-driver" testId="net-ipam-driver" label="IPAM driver (--ipam-driver)" help="Who hands out addresses. Empty: Docker's default IPAM." error={err("ipamDriver")}>
              <input id="net-ipam-driver" data-testid="net-ipam-driver" list="net-ipam-drivers" value={form.ipamDriver} placeholder="default" onChange={(e) => set("ipamDriver", e.target.value)} className={inputClass} spellCheck={false} {...aria("ipamDriver", "net-ipam-driver")} />
              <datalist id="net-ipam-drivers">
                {ipamDrivers.map((d) => (
                  <option key={d} value={d} />
                ))}
              </datalist>
            </Field>
            <Field id="net-ipam-opts" testId="net-ipam-opts" label="IPAM options (--ipam-opt)" help="Options for the IPAM driver: key=value, one per line." error={err("ipamOptions")}>
              <textarea id="net-ipam-opts" data-testid="net-ipam-opts" rows={2} value={form.ipamOptions} onChange={(e) => set("ipamOptions", e.target.value)} className={inputClass} spellCheck={false} {...aria("ipamOptions", "net-ipam-opts")} />
            </Field>
          </div>
        </Section>

        <Section title="Behaviour">
          <div className="grid grid-cols-2 gap-3">
            <Check id="net-internal" label="Internal (--internal)" help="No route to the outside world: containers reach only each other." checked={form.internal} onChange={(v) => set("internal", v)} error={err("internal")} />
            <Check id="net-attachable" label="Attachable (--attachable)" help="Lets standalone containers join a swarm (overlay) network." checked={form.attachable} onChange={(v) => set("attachable", v)} error={err("attachable")} />
            <Check id="net-ingress" label="Ingress (--ingress)" help="The swarm's routing-mesh network; overlay only, one per swarm." checked={form.ingress} onChange={(v) => set("ingress", v)} error={err("ingress")} />
            <Check id="net-config-only" label="Config only (--config-only)" help="Only stores a configuration for other networks to use with --config-from; no traffic." checked={form.configOnly} onChange={(v) => set("configOnly", v)} error={err("configOnly")} />
          </div>
          <Field id="net-config-from" testId="net-config-from" label="Config from (--config-from)" help="Take subnets and options from this config-only network (then leave IPAM, options, IPv6 and internal empty here)." error={err("configFrom")}>
            <input id="net-config-from" data-testid="net-config-from" list="net-config-only-networks" value={form.configFrom} onChange={(e) => set("configFrom", e.target.value)} className={inputClass} spellCheck={false} {...aria("configFrom", "net-config-from")} />
            <datalist id="net-config-only-networks">
              {configOnlyNetworks.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </Field>
        </Section>

        <Section title="Driver options (--opt)">
          {form.driver === "bridge" && (
            <div className="grid grid-cols-2 gap-3">
              <Field id="net-bridge-name" testId="net-bridge-name" label="Bridge name" help={<><code>{BRIDGE_OPTS.name}</code>: the Linux bridge device (at most 15 characters). Default: br-&lt;id&gt;.</>} error={err("bridgeName")}>
                <input id="net-bridge-name" data-testid="net-bridge-name" value={form.bridgeName} onChange={(e) => set("bridgeName", e.target.value)} className={inputClass} spellCheck={false} {...aria("bridgeName", "net-bridge-name")} />
              </Field>
              <Field id="net-icc" label="Inter-container traffic (ICC)" help={<><code>{BRIDGE_OPTS.icc}</code>: false isolates containers on this bridge from each other.</>} error={err("icc")}>
                <TristateSelect id="net-icc" value={form.icc} onChange={(v) => set("icc", v)} />
              </Field>
              <Field id="net-masquerade" label="IP masquerade" help={<><code>{BRIDGE_OPTS.masquerade}</code>: false stops NAT of outgoing traffic to the host&apos;s address.</>} error={err("masquerade")}>
                <TristateSelect id="net-masquerade" value={form.masquerade} onChange={(v) => set("masquerade", v)} />
              </Field>
              <Field id="net-host-binding" testId="net-host-binding" label="Host binding IPv4" help={<><code>{BRIDGE_OPTS.hostBindingIpv4}</code>: the host address published ports bind to by default.</>} error={err("hostBindingIpv4")}>
                <input id="net-host-binding" data-testid="net-host-binding" value={form.hostBindingIpv4} placeholder="0.0.0.0" onChange={(e) => set("hostBindingIpv4", e.target.value)} className={inputClass} spellCheck={false} {...aria("hostBindingIpv4", "net-host-binding")} />
              </Field>
            </div>
          )}
          {form.driver === "overlay" && (
            <div className="grid grid-cols-2 gap-3">
              <Check
                id="net-encrypted"
                label="Encrypted (--opt encrypted)"
                help={<><code>{OVERLAY_ENCRYPTED}</code>: IPsec between the swarm&apos;s nodes for this network&apos;s traffic (VXLAN is otherwise plain text on the wire).</>}
                checked={form.encrypted}
                onChange={(v) => set("encrypted", v)}
                error={err("encrypted")}
              />
            </div>
          )}
          {modeKey && (
            <div className="grid grid-cols-2 gap-3">
              <Field id="net-parent" testId="net-parent" label="Parent interface" help={<><code>parent</code>: the host interface (e.g. eth0, or eth0.10 for a VLAN) the containers appear on.</>} error={err("parent")}>
                <input id="net-parent" data-testid="net-parent" value={form.parent} placeholder="eth0" onChange={(e) => set("parent", e.target.value)} className={inputClass} spellCheck={false} {...aria("parent", "net-parent")} />
              </Field>
              <Field id="net-mode" label="Mode" help={<><code>{modeKey}</code>: {modeKey === "macvlan_mode" ? "bridge (default), vepa, passthru or private." : "l2 (default), l3 or l3s."}</>} error={err("mode")}>
                <select id="net-mode" data-testid="net-mode" value={form.mode} onChange={(e) => set("mode", e.target.value)} className={inputClass}>
                  <option value="">driver default</option>
                  {(modeKey === "macvlan_mode" ? MACVLAN_MODES : IPVLAN_MODES).map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          )}
          <div className="grid grid-cols-2 gap-3">
            <Field id="net-mtu" testId="net-mtu" label="MTU" help={<><code>{BRIDGE_OPTS.mtu}</code>: the largest packet on this network. Default: 1500.</>} error={err("mtu")}>
              <input id="net-mtu" data-testid="net-mtu" inputMode="numeric" value={form.mtu} placeholder="1500" onChange={(e) => set("mtu", e.target.value)} className={inputClass} {...aria("mtu", "net-mtu")} />
            </Field>
            <Field id="net-options" testId="net-options" label="Other driver options" help="Any other option for the driver: key=value, one per line." error={err("options")}>
              <textarea id="net-options" data-testid="net-options" rows={2} value={form.options} onChange={(e) => set("options", e.target.value)} className={inputClass} spellCheck={false} {...aria("options", "net-options")} />
            </Field>
          </div>
        </Section>

        <Section title="Labels (--label)">
          <Field id="net-labels" testId="net-labels" label="Labels" help="Metadata for people and tools (and prune filters): key=value, one per line." error={err("labels")}>
            <textarea id="net-labels" data-testid="net-labels" rows={2} value={form.labels} placeholder="project=demo" onChange={(e) => set("labels", e.target.value)} className={inputClass} spellCheck={false} {...aria("labels", "net-labels")} />
          </Field>
        </Section>

        <CommandBox command={command} />
        <ErrorAlert message={serverError} />
      </form>
    </Dialog>
  );
}
