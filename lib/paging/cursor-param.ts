// The `cursor` query parameter of every keyset-paged list, apart from the codec (cursor.ts uses node:crypto):
// the query schemas and the OpenAPI document import this file, and some of them reach client bundles.
import { z } from "zod";

/** The longest cursor accepted: far above any real one (< 300 characters), short enough to refuse junk early. */
export const CURSOR_MAX_LENGTH = 512;

/** The zod field of a `cursor` query parameter (the same everywhere, for the OpenAPI document too). */
export const cursorParamSchema = z
  .string()
  .trim()
  .min(1)
  .max(CURSOR_MAX_LENGTH, { error: "Not a cursor of this API: pass the nextCursor of a previous page unchanged" })
  .meta({ description: "The `nextCursor` of the previous page (opaque). Keep the other parameters unchanged while paging." });
