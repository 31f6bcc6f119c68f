// Competing claims (domain.md): a claim holds one key per product while it is active. Keys are stored on
// ClaimProduct.conflictKey (indexed) so finding competitors is an index lookup, not a scan.
import type { Program } from "./catalogue";

export interface ProductForKey {
  kind: "WORKLOAD" | "DYNAMICS";
  name: string;
  subscriptionId?: string | null;
}

/** (tenant, program, workload) for Modern Work; (tenant, program, Dynamics subscription) for Business Applications. */
export function conflictKey(tenantId: string, program: Program, product: ProductForKey): string {
  const tenant = tenantId.toLowerCase();
  return product.kind === "WORKLOAD"
    ? `${tenant}|${program}|workload:${product.name}`
    : `${tenant}|${program}|subscription:${(product.subscriptionId ?? "").toLowerCase()}`;
}
