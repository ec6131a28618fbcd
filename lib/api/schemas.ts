/**
 * Request bodies of the mutation API, as zod schemas: the server validates
 * with them and the forms validate as the user types with the same ones.
 * Unknown fields are refused (strict objects).
 */
import { z } from "zod";
import { LOG_LIMITS } from "../logs/types";
import { cidrContainsCidr, cidrContainsIp, cidrsOverlap, hasNoHostBits, isDottedQuad, isLinkLocal, parseCidr, parseIp, type Cidr } from "../net/cidr";

/** Docker's rule for network and container names. */
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** An engine ID (64 hex, 25-character swarm IDs) or name, or a unique prefix of an ID. */
export const REF_PATTERN = NAME_PATTERN;

export const nameSchema = z
  .string()
  .min(1, "a name is required")
  .max(128, "at most 128 characters")
  .regex(NAME_PATTERN, "letters, digits, '_', '.' and '-', starting with a letter or digit");

export const refSchema = z
  .string()
  .min(1, "required")
  .max(128, "at most 128 characters")
  .regex(REF_PATTERN, "a name or an ID: letters, digits, '_', '.' and '-'");

const keySchema = z.string().min(1).max(256).regex(/^[^\s=]+$/, "no spaces or '=' in keys");
const stringMap = z.record(keySchema, z.string().max(4096)).refine((m) => Object.keys(m).length <= 64, "at most 64 entries");

/** How an address must be written, for messages: what parseIp (lib/net/cidr.ts) takes. */
export const IP_RULE = "IPv4 as four decimal numbers 0-255 without leading zeros (172.20.0.5), IPv6 in hex groups without a zone (fd00::5)";

const cidrText = z
  .string()
  .refine((s) => parseCidr(s) !== null, `not a CIDR range (e.g. 172.20.0.0/16 or fd00::/64): an address, '/', a prefix length; ${IP_RULE}`)
  .refine((s) => {
    const c = parseCidr(s);
    return c === null || hasNoHostBits(c);
  }, "has host bits set: give the network address (e.g. 10.99.0.0/24, not 10.99.0.5/24)");
const ipText = z.string().refine((s) => parseIp(s) !== null, `not an IP address: ${IP_RULE}`);

export const ipamConfigSchema = z
  .object({
    subnet: cidrText,
    gateway: ipText.optional(),
    ipRange: cidrText.optional(),
    auxAddresses: z.record(keySchema, ipText).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const subnet = parseCidr(c.subnet);
    if (!subnet) return;
    if (c.gateway) {
      const gw = parseIp(c.gateway);
      if (gw && !cidrContainsIp(subnet, gw)) ctx.addIssue({ code: "custom", path: ["gateway"], message: `gateway ${c.gateway} is outside ${c.subnet}` });
    }
    if (c.ipRange) {
      const range = parseCidr(c.ipRange);
      if (range && !cidrContainsCidr(subnet, range)) {
        ctx.addIssue({ code: "custom", path: ["ipRange"], message: `IP range ${c.ipRange} is not inside ${c.subnet}` });
      }
    }
    for (const [host, addr] of Object.entries(c.auxAddresses ?? {})) {
      const ip = parseIp(addr);
      if (ip && !cidrContainsIp(subnet, ip)) {
        ctx.addIssue({ code: "custom", path: ["auxAddresses", host], message: `auxiliary address ${addr} is outside ${c.subnet}` });
      }
    }
  });

/** The bridge driver's default host address for published ports (`-o com.docker.network.bridge.host_binding_ipv4=`). */
export const HOST_BINDING_IPV4_OPTION = "com.docker.network.bridge.host_binding_ipv4";

