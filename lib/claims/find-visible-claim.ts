// "May this actor see this claim?" for one claim, as the use cases and the read side ask it. One function,
// so that the rule of who sees what (lib/claims/policy.ts) has one place to be applied to a single claim.
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { claimDetailInclude, type ClaimDetail } from "./claim-detail";
import { ClaimError } from "./errors";
import type { Actor } from "./lifecycle";
import { canViewClaim } from "./policy";

/** The claim if the actor may see it; NOT_FOUND otherwise (another organization's claim looks missing). */
export async function findVisibleClaim(db: Db | Prisma.TransactionClient, actor: Actor, claimId: string): Promise<ClaimDetail> {
  const claim = await db.claim.findUnique({ where: { id: claimId }, include: claimDetailInclude });
  if (!claim || !canViewClaim(actor, claim)) throw new ClaimError("NOT_FOUND", "Claim not found.");
  return claim;
}
