/**
 * What the guided labs do on the engine's host itself: read its links (name,
 * alias, IPv4), make and delete the macvlan lab's veth pair with fixed `ip`
 * argument lists, and send one HTTP request to a port published on
 * 127.0.0.1. Nothing here takes text from a request: interface names are the
 * lab's own (lib/labs/names.ts) or one of the host's, checked against the
 * list read here.
 */
import "server-only";
import http from "node:http";
import os from "node:os";
import type { MacvlanPlan } from "../labs/types";
import { vethCommands } from "../labs/requests";
import { IFNAME, LINK_PREFIX, VETH } from "../labs/names";
import type { HostLink } from "../labs/world";
import { readText } from "../net/read-text";
import { SYS_NET, sysNetNames } from "../net/sys-net";
import { hostOutOfSight, runHost } from "./datapath-host";
import type { LabId } from "../labs/types";

/** Every interface of cnmap's network namespace, with its alias and IPv4 addresses. */
export function readHostLinks(): HostLink[] {
  const names = sysNetNames();
  const addresses = os.networkInterfaces();
  return names
    .filter((n) => IFNAME.test(n))
    .map((name) => ({
      name,
      alias: (readText(`${SYS_NET}/${name}/ifalias`) ?? "").trim(),
      ipv4: (addresses[name] ?? []).filter((a) => a.family === "IPv4" && a.cidr).map((a) => a.cidr ?? ""),
    }));
}

/**
 * Host interfaces free to be a macvlan parent: a device of its own (not a
 * bridge, veth, tunnel or anything Docker made), in no bridge, holding no
 * IPv4 address the host uses.
 */
export function freeParents(links: readonly HostLink[]): string[] {
  return links
    .filter((l) => l.name !== "lo" && !l.name.startsWith(LINK_PREFIX) && l.ipv4.length === 0)
    .filter((l) => readText(`${SYS_NET}/${l.name}/device/uevent`) !== undefined)
    .filter((l) => readText(`${SYS_NET}/${l.name}/master/ifindex`) === undefined)
    .map((l) => l.name)
    .sort();
}

/** Whether cnmap's process holds CAP_NET_ADMIN (root has it), which making a veth pair needs. */
export function canAdministerLinks(): boolean {
  const status = readText("/proc/self/status") ?? "";
  const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  if (!hex) return false;
  const CAP_NET_ADMIN = 12n;
  return ((BigInt(`0x${hex}`) >> CAP_NET_ADMIN) & 1n) === 1n;
}

function who(): string {
  const uid = process.getuid?.();
  return uid === undefined ? "cnmap's user" : `uid ${uid}`;
}

/** Why the lab cannot make its veth pair here, or null when it can. */
export function vethRefusal(engineAddress: string): string | null {
  const away = hostOutOfSight(engineAddress);
  if (away) return `The macvlan lab works on the engine's host: ${away}`;
  if (!canAdministerLinks()) {
    return (
      `The macvlan lab makes a veth pair (${VETH.parent}, ${VETH.peer}) on the host as the parent, and that needs CAP_NET_ADMIN: ` +
      `cnmap runs as ${who()} without it. Run cnmap as root, or have an admin pick a free host interface as the parent.`
    );
  }
  return null;
}

/** Makes the veth pair, labelled by its alias; undoes what it made if a later command fails. */
export async function createVeth(plan: MacvlanPlan, lab: LabId): Promise<void> {
  const commands = vethCommands(plan, lab);
  for (const args of commands) {
    const r = await runHost("ip", args);
    if (!r.ok) {
      if (args[1] !== "add") await runHost("ip", ["link", "delete", VETH.parent]);
      throw new Error(`ip ${args.join(" ")}: ${r.error ?? "failed"}`);
    }
  }
}

/** Deletes one of the lab's links (the peer goes with it); an interface already gone is no error. */
export async function deleteLabLink(name: string): Promise<string | null> {
  if (!name.startsWith(LINK_PREFIX) || !IFNAME.test(name)) return `${name} is not a lab interface`;
  const r = await runHost("ip", ["link", "delete", name]);
  if (r.ok || /cannot find device|does not exist/i.test(r.error ?? "")) return null;
  return `ip link delete ${name}: ${r.error ?? "failed"}`;
}

export interface HostHttpResult {
  ok: boolean;
  /** The status line and the start of the body, or the error. */
  output: string;
  summary: string;
}

/** One GET to http://127.0.0.1:<port>/ from cnmap's host, bounded in time and size. */
export function hostHttpGet(port: number, timeoutMs: number): Promise<HostHttpResult> {
  const url = `http://127.0.0.1:${port}/`;
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", timeout: timeoutMs, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        if (body.length < 4096) body += d;
      });
      res.on("end", () => {
        const status = `HTTP/${res.httpVersion} ${res.statusCode ?? 0} ${res.statusMessage ?? ""}`.trim();
        resolve({ ok: true, output: `${status}\n\n${body.slice(0, 4096)}`, summary: `the host got an HTTP answer from ${url}: ${status}` });
      });
      res.on("error", (err) => resolve({ ok: false, output: err.message, summary: `the host got no HTTP answer from ${url} (${err.message})` }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on("error", (err) => resolve({ ok: false, output: err.message, summary: `the host got no HTTP answer from ${url} (${err.message})` }));
  });
}
