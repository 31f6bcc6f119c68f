// Small reads for the partner-facing claim pages that no use case covers: which partner locations (MPN IDs)
// the signed-in partner may file a claim for, and the organization a claim belongs to (shown to reviewers
// and admins). Visibility of the claim itself is findVisibleClaim's job.
import type { Db } from "../db";
import type { Actor } from "./lifecycle";
import { isPartner } from "./policy";

export interface PartnerLocationOption {
  mpnId: string;
  name: string;
}

/**
 * The actor's own organization's active locations; [] for anyone who is not a partner user. `current`: the
 * MPN ID a claim being edited already names, listed even when retired so the form does not change it unasked.
 */
export async function listPartnerLocations(db: Db, actor: Actor, current?: string): Promise<PartnerLocationOption[]> {
  if (actor.kind !== "user" || !isPartner(actor) || !actor.organizationId) return [];
  return db.partnerLocation.findMany({
    where: { organizationId: actor.organizationId, OR: [{ retiredAt: null }, ...(current ? [{ mpnId: current }] : [])] },
    orderBy: { mpnId: "asc" },
    select: { mpnId: true, name: true },
  });
}

export async function organizationNameOf(db: Db, organizationId: string): Promise<string> {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
  return organization?.name ?? "";
}
