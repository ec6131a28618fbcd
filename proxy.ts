/**
 * Runs before Next routes a request, and does one thing no route handler
 * can: a path whose percent-escapes do not decode (`/api/networks/%zz`)
 * fails in Next's router before any handler runs, as a bare 500. It gets a
 * 400 with the usual error JSON instead. Every other check is the route's
 * own door (lib/api/with-api.ts): a proxy is never the only check.
 */
import { NextResponse, type NextRequest } from "next/server";
import type { ErrorBody } from "./lib/api/errors";
import { pathDecodes } from "./lib/api/path";

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  if (pathDecodes(pathname)) return NextResponse.next();
  const body: ErrorBody = { error: { message: "The path has a malformed percent-escape (such as %zz or a cut UTF-8 sequence).", code: "invalid_input" } };
  return NextResponse.json(body, { status: 400 });
}

export const config = {
  // Only paths with a percent sign: a proxy makes Next copy each request body for it, which the rest need not pay.
  matcher: "/:path(.*%.*)",
};
