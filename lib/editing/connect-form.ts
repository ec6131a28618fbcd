/**
 * The "connect with options" form: its text fields, turned into a request
 * body checked with the API's own schema (connectSchema) so the form and the
 * server agree on every rule. Pure.
 */
import { connectSchema, type ConnectBody } from "../api/schemas";
import { cidrContainsIp, parseCidr, parseIp } from "../net/cidr";
import type { Network } from "../topology/types";

export interface ConnectForm {
  /** Network ID; "" until one is picked. */
  networkId: string;
  /** Aliases separated by commas or spaces. */
  aliases: string;
  ipv4: string;
  ipv6: string;
  /** Link-local addresses separated by commas or spaces. */
  linkLocalIps: string;
  /** One `key=value` per line. */
  driverOpts: string;
}

export type ConnectField = keyof ConnectForm;

export const EMPTY_CONNECT_FORM: ConnectForm = { networkId: "", aliases: "", ipv4: "", ipv6: "", linkLocalIps: "", driverOpts: "" };

export interface ConnectFormResult {
  /** The body to send, when the form is valid. */
  body: ConnectBody | null;
  /** One message per field that is wrong. */
  errors: Partial<Record<ConnectField, string>>;
}

export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `key=value` lines; blank lines are skipped. */
export function parsePairs(text: string): { pairs: Record<string, string>; error?: string } {
  const pairs: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) return { pairs, error: `"${line}": write key=value` };
    const key = line.slice(0, eq).trim();
    if (key in pairs) return { pairs, error: `${key} is given twice` };
    pairs[key] = line.slice(eq + 1).trim();
  }
  return { pairs };
}

const FIELD_OF: Record<string, ConnectField> = {
  container: "networkId",
  aliases: "aliases",
  ipv4: "ipv4",
  ipv6: "ipv6",
  linkLocalIps: "linkLocalIps",
  driverOpts: "driverOpts",
};

/** A fixed address must lie in one of the network's subnets of its family, when it has any. */
function outsideSubnets(ip: string, network: Network | undefined): string | undefined {
  const addr = parseIp(ip);
  if (!addr || !network) return undefined;
  const subnets = network.ipam.map((c) => parseCidr(c.subnet)).filter((c) => c !== null && c.family === addr.kind());
  if (subnets.length === 0) return undefined;
  if (subnets.some((c) => c !== null && cidrContainsIp(c, addr))) return undefined;
  return `${ip} is outside ${network.name}'s subnet${subnets.length > 1 ? "s" : ""} ${subnets.map((c) => c?.text).join(", ")}`;
}

/**
 * Builds the body for `container` (the namespace owner's ID) and validates it.
 * `network` is the picked network, for the subnet check; the server and the
 * engine have the last word on everything else (addresses in use, etc.).
 */
export function connectFormToBody(form: ConnectForm, container: string, network: Network | undefined): ConnectFormResult {
  const errors: Partial<Record<ConnectField, string>> = {};
  if (!form.networkId) errors.networkId = "pick a network";

  const candidate: Record<string, unknown> = { container };
  const aliases = splitList(form.aliases);
  if (aliases.length > 0) candidate.aliases = aliases;
  if (form.ipv4.trim()) candidate.ipv4 = form.ipv4.trim();
  if (form.ipv6.trim()) candidate.ipv6 = form.ipv6.trim();
  const linkLocal = splitList(form.linkLocalIps);
  if (linkLocal.length > 0) candidate.linkLocalIps = linkLocal;
  const opts = parsePairs(form.driverOpts);
  if (opts.error) errors.driverOpts = opts.error;
  if (Object.keys(opts.pairs).length > 0) candidate.driverOpts = opts.pairs;

  const parsed = connectSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      const field = FIELD_OF[key];
      if (!field || errors[field]) continue;
      let message = issue.message;
      const index = issue.path[1];
      if ((key === "aliases" || key === "linkLocalIps") && typeof index === "number") {
        const list = key === "aliases" ? aliases : linkLocal;
        message = `"${list[index] ?? ""}": ${message}`;
      }
      errors[field] = message;
    }
  }
  if (!errors.ipv4 && form.ipv4.trim()) {
    const m = outsideSubnets(form.ipv4.trim(), network);
    if (m) errors.ipv4 = m;
  }
  if (!errors.ipv6 && form.ipv6.trim()) {
    const m = outsideSubnets(form.ipv6.trim(), network);
    if (m) errors.ipv6 = m;
  }
  const ok = parsed.success && Object.keys(errors).length === 0;
  return { body: ok ? parsed.data : null, errors };
}

/**
 * The body as far as it can be built, valid or not, so the dialog can show
 * the command while the user is still typing.
 */
export function connectFormPreview(form: ConnectForm, container: string): ConnectBody {
  const body: ConnectBody = { container };
  const aliases = splitList(form.aliases);
  if (aliases.length > 0) body.aliases = aliases;
  if (form.ipv4.trim()) body.ipv4 = form.ipv4.trim();
  if (form.ipv6.trim()) body.ipv6 = form.ipv6.trim();
  const linkLocal = splitList(form.linkLocalIps);
  if (linkLocal.length > 0) body.linkLocalIps = linkLocal;
  const { pairs } = parsePairs(form.driverOpts);
  if (Object.keys(pairs).length > 0) body.driverOpts = pairs;
  return body;
}
