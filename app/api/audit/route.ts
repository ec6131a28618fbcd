import { z } from "zod";
import { describeIssues } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/with-api";
import { auditCsv, auditJsonLines, MAX_AUDIT_LIMIT } from "@/lib/auth/audit";
import type { AuditBody } from "@/lib/auth/types";

const when = z.string().max(40).refine((s) => Number.isFinite(Date.parse(s)), "a date and time (ISO 8601)");
const querySchema = z
  .object({
    engine: z.string().max(64).optional(),
    actor: z.string().max(140).optional(),
    action: z.string().max(64).optional(),
    since: when.optional(),
    until: when.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIMIT).optional(),
    format: z.enum(["json", "csv", "jsonl"]).optional(),
  })
  .strict();

/**
 * GET /api/audit?engine=&actor=&action=&since=&until=&limit=&format=json|csv|jsonl:
 * the audit trail, newest first. Admins see every entry; everyone else only
 * their own (and their tokens').
 */
export const GET = withApi({ access: "read", scope: "none" }, async ({ request, actor, auth }) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new ApiError("invalid_input", `Invalid query: ${describeIssues(parsed.error)}.`);
  const { format = "json", ...query } = parsed.data;
  const owner = actor.name.split("/")[0] ?? actor.name;
  const entries = auth.audit.list(actor.role === "admin" ? query : { ...query, owner });
  if (format === "csv") {
    return new Response(auditCsv(entries), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="cnmap-audit.csv"', "Cache-Control": "no-store" } });
  }
  if (format === "jsonl") {
    return new Response(auditJsonLines(entries), { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Content-Disposition": 'attachment; filename="cnmap-audit.jsonl"', "Cache-Control": "no-store" } });
  }
  const body: AuditBody = { entries };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
