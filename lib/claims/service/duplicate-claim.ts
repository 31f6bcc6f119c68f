// A partner copies any claim of its organization, in any status, into a new draft (docs/domain.md "Partner
// tools"): MPN ID, program, activity, solution area, customer, both contacts and products; never the commentary,
// files, comments or history. The copy goes through createClaim, so it meets exactly the rules of a new claim
// (a retired or foreign MPN ID is refused 422 there).
import type { Db } from "../../db";
import { claimValuesOf, type ClaimDetail } from "../claim-detail";
import { findVisibleClaim } from "../find-visible-claim";
import type { Actor } from "../lifecycle";
import { createClaim } from "./create-claim";
import { requirePartner, type ServiceOptions } from "./steps";

export async function duplicateClaim(db: Db, actor: Actor, claimId: string, options: ServiceOptions = {}): Promise<ClaimDetail> {
  const source = await findVisibleClaim(db, actor, claimId);
  requirePartner(actor);
  const { commentary: _notCopied, ...values } = claimValuesOf(source);
  return createClaim(db, actor, values, options);
}
