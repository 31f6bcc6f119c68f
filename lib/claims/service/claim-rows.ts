// What creating and editing a claim share: the product rows (with their conflict keys) and the MPN ID check.
import type { Db } from "../../db";
import type { ClaimValues } from "../claim-detail";
import { conflictKey } from "../conflicts";
import type { FieldError } from "../errors";
import type { Tx } from "./steps";

type ProductValue = NonNullable<ClaimValues["products"]>[number];

export function productRows(tenantId: string, program: ClaimValues["program"], products: readonly ProductValue[]) {
  return products.map((product, position) => ({
    kind: product.kind,
    name: product.name,
    subscriptionId: product.kind === "DYNAMICS" ? product.subscriptionId : null,
    conflictKey: conflictKey(tenantId, program, product),
    position,
  }));
}

/** A claim may only name an active MPN ID of its own organization (checked when the MPN ID is set or changed). */
export async function checkMpnId(tx: Tx | Db, organizationId: string, mpnId: string): Promise<FieldError[]> {
  const location = await tx.partnerLocation.findUnique({ where: { mpnId } });
  if (location?.organizationId !== organizationId) return [{ path: "mpnId", message: "Choose one of your organization's MPN IDs." }];
  if (location.retiredAt) return [{ path: "mpnId", message: `MPN ID ${mpnId} is retired: choose an active MPN ID of your organization.` }];
  return [];
}
