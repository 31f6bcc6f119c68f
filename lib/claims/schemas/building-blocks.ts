// Building blocks of the claim schemas: text, GUID, version and time helpers. Internal to lib/claims/schemas/
// (index.ts does not re-export them), so that the public schema list stays the one the API documents.
import { z } from "zod";

/** Empty or whitespace-only text counts as "not given": an HTML form sends "" for every untouched field. */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

// [0-9a-fA-F] rather than the i flag: JSON Schema patterns carry no flags, and the OpenAPI document must accept
// the same upper-case GUIDs the server does.
export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const GUID_EXAMPLE = "00000000-0000-0000-0000-000000000000";

/** A GUID, trimmed and lower-cased so that the competing-claims keys compare equal however it was typed. */
export function guid(what: string) {
  const message = `Enter ${what} as a GUID, e.g. ${GUID_EXAMPLE}`;
  return z.string({ error: message }).trim().regex(GUID, { error: message }).toLowerCase();
}

/**
 * Text PostgreSQL cannot store: U+0000 (text refuses it) and a lone UTF-16 surrogate (JSON.stringify writes it as
 * "\ud800", which the history's jsonb payload refuses). Either would fail at the write as a 500 — both found by the
 * proof suite's bad-input fuzzing — so every text field refuses them here, next to its other checks. A refinement,
 * not a pattern, so the OpenAPI document is unchanged.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (value: string) => !value.includes("\u0000") && !LONE_SURROGATE.test(value);
export const NOT_STORABLE = { error: "Remove the NUL character (U+0000) or the unpaired surrogate from this text" };

/**
 * Single-line fields refuse \r and \n anywhere, even at the ends that trim would drop: a line break in a
 * name or an address is a paste accident or a header-injection attempt in the emails that quote it. Checked
 * before trim so that the JSON Schema (which sees the untrimmed input) refuses what the server refuses.
 */
export const SINGLE_LINE = /^[^\r\n]*$/;
export const SINGLE_LINE_MESSAGE = "Write this on one line: remove the line breaks";

/**
 * One line of text that must say something (names, titles): no line breaks, trimmed, at least one character.
 */
export function singleLineText(message: string, max: number, tooLong: string) {
  return z
    .string({ error: message })
    .refine(isStorableText, NOT_STORABLE)
    .regex(SINGLE_LINE, { error: SINGLE_LINE_MESSAGE })
    .trim()
    .regex(/\S/, { error: message })
    .max(max, { error: tooLong });
}

/**
 * Text that must say something: trimmed, then at least one character. Written as the pattern \S rather than
 * min(1) so that the JSON Schema (which sees the untrimmed input) refuses only-spaces text as the server does.
 */
export function requiredText(message: string, max: number, tooLong: string) {
  return z
    .string({ error: message })
    .refine(isStorableText, NOT_STORABLE)
    .trim()
    .regex(/\S/, { error: message })
    .max(max, { error: tooLong });
}

export function optionalText(max: number, tooLong: string) {
  return z.preprocess(blankToUndefined, z.string({ error: tooLong }).refine(isStorableText, NOT_STORABLE).trim().max(max, { error: tooLong }).optional());
}

/** Optional concurrency token of every action body (api-v1: same meaning as PATCH's If-Match). */
export const version = z
  .int({ error: "Send version as the whole number from the claim's ETag, e.g. 3" })
  .min(0, { error: "Send version as the whole number from the claim's ETag, e.g. 3" })
  .optional();

export const isoInstant = z.iso.datetime({ error: "Expected an ISO-8601 UTC time, e.g. 2026-01-31T09:30:00.000Z" });
