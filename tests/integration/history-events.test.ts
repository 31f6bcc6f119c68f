// Every stored history row must read back through the event union (lib/claims/events.ts). The service writes
// events through the union's types, but the sweep and the bulk seed write them in raw SQL, which no compiler
// checks: a renamed payload key or a timestamp in another format would only show up as a history entry that
// `parseClaimEvent` silently drops. So this builds a realistic history with the real code paths — the demo seed
// (the claim service at past instants, then the real sweep), a small bulk seed, and the sweep run day by day
// for a month after it (overdue flags, reminders, automatic rejections, consent windows ending) — and parses
// every ClaimEvent row strictly.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainKeyring, verifyAllClaimHistories } from "../../lib/audit/verify-history";
import { CLAIM_STATUSES } from "../../lib/claims/catalogue";
import { ACTOR_ROLES, claimEventSchema } from "../../lib/claims/events";
import { runSweep } from "../../lib/claims/sweep";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DAY = 24 * 60 * 60 * 1000;

describe.skipIf(!pgAvailable)("stored history rows parse with the event union (PostgreSQL)", () => {
  let t: TestDatabase;
  let dir: string;
  const mailEnv = { MAIL_LOG_FILE: process.env.MAIL_LOG_FILE, MAIL_DIR: process.env.MAIL_DIR };

  beforeAll(async () => {
    t = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cpor-history-"));
    // Mail the sweep delivers goes to this run's folder, never to the developer's ./.data (MAIL_DIR for a
    // transport that writes one file per message).
    process.env.MAIL_LOG_FILE = path.join(dir, "outbox.log");
    process.env.MAIL_DIR = path.join(dir, "mail");
    const env = { ...process.env, DATABASE_URL: t.url, STORAGE_DIR: path.join(dir, "files") };
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    execFileSync(tsx, ["prisma/seed.ts"], { cwd: ROOT, env, stdio: "pipe" });
    execFileSync(tsx, ["prisma/seed.ts", "--claims", "30"], { cwd: ROOT, env, stdio: "pipe" });
    // The seed sweeps once at "now"; a month of daily sweeps afterwards reaches every deadline it left open.
    const start = Date.now();
    for (let day = 1; day <= 31; day += 1) await runSweep(t.db, new Date(start + day * DAY));
  }, 240_000);

  afterAll(async () => {
    await t?.drop();
    Object.assign(process.env, mailEnv);
    for (const [key, value] of Object.entries(mailEnv)) if (value === undefined) delete process.env[key];
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("every row's type and payload match the union, and its columns agree with its payload", async () => {
    const rows = await t.db.claimEvent.findMany({ orderBy: { id: "asc" } });
    const failures: string[] = [];
    for (const row of rows) {
      const where = `event ${row.id} (${row.type}, ${row.actorRole})`;
      const parsed = claimEventSchema.safeParse({ type: row.type, data: row.data });
      if (!parsed.success) {
        failures.push(`${where}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")} — ${JSON.stringify(row.data)}`);
        continue;
      }
      if (!(ACTOR_ROLES as readonly string[]).includes(row.actorRole)) failures.push(`${where}: unknown actor role`);
      if ((row.actorRole === "SYSTEM" || row.actorRole === "CUSTOMER") !== (row.actorId === null)) {
        failures.push(`${where}: actorId ${row.actorId} does not fit the actor role`);
      }
      const event = parsed.data;
      if (event.type === "STATUS_CHANGED" && (row.fromStatus !== event.data.fromStatus || row.toStatus !== event.data.toStatus)) {
        failures.push(`${where}: columns ${row.fromStatus} → ${row.toStatus} but payload ${event.data.fromStatus} → ${event.data.toStatus}`);
      }
    }
    expect(failures).toEqual([]);

    // The history is realistic only if it holds what the sweep writes as well as what the service writes.
    const types = new Set(rows.map((r) => r.type));
    for (const type of ["CLAIM_CREATED", "STATUS_CHANGED", "POE_UPLOADED", "COMMENT_ADDED", "SLA_OVERDUE", "REMINDER_QUEUED", "SENT_FOR_INCENTIVE_ASSESSMENT", "DISPUTE_OPENED", "DISPUTE_RESOLVED"]) {
      expect(types, `no ${type} row in the seeded history`).toContain(type);
    }
    expect(rows.some((r) => r.actorRole === "SYSTEM" && r.type === "STATUS_CHANGED"), "no automatic rejection").toBe(true);
    expect(new Set(rows.map((r) => r.toStatus).filter(Boolean))).toEqual(new Set(CLAIM_STATUSES));
  });

  it("every claim's tamper-evident chain verifies: the demo seed, the bulk seed and the sweep all sign their rows", async () => {
    const result = await verifyAllClaimHistories(t.db, chainKeyring(), 1000);
    expect(result.broken).toEqual([]);
    expect(result.events).toBe(await t.db.claimEvent.count());
    expect(result.claims).toBe(await t.db.claim.count({ where: { events: { some: {} } } }));
  });
});