export const createNetworkSchema = z
  .object({
    name: nameSchema,
    driver: z.string().min(1).max(128).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, "not a driver name").optional(),
    ipam: z.array(ipamConfigSchema).max(16).optional(),
    ipv4: z.boolean().optional(),
    ipv6: z.boolean().optional(),
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    ingress: z.boolean().optional(),
    configOnly: z.boolean().optional(),
    configFrom: nameSchema.optional(),
    scope: z.enum(["local", "swarm", "global"]).optional(),
    ipamDriver: z.string().min(1).max(128).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, "not a driver name").optional(),
    ipamOptions: stringMap.optional(),
    options: stringMap.optional(),
    labels: stringMap.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const subnets: { cidr: Cidr; index: number }[] = [];
    (b.ipam ?? []).forEach((c, index) => {
      const cidr = parseCidr(c.subnet);
      if (!cidr) return;
      for (const other of subnets) {
        if (cidrsOverlap(cidr, other.cidr)) {
          ctx.addIssue({ code: "custom", path: ["ipam", index, "subnet"], message: `${c.subnet} overlaps ${other.cidr.text}` });
        }
      }
      if (cidr.family === "ipv6" && !b.ipv6) {
        ctx.addIssue({ code: "custom", path: ["ipam", index, "subnet"], message: "an IPv6 subnet needs IPv6 enabled" });
      }
      if (cidr.family === "ipv4" && b.ipv4 === false) {
        ctx.addIssue({ code: "custom", path: ["ipam", index, "subnet"], message: "an IPv4 subnet needs IPv4 enabled" });
      }
      subnets.push({ cidr, index });
    });
    if (b.ipv4 === false && !b.ipv6) ctx.addIssue({ code: "custom", path: ["ipv4"], message: "a network needs IPv4 or IPv6" });
    if (b.configFrom && b.configOnly) ctx.addIssue({ code: "custom", path: ["configFrom"], message: "a config-only network cannot take its config from another" });
    if (b.configFrom && (b.ipam?.length || b.options || b.ipamDriver || b.ipamOptions || b.ipv6 || b.internal)) {
      ctx.addIssue({ code: "custom", path: ["configFrom"], message: "with configFrom, the configuration (IPAM, options, IPv6, internal) comes from that network" });
    }
    const binding = b.options?.[HOST_BINDING_IPV4_OPTION];
    if (binding !== undefined && parseIp(binding)?.kind() !== "ipv4") {
      ctx.addIssue({ code: "custom", path: ["options", HOST_BINDING_IPV4_OPTION], message: `${binding} is not an IPv4 address: four decimal numbers 0-255 without leading zeros (e.g. 127.0.0.1)` });
    }
    if (b.ingress && b.driver !== undefined && b.driver !== "overlay") ctx.addIssue({ code: "custom", path: ["ingress"], message: "only an overlay network can be the ingress network" });
  });
export type CreateNetworkBody = z.infer<typeof createNetworkSchema>;

export const connectSchema = z
  .object({
    container: refSchema,
    aliases: z.array(nameSchema).max(32).optional(),
    ipv4: ipText.refine((s) => parseIp(s)?.kind() === "ipv4", "not an IPv4 address").optional(),
    ipv6: ipText.refine((s) => parseIp(s)?.kind() === "ipv6", "not an IPv6 address").optional(),
    linkLocalIps: z
      .array(ipText.refine((s) => isLinkLocal(s), "not a link-local address (169.254.0.0/16 or fe80::/10)"))
      .max(8)
      .optional(),
    driverOpts: stringMap.optional(),
  })
  .strict();
export type ConnectBody = z.infer<typeof connectSchema>;

export const disconnectSchema = z.object({ container: refSchema, force: z.boolean().optional() }).strict();
export type DisconnectBody = z.infer<typeof disconnectSchema>;

/** `docker service update --network-add [name=N,alias=A...]`: the network, and the service's aliases on it. */
export const serviceNetworkAddSchema = z
  .object({
    network: refSchema,
    aliases: z.array(nameSchema).max(32).optional(),
  })
  .strict();
export type ServiceNetworkAddBody = z.infer<typeof serviceNetworkAddSchema>;

/** `key`, `key=value`, `key!=value`, `!key` as in `docker network prune --filter label=...`. */
export const LABEL_FILTER_PATTERN = /^!?[^\s=!]+((!?=)[^\s]*)?$/;
/** A Go duration (`24h`, `90m`, `1h30m`), RFC 3339 time, or Unix seconds, as `--filter until=`. */
export const UNTIL_PATTERN = /^(\d+(\.\d+)?(h|m|s|ms))+$|^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$|^\d{1,12}$/;

