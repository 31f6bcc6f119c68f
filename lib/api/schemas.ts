// The few API shapes that are envelopes around lib/claims/schemas.ts (lists, the dispute query, the consent
// answer). Same rule as there: zod with a `.meta({ id })`, so the OpenAPI document is generated from them.
import { z } from "zod";
import { DISPUTE_STATUSES, USER_ROLES } from "../claims/catalogue";
import { blankToUndefined } from "../claims/schemas/building-blocks";
import { THREAD_PAGE_SIZE } from "../claims/schemas/limits";
import { cursorParamSchema } from "../paging/cursor-param";
import {
  claimNumberSchema,
  emailSchema,
  mpnIdSchema,
  commentResourceSchema,
  conflictItemSchema,
  disputeListItemSchema,
  historyItemSchema,
} from "../claims/schemas";

const nextCursorSchema = z
  .string()
  .nullable()
  .meta({ description: "Pass as `cursor` (with the same other parameters) for the next page; null on the last page." });

/** Keyset paging of a claim's history and comments and of the dispute list: 200 items a page by default. */
const threadPaging = {
  cursor: z.preprocess(blankToUndefined, cursorParamSchema.optional()),
  pageSize: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Ask for 1 to ${THREAD_PAGE_SIZE} items per page` })
      .int({ error: `Ask for 1 to ${THREAD_PAGE_SIZE} items per page` })
      .min(1, { error: `Ask for 1 to ${THREAD_PAGE_SIZE} items per page` })
      .max(THREAD_PAGE_SIZE, { error: `Ask for 1 to ${THREAD_PAGE_SIZE} items per page` })
      .default(THREAD_PAGE_SIZE),
  ),
};

export const threadQuerySchema = z
  .object(threadPaging)
  .meta({ id: "ThreadQuery", description: "Paging of a claim's history or comments (oldest first)." });
export type ThreadQuery = z.infer<typeof threadQuerySchema>;

export const disputeListQuerySchema = z
  .object({
    status: z.preprocess(
      blankToUndefined,
      z.enum(DISPUTE_STATUSES, { error: `Filter status by one of: ${DISPUTE_STATUSES.join(", ")}` }).optional(),
    ),
    ...threadPaging,
  })
  .meta({ id: "DisputeListQuery", description: "Query parameters of GET /disputes; without status, every dispute." });

export const disputeListResponseSchema = z
  .object({ items: z.array(disputeListItemSchema), nextCursor: nextCursorSchema })
  .meta({ id: "DisputeList", description: "Disputes, oldest first, each with its claim's id and number." });

export const commentListResponseSchema = z
  .object({ items: z.array(commentResourceSchema), nextCursor: nextCursorSchema })
  .meta({ id: "CommentList", description: "A claim's comment thread, oldest first." });

export const historyResponseSchema = z
  .object({ items: z.array(historyItemSchema), nextCursor: nextCursorSchema })
  .meta({ id: "History", description: "A claim's history, oldest first." });

export const conflictListResponseSchema = z
  .object({ items: z.array(conflictItemSchema) })
  .meta({ id: "ConflictList", description: "Other active claims that hold one of this claim's competing-claim keys." });

export const consentDenyResultSchema = z
  .object({
    denied: z.literal(true),
    claimNumber: claimNumberSchema,
  })
  .meta({ id: "ConsentDenyResult", description: "The customer's denial was recorded; the claim is rejected." });

export const meResourceSchema = z
  .object({
    id: z.string(),
    email: emailSchema,
    name: z.string(),
    role: z.enum(USER_ROLES),
    // No per-user language is stored yet: every user reads the API's messages in English.
    language: z.string().meta({ description: "The user's language (BCP 47), e.g. en." }),
    organization: z
      .object({
        id: z.string(),
        name: z.string(),
        mpnIds: z.array(
          z.object({
            mpnId: mpnIdSchema,
            active: z.boolean().meta({ description: "Whether new claims may name this MPN ID." }),
          }),
        ),
      })
      .nullable()
      .meta({ description: "The partner organization and its MPN IDs; null for reviewers and admins." }),
  })
  .meta({ id: "Me", description: "The user an API key acts as, with their organization's MPN IDs." });

export type MeResource = z.infer<typeof meResourceSchema>;
