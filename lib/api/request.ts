// Reading API requests: JSON bodies, query strings and If-Match, always ending in the api-v1 problem codes.
import type { z } from "zod";
import { ClaimError, isClaimError } from "../claims/errors";
import { fieldErrorsFromZod } from "../claims/schemas";
import { isStorableText } from "../claims/schemas/building-blocks";

/** JSON request bodies larger than this are refused (PoE files go to the streamed upload route instead). */
export const JSON_BODY_MAX_BYTES = 1024 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * The body as JSON. Empty means `{}` (actions such as submit need no body). Malformed JSON is not thrown
 * here but reported by `withJsonBody` at the body-validation step, so that api-v1's order holds
 * (an unknown or foreign claim is still 404, a wrong role still 403, before a 422 about the body).
 */
export async function readJsonBody(request: Request): Promise<JsonBody> {
  const text = await readText(request);
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    // Text PostgreSQL cannot store (U+0000, a lone surrogate) would fail at the INSERT as a 500: refused as a bad body.
    if (holdsUnstorableText(value)) {
      return { ok: false, message: "The request body holds the NUL character (\\u0000) or an unpaired surrogate (e.g. \\ud800), which no field accepts." };
    }
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: `The request body is not valid JSON (${(error as Error).message}). Send a JSON object.` };
  }
}

/** Whether any string (or key) of a parsed JSON value holds text PostgreSQL cannot store (see isStorableText). */
export function holdsUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return !isStorableText(value);
  if (value === null || typeof value !== "object" || depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => holdsUnstorableText(item, depth + 1));
  return Object.entries(value).some(([key, item]) => !isStorableText(key) || holdsUnstorableText(item, depth + 1));
}

async function readText(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > JSON_BODY_MAX_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new ClaimError("PAYLOAD_TOO_LARGE", `JSON request bodies are limited to ${JSON_BODY_MAX_BYTES / 1024 / 1024} MiB.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// Not an object: every request-body schema is a z.object, so this fails at the schema step with the body's
// other checks already behind it.
const NOT_JSON = "(the request body is not JSON)";

/**
 * Runs a use case with the body; when the body was not JSON, the use case's body validation fails on a
 * non-object and that VALIDATION is replaced by the JSON parser's clear message.
 */
export async function withJsonBody<T>(body: JsonBody, run: (input: unknown) => Promise<T>): Promise<T> {
  try {
    return await run(body.ok ? body.value : NOT_JSON);
  } catch (error) {
    if (!body.ok && isClaimError(error) && error.code === "VALIDATION") {
      throw new ClaimError("VALIDATION", body.message, [{ path: "", message: body.message }]);
    }
    throw error;
  }
}

/** Query parameters through a schema (first value of a repeated name); unknown names are ignored. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    // U+0000 cannot reach PostgreSQL (a search for it would be a 500): refused like any invalid parameter.
    if (value.includes("\u0000")) {
      throw new ClaimError("VALIDATION", "The query has invalid parameters.", [{ path: name, message: "Remove the NUL character (%00)." }]);
    }
    if (!(name in params)) params[name] = value;
  }
  const result = schema.safeParse(params);
  if (!result.success) {
    throw new ClaimError("VALIDATION", "The query has invalid parameters.", fieldErrorsFromZod(result.error));
  }
  return result.data;
}

export type IfMatch = { kind: "missing" } | { kind: "invalid"; raw: string } | { kind: "version"; version: number };

/** `If-Match: 3`, `"3"` or `W/"3"` → 3 (api-v1: the claim's version, bare or quoted as in its ETag). */
export function parseIfMatch(request: Request): IfMatch {
  const raw = request.headers.get("if-match");
  if (raw === null || raw.trim() === "") return { kind: "missing" };
  const match = /^(?:W\/)?(?:"(\d{1,9})"|(\d{1,9}))$/.exec(raw.trim());
  if (!match) return { kind: "invalid", raw };
  return { kind: "version", version: Number(match[1] ?? match[2]) };
}

/** Content-Length as a number, when the client declared one. */
export function declaredLength(request: Request): number | undefined {
  const raw = request.headers.get("content-length");
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
}