export const pruneSchema = z
  .object({
    labels: z.array(z.string().max(512).regex(LABEL_FILTER_PATTERN, "a label filter: key, key=value, key!=value or !key")).max(16).optional(),
    until: z.string().max(64).regex(UNTIL_PATTERN, "a duration (24h, 90m) or a time (2026-01-31T12:00:00Z, Unix seconds)").optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
export type PruneBody = z.infer<typeof pruneSchema>;

// ------------------------------------------------------------------ probe

export const PROBE_KINDS = ["ping", "dns", "tcp", "http"] as const;
/** A host name, container name or alias: letters, digits, '.', '_', '-', not starting with '-'. */
export const PROBE_HOST_PATTERN = /^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,252}$/;
export const PROBE_PATH_PATTERN = /^\/[A-Za-z0-9._~/%-]{0,200}$/;

/**
 * Every dot-separated part is a number (decimal, octal or hex, as in
 * 10.1, 167772161, 0xa.0xe7.0.3, 010.0.0.1): inet_aton, which busybox's
 * tools use, reads such text as an address, never as a name.
 */
function looksNumeric(s: string): boolean {
  return s
    .replace(/\.$/, "")
    .split(".")
    .every((part) => /^(0x[0-9a-f]*|\d+)$/i.test(part));
}

/**
 * Why `s` cannot be a probe's target by its syntax, or null. A target is an
 * IPv4 address as a dotted quad (four decimal numbers 0-255, no leading
 * zeros), an IPv6 address (hex groups, no zone), or a name (letters, digits,
 * '.', '_', '-', not starting with '-') that is not all numbers. Whether the
 * name is one the container resolves needs the topology: lib/probe/targets.ts
 * checkProbeTarget.
 */
export function probeTargetProblem(s: string): string | null {
  if (s.length === 0) return "required";
  if (s.length > 253) return "at most 253 characters";
  if (s.includes(":")) {
    return parseIp(s)?.kind() === "ipv6" ? null : `${s} is not an IPv6 address: hex groups, no zone (%eth0), no brackets (e.g. fd00::5)`;
  }
  if (looksNumeric(s)) {
    return isDottedQuad(s)
      ? null
      : `${s} is not an IPv4 address written in full: four decimal numbers 0-255 without leading zeros (e.g. 172.18.0.3). Short, hex and octal forms (10.1, 167772161, 0xa.0xe7.0.3, 010.0.0.1), and names made only of numbers, are refused: the tools read them as other addresses`;
  }
  return PROBE_HOST_PATTERN.test(s)
    ? null
    : "a host name, container name or alias (letters, digits, '.', '_', '-', not starting with '-'), or an IPv4/IPv6 address";
}

/** Whether `s` can be a probe's target by its syntax (probeTargetProblem). */
export function isProbeTarget(s: string): boolean {
  return probeTargetProblem(s) === null;
}

const probeTargetSchema = z.string().superRefine((s, ctx) => {
  const problem = probeTargetProblem(s);
  if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
});

export const probeSchema = z
  .object({
    from: refSchema,
    kind: z.enum(PROBE_KINDS),
    target: probeTargetSchema,
    port: z.number().int().min(1).max(65535).optional(),
    count: z.number().int().min(1).max(5).optional(),
    timeoutSeconds: z.number().int().min(1).max(10).optional(),
    path: z.string().max(201).regex(PROBE_PATH_PATTERN, "a URL path: '/' then letters, digits and . _ ~ / % -").optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.kind === "tcp" && b.port === undefined) ctx.addIssue({ code: "custom", path: ["port"], message: "a tcp probe needs a port" });
    if ((b.kind === "ping" || b.kind === "dns") && b.port !== undefined) {
      ctx.addIssue({ code: "custom", path: ["port"], message: `a ${b.kind} probe takes no port` });
    }
    if (b.kind !== "ping" && b.count !== undefined) ctx.addIssue({ code: "custom", path: ["count"], message: "count is for ping only" });
    if (b.kind !== "http" && b.path !== undefined) ctx.addIssue({ code: "custom", path: ["path"], message: "path is for http only" });
  });
export type ProbeBody = z.infer<typeof probeSchema>;

/** The body of `POST /api/labs/{id}/steps/{n}` (optional): the macvlan lab's parent, a host interface an admin picked. */
export const labStepSchema = z
  .object({
    parent: z.string().regex(/^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,15}$/, "not an interface name (1-15 letters, digits, '_', '.', '-')").optional(),
  })
  .strict();
export type LabStepBody = z.infer<typeof labStepSchema>;

// ------------------------------------------------------------------- logs

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, "a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min, `at least ${min}`).max(max, `at most ${max}`));
const flag = z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true");

/**
 * The query of `GET /api/containers/{ref}/logs` and `/api/services/{ref}/logs`:
 * `tail` (lines, 0..maxTail), `follow` (1/0), and for a followed stream
 * `since` (UNIX seconds, as a line's time: only lines from then), `maxLines` and `maxSeconds`.
 */
export const logsQuerySchema = z
  .object({
    tail: wholeNumber(0, LOG_LIMITS.maxTail).optional(),
    follow: flag.optional(),
    since: z
      .string()
      .regex(/^\d{1,10}(\.\d{1,9})?$/, "UNIX seconds (e.g. 1700000000.123456789)")
      .optional(),
    maxLines: wholeNumber(1, LOG_LIMITS.follow.maxLines).optional(),
    maxSeconds: wholeNumber(1, LOG_LIMITS.follow.maxSeconds).optional(),
  })
  .strict();

export type LogsQuery = z.output<typeof logsQuerySchema>;
