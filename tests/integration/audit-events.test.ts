// The audit trail (AuditEvent): one row per event through recordAuditEvent, payloads checked by the zod
// union, API keys audited when created and revoked, and the table append-only in the database itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "../../lib/audit/record-audit-event";
import { createApiKey, createApiKeyForEmail, revokeApiKey } from "../../lib/claims/api-keys";
import { claimIn, createWorld, type World } from "../fixtures/claims";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

describe.skipIf(!pgAvailable)("audit events (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("creating and revoking an API key audit who did it, whose key it is and which one; revoking twice audits once", async () => {
    const { key } = await createApiKey(t.db, w.partnerA, { name: "ERP sync" });
    const created = await t.db.auditEvent.findFirstOrThrow({ where: { type: "API_KEY_CREATED", data: { path: ["apiKeyId"], equals: key.id } } });
    expect(created).toMatchObject({
      actorId: w.partnerA.id,
      actorRole: "PARTNER_ADMIN",
      organizationId: w.orgA.id,
      claimId: null,
      data: { apiKeyId: key.id, ownerId: w.partnerA.id, name: "ERP sync", prefix: key.prefix },
    });

    await revokeApiKey(t.db, w.partnerA, key.id);
    await revokeApiKey(t.db, w.partnerA, key.id);
    const revoked = await t.db.auditEvent.findMany({ where: { type: "API_KEY_REVOKED", data: { path: ["apiKeyId"], equals: key.id } } });
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ actorId: w.partnerA.id, organizationId: w.orgA.id, data: { ownerId: w.partnerA.id } });
  });

  it("an operator's key (CLI) is audited as the system's act, under the owner's organization", async () => {
    const { key } = await createApiKeyForEmail(t.db, w.billingA.email, "Billing export");
    const row = await t.db.auditEvent.findFirstOrThrow({ where: { type: "API_KEY_CREATED", data: { path: ["apiKeyId"], equals: key.id } } });
    expect(row).toMatchObject({ actorId: null, actorRole: "SYSTEM", organizationId: w.orgA.id, data: { ownerId: w.billingA.id } });
  });

  it("refuses a payload that does not match its type, writing nothing", async () => {
    const before = await t.db.auditEvent.count();
    await expect(
      t.db.$transaction((tx) =>
        recordAuditEvent(tx, { type: "SETTINGS_CHANGED", actor: w.admin.actor, data: { from: 1, to: 2 } as never }),
      ),
    ).rejects.toThrow();
    expect(await t.db.auditEvent.count()).toBe(before);
  });

  it("is append-only: the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    await t.db.$transaction((tx) =>
      recordAuditEvent(tx, { type: "SETTINGS_CHANGED", actor: w.admin.actor, data: { key: "sla", from: null, to: { timeZone: "UTC" } } }),
    );
    await expect(t.db.$executeRaw`UPDATE "AuditEvent" SET "type" = 'X'`).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`DELETE FROM "AuditEvent"`).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`TRUNCATE "AuditEvent"`).rejects.toThrow(/append-only/);
    expect(await t.db.auditEvent.count()).toBeGreaterThan(0);
  });

  it("a user-id column cannot name a user that does not exist (foreign keys)", async () => {
    await expect(
      t.db.$transaction((tx) =>
        recordAuditEvent(tx, {
          type: "SETTINGS_CHANGED",
          actor: { kind: "user", userId: "no-such-user", role: "ADMIN", organizationId: null },
          data: { key: "sla", from: null, to: {} },
        }),
      ),
    ).rejects.toThrow();
    const { claim } = await claimIn(t.db, w, "SUBMITTED");
    await expect(t.db.$executeRaw`UPDATE "Claim" SET "reviewerId" = 'no-such-user' WHERE "id" = ${claim.id}`).rejects.toThrow(/foreign key/);
  });
});
