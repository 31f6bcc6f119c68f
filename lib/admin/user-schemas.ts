// Request and resource shapes of user administration (docs/api.md: `users`), shared by the admin pages, the
// server actions and the REST API so the three refuse the same input.
import { z } from "zod";
import { PARTNER_ROLES, USER_ROLES, type UserRole } from "../claims/catalogue";
import { isStorableText, NOT_STORABLE } from "../claims/schemas/building-blocks";

export const USER_NAME_MAX = 100;

/** Emails are stored lower-cased: sign-in matches them that way (lib/auth/options.ts). */
export const userEmailSchema = z
  .string({ error: "Enter an email address, e.g. name@example.com" })
  .trim()
  .toLowerCase()
  .max(254, { error: "Enter an email address of at most 254 characters" })
  .check(z.email({ error: "Enter an email address, e.g. name@example.com" }));

const nameSchema = z
  .string({ error: "Enter the user's name" })
  .trim()
  .min(1, { error: "Enter the user's name" })
  .max(USER_NAME_MAX, { error: `Shorten the name to ${USER_NAME_MAX} characters or fewer` })
  .refine((value) => !/[\r\n]/.test(value), { error: "A name is one line" })
  .refine(isStorableText, NOT_STORABLE);

const roleSchema = z.enum(USER_ROLES, { error: `Choose a role: ${USER_ROLES.join(", ")}` });

export function isPartnerRole(role: UserRole): boolean {
  return PARTNER_ROLES.includes(role);
}

/** Partner roles and staff roles are two families; a user's role may change only within its family. */
export function sameRoleFamily(a: UserRole, b: UserRole): boolean {
  return isPartnerRole(a) === isPartnerRole(b);
}

export const userCreateSchema = z
  .object({
    email: userEmailSchema,
    name: nameSchema,
    role: roleSchema,
    organizationId: z.string().trim().min(1).refine(isStorableText, NOT_STORABLE).nullish(),
  })
  .superRefine((value, ctx) => {
    if (isPartnerRole(value.role) && !value.organizationId) {
      ctx.addIssue({ code: "custom", path: ["organizationId"], message: "Choose the partner organization of this user" });
    }
    if (!isPartnerRole(value.role) && value.organizationId) {
      ctx.addIssue({ code: "custom", path: ["organizationId"], message: "Reviewers and admins belong to no organization" });
    }
  })
  .meta({ id: "UserCreate" });
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userPatchSchema = z
  .object({ role: roleSchema.optional(), name: nameSchema.optional(), active: z.boolean().optional() })
  .refine((value) => value.role !== undefined || value.name !== undefined || value.active !== undefined, {
    error: "Send at least one of role, name, active",
  })
  .meta({ id: "UserPatch" });
export type UserPatch = z.infer<typeof userPatchSchema>;

export const userListQuerySchema = z.object({
  q: z.string().trim().max(254).refine(isStorableText, NOT_STORABLE).optional(),
  active: z.enum(["true", "false"]).optional(),
});

export const userResourceSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    organizationId: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable(),
  })
  .meta({ id: "User" });
export type UserResource = z.infer<typeof userResourceSchema>;

export const userListResponseSchema = z.object({ items: z.array(userResourceSchema) }).meta({ id: "UserList" });
