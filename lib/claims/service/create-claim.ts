// A partner creates a claim (EDITING): validated values, the organization's own MPN ID, products matching
// the solution area; the row and its CLAIM_CREATED event in one transaction.
import type { Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { fieldValues, type ClaimDetail } from "../claim-detail";
import { formatClaimNumber } from "../claim-number";
import { ClaimError } from "../errors";
import type { Actor } from "../lifecycle";
import { checkProducts, claimDraftSchema } from "../schemas";
import { checkMpnId, productRows } from "./claim-rows";
import { appendEvents, parseInput, reload, requirePartner, transaction, type ServiceOptions } from "./steps";

export async function createClaim(db: Db, actor: Actor, input: unknown, options: ServiceOptions = {}): Promise<ClaimDetail> {
  requirePartner(actor);
  const values = parseInput(claimDraftSchema, input);
  const now = options.now ?? new Date();
  const organizationId = actor.organizationId!;
  const problems = [...(await checkMpnId(db, organizationId, values.mpnId)), ...checkProducts(values.solutionArea, values.products ?? [])];
  if (problems.length) throw new ClaimError("VALIDATION", "The claim has invalid fields.", problems);
  const id = await transaction(db, async (tx) => {
    const claim = await tx.claim.create({
      data: {
        organizationId,
        createdById: actor.userId,
        mpnId: values.mpnId,
        program: values.program,
        activity: values.activity,
        solutionArea: values.solutionArea,
        customerTenantId: values.customer.tenantId,
        customerDomain: values.customer.domain,
        customerName: values.customer.name,
        customerNameLower: values.customer.name.toLowerCase(),
        customerDomainLower: values.customer.domain.toLowerCase(),
        customerContact: (values.customerContact ?? undefined) as Prisma.InputJsonValue | undefined,
        partnerContact: (values.partnerContact ?? undefined) as Prisma.InputJsonValue | undefined,
        commentary: values.commentary ?? "",
        createdAt: now,
        updatedAt: now,
        products: { create: productRows(values.customer.tenantId, values.program, values.products ?? []) },
      },
    });
    await appendEvents(tx, claim.id, actor, now, [
      {
        type: "CLAIM_CREATED",
        toStatus: "EDITING",
        data: { number: formatClaimNumber(claim.number), values: fieldValues(values) },
      },
    ]);
    return claim.id;
  });
  return reload(db, id);
}
