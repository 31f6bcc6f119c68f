// A partner creates a claim (EDITING): validated values, the organization's own MPN ID, products matching
// the solution area; the row and its CLAIM_CREATED event in one transaction.
import type { Db } from "../../db";
import { fieldValues, type ClaimDetail } from "../claim-detail";
import { formatClaimNumber } from "../claim-number";
import { ClaimError } from "../errors";
import type { Actor } from "../lifecycle";
import { checkProducts, claimDraftSchema } from "../schemas";
import type { ClaimDraft } from "../schemas";
import { checkMpnId, claimFieldColumns, productRows } from "./claim-rows";
import { appendEventsOfClaims, parseInput, reload, requirePartner, transaction, type ServiceOptions, type Tx, type UserActor } from "./steps";

export async function createClaim(db: Db, actor: Actor, input: unknown, options: ServiceOptions = {}): Promise<ClaimDetail> {
  requirePartner(actor);
  const values = parseInput(claimDraftSchema, input);
  const now = options.now ?? new Date();
  const organizationId = actor.organizationId!;
  const problems = [...(await checkMpnId(db, organizationId, values.mpnId)), ...checkProducts(values.solutionArea, values.products ?? [])];
  if (problems.length) throw new ClaimError("VALIDATION", "The claim has invalid fields.", problems);
  const id = await transaction(db, async (tx) => (await insertClaims(tx, actor, [values], now))[0].id);
  return reload(db, id);
}

/**
 * Inserts validated new claims (EDITING) with their products and CLAIM_CREATED events, in the caller's
 * transaction: one claim from the form or the API, or every row of a bulk import (three statements per
 * batch instead of three per claim). The values must have passed claimDraftSchema and the checks above.
 */
export async function insertClaims(
  tx: Tx,
  actor: UserActor,
  drafts: readonly ClaimDraft[],
  now: Date,
): Promise<{ id: string; number: number }[]> {
  const organizationId = actor.organizationId!;
  const created: { id: string; number: number }[] = [];
  for (let start = 0; start < drafts.length; start += INSERT_BATCH) {
    const batch = drafts.slice(start, start + INSERT_BATCH);
    // RETURNING preserves the VALUES order in PostgreSQL, so rows[i] is batch[i].
    const rows = await tx.claim.createManyAndReturn({
      data: batch.map((values) => ({
        organizationId,
        createdById: actor.userId,
        ...claimFieldColumns(values),
        createdAt: now,
        updatedAt: now,
      })),
      select: { id: true, number: true },
    });
    const products = rows.flatMap((row, i) =>
      productRows(batch[i].customer.tenantId, batch[i].program, batch[i].products ?? []).map((product) => ({ ...product, claimId: row.id })),
    );
    if (products.length) await tx.claimProduct.createMany({ data: products });
    await appendEventsOfClaims(
      tx,
      actor,
      now,
      rows.map((row, i) => ({
        claimId: row.id,
        event: { type: "CLAIM_CREATED", toStatus: "EDITING", data: { number: formatClaimNumber(row.number), values: fieldValues(batch[i]) } },
      })),
    );
    created.push(...rows);
  }
  return created;
}

const INSERT_BATCH = 500;
