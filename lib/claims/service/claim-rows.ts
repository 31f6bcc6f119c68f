// What creating and editing a claim share: the claim's field columns, the product rows (with their conflict keys)
// and the MPN ID check.
import type { Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { ClaimValues } from "../claim-detail";
import { conflictKey } from "../conflicts";
import type { FieldError } from "../errors";
import type { Tx } from "./steps";

type ProductValue = NonNullable<ClaimValues["products"]>[number];

/** The Claim columns that hold a claim's fields (the lower-cased copies serve the prefix search's indexes). */
export function claimFieldColumns(values: Omit<ClaimValues, "products">) {
  return {
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
  };
}

export function productRows(tenantId: string, program: ClaimValues["program"], products: readonly ProductValue[]) {
  return products.map((product, position) => ({
    kind: product.kind,
    name: product.name,
    subscriptionId: product.kind === "DYNAMICS" ? product.subscriptionId : null,
    conflictKey: conflictKey(tenantId, program, product),
    position,
  }));
}

/** The one MPN ID rule: only an active MPN ID of the claim's own organization. */
function mpnIdProblems(location: { organizationId: string; retiredAt: Date | null } | null | undefined, organizationId: string, mpnId: string): FieldError[] {
  if (location?.organizationId !== organizationId) return [{ path: "mpnId", message: "Choose one of your organization's MPN IDs." }];
  if (location.retiredAt) return [{ path: "mpnId", message: `MPN ID ${mpnId} is retired: choose an active MPN ID of your organization.` }];
  return [];
}

/** A claim may only name an active MPN ID of its own organization (checked when the MPN ID is set or changed). */
export async function checkMpnId(tx: Tx | Db, organizationId: string, mpnId: string): Promise<FieldError[]> {
  const location = await tx.partnerLocation.findUnique({ where: { mpnId } });
  return mpnIdProblems(location, organizationId, mpnId);
}

/**
 * The same rule as checkMpnId for many rows (bulk import): the organization's MPN IDs are read once and each
 * row is checked against them.
 */
export async function mpnIdChecker(tx: Tx | Db, organizationId: string): Promise<(mpnId: string) => FieldError[]> {
  const locations = await tx.partnerLocation.findMany({ where: { organizationId }, select: { mpnId: true, organizationId: true, retiredAt: true } });
  const byId = new Map(locations.map((location) => [location.mpnId, location]));
  return (mpnId) => mpnIdProblems(byId.get(mpnId), organizationId, mpnId);
}
