// Organization administration (docs/domain.md Administration): admins create organizations, rename them, add
// MPN IDs (partner locations) and retire them. Same use cases for the admin page and `/api/v1/organizations`.
// Check order: role 403 → body 422 → visibility 404 → MPN ID guards (409 taken by another organization,
// 422 not this organization's).
import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import { ClaimError } from "../claims/errors";
import type { Actor } from "../claims/lifecycle";
import { fieldErrorsFromZod } from "../claims/schemas";
import { isStorableText } from "../claims/schemas/building-blocks";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { organizationCreateSchema, organizationPatchSchema, type OrganizationResource } from "./organization-schemas";
import { requireAdmin } from "./users";

type Tx = Prisma.TransactionClient;

const withLocations = { locations: { select: { mpnId: true, retiredAt: true }, orderBy: { mpnId: "asc" } } } as const;

type OrganizationRow = { id: string; name: string; locations: { mpnId: string; retiredAt: Date | null }[] };

export function organizationResource(row: OrganizationRow): OrganizationResource {
  return { id: row.id, name: row.name, mpnIds: row.locations.map((l) => ({ mpnId: l.mpnId, active: l.retiredAt === null })) };
}

export async function listOrganizations(db: Db, actor: Actor) {
  requireAdmin(actor);
  return db.organization.findMany({ include: withLocations, orderBy: { name: "asc" } });
}

/** MPN IDs are unique across organizations: one already used elsewhere is a conflict, named in `errors`. */
async function addLocations(tx: Tx, organizationId: string, organizationName: string, mpnIds: readonly string[], path: string) {
  if (mpnIds.length === 0) return [];
  const existing = await tx.partnerLocation.findMany({ where: { mpnId: { in: [...mpnIds] } } });
  const elsewhere = existing.filter((l) => l.organizationId !== organizationId);
  if (elsewhere.length > 0) {
    throw new ClaimError(
      "CONFLICT",
      "An MPN ID belongs to another organization.",
      elsewhere.map((l) => ({ path, message: `MPN ID ${l.mpnId} belongs to another organization` })),
    );
  }
  // Adding a retired MPN ID of this organization again makes it active again.
  const retired = existing.filter((l) => l.retiredAt !== null).map((l) => l.mpnId);
  if (retired.length > 0) await tx.partnerLocation.updateMany({ where: { organizationId, mpnId: { in: retired } }, data: { retiredAt: null } });
  const fresh = mpnIds.filter((id) => !existing.some((l) => l.mpnId === id));
  await tx.partnerLocation.createMany({ data: fresh.map((mpnId) => ({ organizationId, mpnId, name: `${organizationName} ${mpnId}` })) });
  return [...retired, ...fresh];
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

function conflictOnRace(error: unknown): never {
  // Two admins adding the same MPN ID at once: the unique index decides.
  if (isUniqueViolation(error)) throw new ClaimError("CONFLICT", "An MPN ID was added elsewhere at the same time. Reload and try again.");
  throw error;
}

export async function createOrganization(db: Db, actor: Actor, input: unknown, now = new Date()) {
  requireAdmin(actor);
  const parsed = organizationCreateSchema.safeParse(input);
  if (!parsed.success) throw new ClaimError("VALIDATION", "The organization is not valid.", fieldErrorsFromZod(parsed.error));
  const { name, mpnIds } = parsed.data;
  return db
    .$transaction(async (tx) => {
      const org = await tx.organization.create({ data: { name, createdAt: now } });
      const added = await addLocations(tx, org.id, name, mpnIds, "mpnIds");
      await recordAuditEvent(tx, {
        type: "ORGANIZATION_CHANGED",
        actor,
        organizationId: org.id,
        at: now,
        data: { name, created: true, addedMpnIds: added, retiredMpnIds: [] },
      });
      return tx.organization.findUniqueOrThrow({ where: { id: org.id }, include: withLocations });
    })
    .catch(conflictOnRace);
}

/**
 * Renames, adds MPN IDs, retires MPN IDs. Retiring keeps the row (claims already filed still name it); a
 * retired MPN ID is refused on a new claim or an edit (lib/claims/service/claim-rows.ts checkMpnId).
 */
export async function updateOrganization(db: Db, actor: Actor, organizationId: string, input: unknown, now = new Date()) {
  requireAdmin(actor);
  const parsed = organizationPatchSchema.safeParse(input);
  if (!parsed.success) throw new ClaimError("VALIDATION", "The change is not valid.", fieldErrorsFromZod(parsed.error));
  const patch = parsed.data;
  // An id holding U+0000 names no organization (PostgreSQL text cannot hold it): the same answer as a missing one.
  if (!isStorableText(organizationId)) throw new ClaimError("NOT_FOUND", "No such organization.");
  return db
    .$transaction(async (tx) => {
      // Lock the organization row: concurrent changes to one organization apply one after the other.
      const locked = await tx.$queryRaw<{ id: string; name: string }[]>`
        SELECT "id", "name" FROM "Organization" WHERE "id" = ${organizationId} FOR UPDATE`;
      const current = locked[0];
      if (!current) throw new ClaimError("NOT_FOUND", "No such organization.");
      const retire = patch.retireMpnIds ?? [];
      const own = await tx.partnerLocation.findMany({ where: { organizationId, mpnId: { in: retire } } });
      const unknown = retire.filter((id) => !own.some((l) => l.mpnId === id));
      if (unknown.length > 0) {
        throw new ClaimError(
          "VALIDATION",
          "Only this organization's MPN IDs can be retired.",
          unknown.map((id) => ({ path: "retireMpnIds", message: `MPN ID ${id} is not one of this organization's` })),
        );
      }
      const name = patch.name ?? current.name;
      if (name !== current.name) await tx.organization.update({ where: { id: organizationId }, data: { name } });
      const added = await addLocations(tx, organizationId, name, patch.addMpnIds ?? [], "addMpnIds");
      const toRetire = own.filter((l) => l.retiredAt === null).map((l) => l.mpnId);
      if (toRetire.length > 0) {
        await tx.partnerLocation.updateMany({ where: { organizationId, mpnId: { in: toRetire }, retiredAt: null }, data: { retiredAt: now } });
      }
      const renamed = name !== current.name ? { from: current.name, to: name } : undefined;
      if (renamed || added.length > 0 || toRetire.length > 0) {
        await recordAuditEvent(tx, {
          type: "ORGANIZATION_CHANGED",
          actor,
          organizationId,
          at: now,
          data: { name, created: false, ...(renamed ? { renamed } : {}), addedMpnIds: added, retiredMpnIds: toRetire },
        });
      }
      return tx.organization.findUniqueOrThrow({ where: { id: organizationId }, include: withLocations });
    })
    .catch(conflictOnRace);
}
