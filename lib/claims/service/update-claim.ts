// A partner edits whole top-level fields of a claim, all or nothing, under the optimistic guard.
import type { Db } from "../../db";
import type { ClaimField } from "../catalogue";
import { claimValuesOf, fieldValues, type ClaimDetail, type ClaimValues } from "../claim-detail";
import { ClaimError } from "../errors";
import { findVisibleClaim } from "../find-visible-claim";
import type { Actor } from "../lifecycle";
import { checkFieldEdit } from "../policy";
import { checkProducts, claimPatchSchema } from "../schemas";
import { checkMpnId, claimFieldColumns, productRows } from "./claim-rows";
import {
  appendEvents,
  checkVersion,
  guardedUpdate,
  parseInput,
  raise,
  reload,
  requirePartner,
  transaction,
  type ServiceOptions,
} from "./steps";

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Edits whole top-level fields, all or nothing: a field not editable in the current status refuses the
 * whole edit; `version` must be the one the editor read (CONFLICT otherwise).
 */
export async function updateClaim(
  db: Db,
  actor: Actor,
  claimId: string,
  version: number,
  input: unknown,
  options: ServiceOptions = {},
): Promise<ClaimDetail> {
  const now = options.now ?? new Date();
  const claim = await findVisibleClaim(db, actor, claimId);
  requirePartner(actor);
  const patch = parseInput(claimPatchSchema, input) as Partial<ClaimValues>;
  const fields = (Object.keys(patch) as ClaimField[]).filter((f) => patch[f] !== undefined);
  // api-v1 order: version (409 CONFLICT) before what the current status allows; a stale editor reloads first.
  checkVersion(claim, version);
  const refused = checkFieldEdit(actor, claim, fields);
  if (refused) raise(refused);

  const before = claimValuesOf(claim);
  const after: ClaimValues = { ...before, ...patch };
  const changed = fields.filter((f) => !sameJson(fieldValues(before)[f], fieldValues(after)[f]));
  const problems = [
    ...(changed.includes("mpnId") ? await checkMpnId(db, claim.organizationId, after.mpnId) : []),
    ...(changed.some((f) => f === "products" || f === "solutionArea") ? checkProducts(after.solutionArea, after.products ?? []) : []),
  ];
  if (problems.length) throw new ClaimError("VALIDATION", "The claim has invalid fields.", problems);
  if (changed.length === 0) return claim;

  await transaction(db, async (tx) => {
    await guardedUpdate(
      tx,
      claim,
      {
        ...claimFieldColumns(after),
        partnerRespondedAt: now,
      },
      now,
    );
    // Keys depend on tenant, program and products: rewrite the product rows when any of them changed.
    if (changed.some((f) => f === "products" || f === "customer" || f === "program")) {
      await tx.claimProduct.deleteMany({ where: { claimId } });
      await tx.claimProduct.createMany({
        data: productRows(after.customer.tenantId, after.program, after.products ?? []).map((row) => ({ ...row, claimId })),
      });
    }
    await appendEvents(tx, claimId, actor, now, [
      {
        type: "FIELDS_UPDATED",
        data: {
          changes: changed.map((field) => ({
            field,
            from: fieldValues(before)[field],
            to: fieldValues(after)[field],
          })),
        },
      },
    ]);
  });
  return reload(db, claimId);
}
