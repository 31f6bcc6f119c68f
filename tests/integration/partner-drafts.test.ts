// Partner tools, drafts (docs/domain.md "Partner tools"): discard deletes the draft, its stored files and its
// history (the only deletion the history trigger allows) and leaves a CLAIM_DISCARDED audit event; withdraw on a
// draft is refused; duplicate copies the listed fields into a new draft; the sweep's cleanup removes stored files
// no claim references once they are an hour old. Real PostgreSQL, real local-disk storage in a temp directory.
import { mkdtemp, rm, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discardClaim, duplicateClaim, recordPoeFile, updateClaim, withdrawClaim } from "../../lib/claims/service";
import { runSweep } from "../../lib/claims/sweep";
import { localDiskStorage, type FileStorage } from "../../lib/storage/file-storage";
import { claimIn, createWorld, expectClaimError, expectStatusCountsConsistent, type World } from "../fixtures/claims";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

describe.skipIf(!pgAvailable)("partner drafts: discard, duplicate, cleanup (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;
  let dir: string;
  let storage: FileStorage;

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
    dir = await mkdtemp(path.join(os.tmpdir(), "cpor-drafts-"));
    storage = localDiskStorage(dir);
  });
  afterAll(async () => {
    await t?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function storedPoe(claimId: string, actor = w.partnerA.actor) {
    const stored = await storage.put(Readable.from([Buffer.from("%PDF-1.7 proof")]), { maxBytes: 1_000_000 });
    await recordPoeFile(t.db, actor, claimId, { fileName: "proof.pdf", contentType: "application/pdf", size: stored.size, sha256: stored.sha256, storageKey: stored.key });
    return stored.key;
  }
  const exists = async (key: string) => (await storage.head(key, 1).then(() => true, () => false));

  it("discards a draft: claim, files in storage and history gone, the audit event kept, counts right", async () => {
    const { claim } = await claimIn(t.db, w, "EDITING");
    const key = await storedPoe(claim.id);
    const edited = await updateClaim(t.db, w.partnerA.actor, claim.id, claim.version + 1, { commentary: "second thoughts" });
    expect(await t.db.claimEvent.count({ where: { claimId: claim.id } })).toBeGreaterThanOrEqual(2);

    await discardClaim(t.db, w.billingA.actor, claim.id, edited.version, { storage });

    expect(await t.db.claim.findUnique({ where: { id: claim.id } })).toBeNull();
    expect(await t.db.claimEvent.count({ where: { claimId: claim.id } })).toBe(0);
    expect(await t.db.poeFile.count({ where: { claimId: claim.id } })).toBe(0);
    expect(await exists(key)).toBe(false);
    const audit = await t.db.auditEvent.findMany({ where: { type: "CLAIM_DISCARDED", claimId: claim.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: w.billingA.id,
      actorRole: "PARTNER_BILLING",
      organizationId: w.orgA.id,
      data: { claimId: claim.id, number: `CPOR-${String(claim.number).padStart(6, "0")}`, organizationId: w.orgA.id },
    });
    await expectStatusCountsConsistent(t.db);
  });

  it("refuses a stale version (CONFLICT) and a submitted claim (INVALID_TRANSITION), keeping everything", async () => {
    const { claim } = await claimIn(t.db, w, "EDITING");
    await expectClaimError(discardClaim(t.db, w.partnerA.actor, claim.id, claim.version + 5, { storage }), "CONFLICT");
    const submitted = (await claimIn(t.db, w, "SUBMITTED")).claim;
    await expectClaimError(discardClaim(t.db, w.partnerA.actor, submitted.id, undefined, { storage }), "INVALID_TRANSITION");
    expect(await t.db.claim.count({ where: { id: { in: [claim.id, submitted.id] } } })).toBe(2);
    expect(await t.db.claimEvent.count({ where: { claimId: submitted.id } })).toBeGreaterThan(0);
  });

  it("answers NOT_FOUND to another organization and FORBIDDEN to staff who can see the claim", async () => {
    const { claim } = await claimIn(t.db, w, "EDITING");
    await expectClaimError(discardClaim(t.db, w.partnerB.actor, claim.id, undefined, { storage }), "NOT_FOUND");
    await expectClaimError(duplicateClaim(t.db, w.partnerB.actor, claim.id), "NOT_FOUND");
    await expectClaimError(discardClaim(t.db, w.admin.actor, claim.id, undefined, { storage }), "FORBIDDEN");
    const submitted = (await claimIn(t.db, w, "SUBMITTED")).claim;
    await expectClaimError(duplicateClaim(t.db, w.reviewer.actor, submitted.id), "FORBIDDEN");
    expect(await t.db.claim.count({ where: { id: claim.id } })).toBe(1);
  });

  it("keeps history append-only outside a discard: a DELETE of another claim's events is refused", async () => {
    const { claim } = await claimIn(t.db, w, "EDITING");
    await expect(t.db.$executeRaw`DELETE FROM "ClaimEvent" WHERE "claimId" = ${claim.id}`).rejects.toThrow(/append-only/);
    // Even naming the claim in the setting is not enough once it left EDITING.
    const submitted = (await claimIn(t.db, w, "SUBMITTED")).claim;
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('cpor.discard_claim_id', ${submitted.id}, true)`;
        await tx.$executeRaw`DELETE FROM "ClaimEvent" WHERE "claimId" = ${submitted.id}`;
      }),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`UPDATE "ClaimEvent" SET "actorName" = 'x' WHERE "claimId" = ${claim.id}`).rejects.toThrow(/append-only/);
  });

  it("refuses withdraw on a draft (INVALID_TRANSITION) and leaves it EDITING", async () => {
    const { claim } = await claimIn(t.db, w, "EDITING");
    await expectClaimError(withdrawClaim(t.db, w.partnerA.actor, claim.id, { comment: "Wrong MPN ID" }), "INVALID_TRANSITION");
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("EDITING");
  });

  it("duplicates any claim of the organization into a new draft with the listed fields only", async () => {
    const { claim } = await claimIn(t.db, w, "REJECTED");
    const copy = await duplicateClaim(t.db, w.billingA.actor, claim.id);
    expect(copy.id).not.toBe(claim.id);
    expect(copy).toMatchObject({
      status: "EDITING",
      organizationId: w.orgA.id,
      mpnId: claim.mpnId,
      program: claim.program,
      activity: claim.activity,
      solutionArea: claim.solutionArea,
      customerTenantId: claim.customerTenantId,
      customerDomain: claim.customerDomain,
      customerName: claim.customerName,
      customerContact: claim.customerContact,
      partnerContact: claim.partnerContact,
      commentary: "",
      rejectionReason: null,
      createdById: w.billingA.id,
    });
    expect(copy.products.map((p) => [p.kind, p.name, p.subscriptionId])).toEqual(claim.products.map((p) => [p.kind, p.name, p.subscriptionId]));
    expect(copy.poeFiles).toHaveLength(0);
    expect(await t.db.comment.count({ where: { claimId: copy.id } })).toBe(0);
    const events = await t.db.claimEvent.findMany({ where: { claimId: copy.id } });
    expect(events.map((e) => e.type)).toEqual(["CLAIM_CREATED"]);
  });

  it("refuses to duplicate a claim whose MPN ID is no longer the organization's (422)", async () => {
    const { claim } = await claimIn(t.db, w, "SUBMITTED");
    await t.db.$executeRaw`UPDATE "Claim" SET "mpnId" = '9999999' WHERE "id" = ${claim.id}`;
    const error = await expectClaimError(duplicateClaim(t.db, w.partnerA.actor, claim.id), "VALIDATION");
    expect(error.errors?.map((e) => e.path)).toContain("mpnId");
  });

  it("the sweep's cleanup removes stored files no claim references once an hour old, never a referenced or fresh one", async () => {
    const { claim } = await claimIn(t.db, w, "EDITING");
    const referenced = await storedPoe(claim.id);
    const orphanOld = (await storage.put(Readable.from([Buffer.from("old")]), { maxBytes: 100 })).key;
    const orphanFresh = (await storage.put(Readable.from([Buffer.from("fresh")]), { maxBytes: 100 })).key;
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const key of [referenced, orphanOld]) await utimes(path.join(dir, key), twoHoursAgo, twoHoursAgo);

    const summary = await runSweep(t.db, new Date(), { storage });
    expect(summary.filesRemoved).toBe(1);
    expect(await exists(orphanOld)).toBe(false);
    expect(await exists(referenced)).toBe(true);
    expect(await exists(orphanFresh)).toBe(true);
    // Without the storage the sweep never touches files (tests and the seed share a directory with no references).
    await utimes(path.join(dir, orphanFresh), twoHoursAgo, twoHoursAgo);
    expect((await runSweep(t.db, new Date())).filesRemoved).toBe(0);
    expect(await exists(orphanFresh)).toBe(true);
  });
});
