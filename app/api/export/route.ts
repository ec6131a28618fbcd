import { z } from "zod";
import { describeIssues } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/with-api";
import { exportOp, EXPORT_FORMATS } from "@/lib/server/export";

const list = z.string().max(4000).optional();
const querySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    // The page's filter parameters (lib/graph/filter-url.ts), so a script exports what a link shows.
    net: list,
    driver: list,
    project: list,
    state: list,
    hidePredefined: z.enum(["0", "1", "true", "false"]).optional(),
  })
  .strict();

/**
 * GET /api/export?format=json|mermaid|markdown[&net=&driver=&project=&state=&hidePredefined=]:
 * what the page shows under that filter, as the topology's JSON (the API's
 * own answer), a Mermaid flowchart or a Markdown report, as a download.
 */
export const GET = withApi({ access: "read" }, async ({ request, session }) => {
  const params = new URL(request.url).searchParams;
  // Checked and used alike: a repeated parameter would be checked in one copy and used in another.
  const repeated = [...new Set(params.keys())].find((k) => params.getAll(k).length > 1);
  if (repeated !== undefined) throw new ApiError("invalid_input", `Invalid query: "${repeated.slice(0, 40)}" is given more than once.`);
  const parsed = querySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new ApiError("invalid_input", `Invalid query: ${describeIssues(parsed.error)}.`);
  const { body, contentType, filename } = await exportOp(session, parsed.data.format, params);
  return new Response(body, {
    headers: { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
});
