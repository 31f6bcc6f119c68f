// Bulk import (POST /claims/import): the query and the answers, as the route and the OpenAPI document use them.
import { z } from "zod";

export const importQuerySchema = z.object({
  dryRun: z
    .enum(["true", "false"], { error: "dryRun is true or false" })
    .optional()
    .describe("`true`: check every row and write nothing. Absent or `false`: create every row, all or nothing."),
});

const rowErrorSchema = z.object({ path: z.string().describe("The row's column, e.g. `customer.tenantId`."), message: z.string() });

export const importDryRunResponseSchema = z
  .object({
    rows: z.array(z.object({ line: z.int().describe("The file's line (the header is line 1)."), ok: z.boolean(), errors: z.array(rowErrorSchema) })),
    valid: z.int(),
    invalid: z.int(),
  })
  .meta({ id: "ImportDryRun" });

export const importCreatedResponseSchema = z
  .object({ created: z.array(z.object({ line: z.int(), id: z.string(), number: z.string() })) })
  .meta({ id: "ImportCreated" });
