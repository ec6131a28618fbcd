/** Reads a JSON request body: JSON only, bounded in size, validated by a zod schema. */
import type { z } from "zod";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;

async function readBounded(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new ApiError("payload_too_large", `The body is larger than ${limit} bytes.`);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ApiError("payload_too_large", `The body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Formats zod issues as "field: message; field: message". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/** `maxBytes`: a larger bound for a route whose bodies are larger by nature (a saved view's positions); 64 KiB otherwise. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes: number = MAX_BODY_BYTES): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  const text = await readBounded(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError("invalid_input", "The body is not valid JSON.");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError("invalid_input", `Invalid input: ${describeIssues(parsed.error)}.`);
  return parsed.data as z.infer<S>;
}
