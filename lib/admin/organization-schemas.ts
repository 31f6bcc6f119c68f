// Request and resource shapes of organization administration (docs/api.md: `organizations`), shared by the
// admin page, its server actions and the REST API.
import { z } from "zod";
import { mpnIdSchema } from "../claims/schemas";
import { isStorableText, NOT_STORABLE } from "../claims/schemas/building-blocks";

const nameSchema = z
  .string({ error: "Enter the organization's name" })
  .trim()
  .min(1, { error: "Enter the organization's name" })
  .max(200, { error: "Shorten the name to 200 characters or fewer" })
  .refine((value) => !/[\r\n]/.test(value), { error: "A name is one line" })
  .refine(isStorableText, NOT_STORABLE);

const mpnIdList = z
  .array(mpnIdSchema)
  .max(100, { error: "At most 100 MPN IDs at a time" })
  .refine((ids) => new Set(ids).size === ids.length, { error: "List each MPN ID once" });

export const organizationCreateSchema = z
  .object({ name: nameSchema, mpnIds: mpnIdList.default([]) })
  .meta({ id: "OrganizationCreate" });

export const organizationPatchSchema = z
  .object({ name: nameSchema.optional(), addMpnIds: mpnIdList.optional(), retireMpnIds: mpnIdList.optional() })
  .refine((v) => v.name !== undefined || (v.addMpnIds?.length ?? 0) > 0 || (v.retireMpnIds?.length ?? 0) > 0, {
    error: "Send at least one of name, addMpnIds, retireMpnIds",
  })
  .meta({ id: "OrganizationPatch" });

export const organizationResourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    mpnIds: z.array(z.object({ mpnId: z.string(), active: z.boolean() })),
  })
  .meta({ id: "Organization" });
export type OrganizationResource = z.infer<typeof organizationResourceSchema>;

export const organizationListResponseSchema = z
  .object({ items: z.array(organizationResourceSchema) })
  .meta({ id: "OrganizationList" });
