// "May this actor see this claim?" for one claim, as the use cases and the read side ask it. The rule is
// visibility.ts's: the lookup filters by the actor's scope in SQL, so another organization's claim is never
// even loaded, and a scope that sees nothing answers without a query.
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { claimDetailInclude, type ClaimDetail } from "./claim-detail";
import { ClaimError } from "./errors";
import type { Actor } from "./lifecycle";
import { visibilityScope, visibilityWhere } from "./visibility";
import { canReadNotes } from "./policy";

/** The claim if the actor may see it; NOT_FOUND otherwise (another organization's claim looks missing). */
export async function findVisibleClaim(db: Db | Prisma.TransactionClient, actor: Actor, claimId: string): Promise<ClaimDetail> {
  const scope = visibilityWhere(visibilityScope(actor));
  const claim = scope
    ? await db.claim.findFirst({ where: { AND: [{ id: claimId }, scope] }, include: claimDetailInclude })
    : null;
  if (!claim) throw new ClaimError("NOT_FOUND", "Claim not found.");
  return claim;
}

/** The claim whose internal notes the actor asks for: visibility first, then partners are told nothing exists. */
export async function findClaimForNotes(db: Db, actor: Actor, claimId: string): Promise<ClaimDetail> {
  const claim = await findVisibleClaim(db, actor, claimId);
  if (!canReadNotes(actor)) throw new ClaimError("NOT_FOUND", "Claim not found.");
  return claim;
}
