// User administration (docs/domain.md Administration): admins list, create, rename, change the role of,
// deactivate and reactivate users. Same use cases for the admin pages and `/api/v1/users`.
// Check order: role 403 → body 422 → visibility 404 → family rule 422 → last admin 409.
import "server-only";
import type { UserRole } from "../claims/catalogue";
import { ClaimError } from "../claims/errors";
import type { Actor } from "../claims/lifecycle";
import { fieldErrorsFromZod } from "../claims/schemas";
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event";
import { issuePasswordLink } from "../auth/password-links";
import {
  sameRoleFamily,
  userCreateSchema,
  userListQuerySchema,
  userPatchSchema,
  type UserResource,
} from "./user-schemas";

type UserActor = Extract<Actor, { kind: "user" }>;

const LIST_LIMIT = 500;

export function requireAdmin(actor: Actor): asserts actor is UserActor {
  if (actor.kind !== "user" || actor.role !== "ADMIN") throw new ClaimError("FORBIDDEN", "Only administrators manage users and organizations.");
}

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  organizationId: string | null;
  active: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
};

export function userResource(row: UserRow): UserResource {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as UserRole,
    organizationId: row.organizationId,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  };
}

/** Every user matching `q` (a case-insensitive part of the email or name), admins first by email. */
export async function listUsers(db: Db, actor: Actor, rawQuery: unknown = {}) {
  requireAdmin(actor);
  const parsed = userListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw new ClaimError("VALIDATION", "The query has invalid parameters.", fieldErrorsFromZod(parsed.error));
  const { q, active } = parsed.data;
  return db.user.findMany({
    where: {
      ...(q ? { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] } : {}),
      ...(active ? { active: active === "true" } : {}),
    },
    include: { organization: { select: { id: true, name: true } } },
    orderBy: { email: "asc" },
    take: LIST_LIMIT,
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const DUPLICATE_EMAIL = () =>
  new ClaimError("CONFLICT", "A user with this email already exists.", [{ path: "email", message: "A user with this email already exists" }]);

/** Creates a user and emails them a single-use link to set their password (72 h), in one transaction. */
export async function createUser(db: Db, actor: Actor, input: unknown, now = new Date()) {
  requireAdmin(actor);
  const parsed = userCreateSchema.safeParse(input);
  if (!parsed.success) throw new ClaimError("VALIDATION", "The user is not valid.", fieldErrorsFromZod(parsed.error));
  const data = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      if (data.organizationId) {
        const org = await tx.organization.findUnique({ where: { id: data.organizationId } });
        if (!org) {
          throw new ClaimError("VALIDATION", "The organization does not exist.", [
            { path: "organizationId", message: "Choose an existing organization" },
          ]);
        }
      }
      if (await tx.user.findUnique({ where: { email: data.email } })) throw DUPLICATE_EMAIL();
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, role: data.role, organizationId: data.organizationId ?? null, createdAt: now },
      });
      await issuePasswordLink(tx, user, "SET", now);
      await recordAuditEvent(tx, {
        type: "USER_CREATED",
        actor,
        organizationId: user.organizationId,
        at: now,
        data: { userId: user.id, email: user.email, name: user.name, role: user.role, organizationId: user.organizationId },
      });
      return user;
    });
  } catch (error) {
    // Two admins creating the same email at once: the unique index decides.
    if (isUniqueViolation(error)) throw DUPLICATE_EMAIL();
    throw error;
  }
}

/**
 * Renames, changes the role of, deactivates or reactivates a user. A role change or deactivation bumps
 * sessionVersion: every session of the user ends at its next request (lib/auth/session.ts), and a
 * deactivated user's API keys stop at once (authenticateApiKey reads `active`).
 */
export async function updateUser(db: Db, actor: Actor, userId: string, input: unknown, now = new Date()) {
  requireAdmin(actor);
  const parsed = userPatchSchema.safeParse(input);
  if (!parsed.success) throw new ClaimError("VALIDATION", "The change is not valid.", fieldErrorsFromZod(parsed.error));
  const patch = parsed.data;
  return db.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id: userId } });
    if (!current) throw new ClaimError("NOT_FOUND", "No such user.");
    const role = patch.role ?? (current.role as UserRole);
    const active = patch.active ?? current.active;
    if (!sameRoleFamily(current.role as UserRole, role)) {
      throw new ClaimError("VALIDATION", "A role changes only within the partner roles or within the staff roles.", [
        { path: "role", message: "Partner users stay partner users and staff stays staff: create a new user instead" },
      ]);
    }
    const leavesAdmins = current.role === "ADMIN" && current.active && (role !== "ADMIN" || !active);
    if (leavesAdmins) {
      // Lock every active admin row, so two admins demoting each other at once cannot both pass the count.
      const admins = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "User" WHERE "role" = 'ADMIN' AND "active" ORDER BY "id" FOR UPDATE`;
      if (admins.filter((a) => a.id !== userId).length === 0) {
        throw new ClaimError("CONFLICT", "This is the last active administrator: make another user an administrator first.");
      }
    }
    const endsSessions = role !== current.role || active !== current.active;
    const updated = await tx.user.updateMany({
      where: { id: userId, role: current.role, active: current.active, name: current.name },
      data: {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        role,
        active,
        ...(endsSessions ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    if (updated.count === 0) throw new ClaimError("CONFLICT", "The user was changed at the same time. Reload and try again.");
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    const base = { actor, organizationId: user.organizationId, at: now } as const;
    const ref = { userId: user.id, email: user.email };
    if (current.active && !user.active) await recordAuditEvent(tx, { ...base, type: "USER_DEACTIVATED", data: ref });
    const changes = {
      ...(current.role !== user.role ? { role: { from: current.role, to: user.role } } : {}),
      ...(current.name !== user.name ? { name: { from: current.name, to: user.name } } : {}),
      ...(!current.active && user.active ? { active: { from: false, to: true } } : {}),
    };
    if (Object.keys(changes).length > 0) await recordAuditEvent(tx, { ...base, type: "USER_CHANGED", data: { ...ref, changes } });
    return { before: current, user };
  });
}
