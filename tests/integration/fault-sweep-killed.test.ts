// Faults (issue 15): `npm run sweep` killed (SIGKILL) mid-run, then run again, completes the work once. The real
// script runs as a child process against a database full of due work — partner deadlines passed (auto-reject),
// deadlines ending (reminders), consent windows ended, overdue reviews, queued emails to a real SMTP server and
// webhook deliveries to a local HTTP endpoint — and is killed at several points. One re-run, once the leases of the
// dead run have expired (outbox 10 min, webhooks 1 min: what the next scheduled sweep sees), must leave the database
// of one uninterrupted run (one history event per transition, same statuses, same messages, instants aside), and
// every email and webhook must have arrived. Guarantee checked: a message or webhook arrives more than once only when
// the kill fell between its delivery and the commit that marks it sent (at-least-once; the same Message-ID /
// CPOR-Event-Id lets the receiver fold it): at most one webhook per kill (the worker sends one at a time), and at
// most DELIVERY_CONCURRENCY emails (the outbox worker keeps that many in flight on its SMTP pool).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { DELIVERY_CONCURRENCY } from "../../lib/mail/deliver";
import { messageIdOf } from "../../lib/mail/mail-config";
import { createWebhookEndpoint } from "../../lib/webhooks/endpoints";
import { MINUTE, claimIn, createWorld, type Target } from "../fixtures/claims";
import { recordProof } from "../proof/report";
import { urlForDatabase } from "./global-setup";
import { countsOf, createSmtpReceiver, type SmtpReceiver } from "./support/smtp-receiver";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** As sweep.test.ts: Friday 20 March 2026, 12:00 UTC. Claims built on 2 March are past every deadline. */
const T = new Date("2026-03-20T12:00:00.000Z");
const MONDAY_2 = new Date("2026-03-02T09:00:00.000Z");
/** Built on 13 March: the partner deadline ends on the 20th, inside the reminder horizon. */
const FRIDAY_13 = new Date("2026-03-13T09:00:00.000Z");
/** After the outbox's 10-minute lease of a killed run. */
const AFTER_LEASES = new Date(T.getTime() + 11 * MINUTE);
const COPIES = 4;

type Db = PrismaClient;

interface KillPoint {
  name: string;
  /** Arms the trigger; calls kill() when the point is reached. */
  arm(ctx: { kill: () => void; db: Db; smtp: SmtpReceiver; hooks: WebhookReceiver }): void;
}

// Three points, one per kind of work in flight (transitions, email, webhooks), each in the middle of its batch; the
// first-message variants of the last two added run time (each point costs three sweeps) and no new case.
const KILL_POINTS: KillPoint[] = [
  {
    name: "right after the first transitions committed",
    arm: ({ kill, db }) => {
      const poll = async () => {
        const n = await db.claimEvent.count({ where: { actorRole: "SYSTEM" } }).catch(() => 0);
        if (n > 0) kill();
        else setTimeout(poll, 5);
      };
      void poll();
    },
  },
  {
    name: "with the 12th email received but not yet acknowledged",
    arm: ({ kill, smtp }) => {
      smtp.onMessage = () => {
        if (smtp.received.length === 12) kill();
      };
    },
  },
  {
    name: "with the 6th webhook received but not yet answered",
    arm: ({ kill, hooks }) => {
      hooks.onDelivery = () => {
        if (hooks.received.length === 6) kill();
      };
    },
  },
];

describe.skipIf(!pgAvailable)("faults: the sweep killed mid-run and run again (child process, PostgreSQL, SMTP, webhooks)", () => {
  let base: TestDatabase;
  let smtp: SmtpReceiver;
  let hooks: WebhookReceiver;
  let storageDir: string;
  const clones: string[] = [];
  const admin = inject("pgAdminUrl")!;

  async function adminQuery(sql: string) {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    smtp = await createSmtpReceiver();
    await smtp.up("accept");
    hooks = await startWebhookReceiver();
    storageDir = await fs.mkdtemp(path.join(os.tmpdir(), "cpor-sweep-kill-"));
    base = await createTestDatabase();
    const w = await createWorld(base.db);
    await createWebhookEndpoint(
      base.db,
      w.partnerA.actor,
      { url: hooks.url, events: ["claim.status_changed", "claim.comment_added", "claim.deadline_reminder"] },
      { env: { WEBHOOKS_ALLOW_INSECURE: "1" }, now: new Date("2026-03-01T00:00:00.000Z") },
    );
    const plan: [Target, Date][] = [
      ["PARTNER_ACTION_REQUIRED", MONDAY_2], // auto-rejected
      ["PARTNER_ACTION_REQUIRED", FRIDAY_13], // reminded
      ["SUBMITTED", MONDAY_2], // flagged overdue, reviewers alerted
      ["UNDER_REVIEW", MONDAY_2], // flagged overdue
      ["APPROVED", MONDAY_2], // consent window ended → incentive assessment
    ];
    for (let i = 0; i < COPIES; i++) {
      await Promise.all(plan.map(([target, start]) => claimIn(base.db, w, target, { start: new Date(start.getTime() + i * MINUTE), org: i % 2 ? "B" : "A" })));
    }
    // Clones are made from it: no connection may stay open on it.
    await base.db.$disconnect();
  }, 120_000);

  afterAll(async () => {
    for (const name of clones) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await base?.drop();
    await smtp?.down();
    await hooks?.close();
    if (storageDir) await fs.rm(storageDir, { recursive: true, force: true });
  });

  async function clone(label: string): Promise<{ url: string; db: Db }> {
    const name = `${new URL(base.url).pathname.slice(1)}_${label}`;
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${new URL(base.url).pathname.slice(1)}"`);
    clones.push(name);
    const url = urlForDatabase(admin, name);
    return { url, db: new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) }) };
  }

  /** `npm run sweep -- --now <now>` (tsx scripts/sweep.ts) in one node process, in its own process group. */
  function sweep(url: string, now: Date): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; output: string }> } {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/sweep.ts", "--now", now.toISOString()], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: url,
        SMTP_URL: smtp.url,
        WEBHOOKS_ALLOW_INSECURE: "1",
        STORAGE_DIR: storageDir,
        REDIS_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const done = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal, output })),
    );
    return { child, done };
  }

  async function runToCompletion(url: string, now: Date) {
    const result = await sweep(url, now).done;
    expect(result.code, result.output).toBe(0);
  }

  /** What the sweep decides, in a comparable form: no ids of new rows, no instants (a re-run decides later). */
  async function state(db: Db) {
    const [claims, events, outbox, deliveries, counts] = await Promise.all([
      db.claim.findMany({
        orderBy: { id: "asc" },
        select: { id: true, status: true, version: true, overdue: true, dueAt: true, rejectionReason: true },
      }),
      db.$queryRaw`SELECT "claimId", "type", "actorRole", "toStatus"::text, count(*)::int AS n FROM "ClaimEvent" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      db.$queryRaw`SELECT "claimId", "kind", "recipient", "status"::text, count(*)::int AS n FROM "OutboxMessage" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      db.$queryRaw`SELECT "claimId", "type", "status"::text, count(*)::int AS n FROM "WebhookDelivery" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      db.claimStatusCount.findMany({ orderBy: [{ organizationId: "asc" }, { status: "asc" }] }),
    ]);
    return { claims, events, outbox, deliveries, counts };
  }

  it("completes every due transition, email and webhook once after being killed at any of several points", async () => {
    // The reference: one uninterrupted run.
    const reference = await clone("ref");
    smtp.received.length = 0;
    hooks.received.length = 0;
    await runToCompletion(reference.url, T);
    const expected = await state(reference.db);
    const refOutbox = await reference.db.outboxMessage.findMany();
    const refHooks = await reference.db.webhookDelivery.findMany();
    // The scenario is real work: transitions, reminders, mails and webhooks all happened.
    const systemEvents = await reference.db.claimEvent.groupBy({ by: ["type"], where: { actorRole: "SYSTEM" }, _count: true });
    expect(systemEvents.map((e) => e.type).sort()).toEqual(expect.arrayContaining(["REMINDER_QUEUED", "SENT_FOR_INCENTIVE_ASSESSMENT", "SLA_OVERDUE", "STATUS_CHANGED"]));
    expect(refOutbox.length).toBeGreaterThan(20);
    expect(refOutbox.every((m) => m.status === "SENT")).toBe(true);
    expect(refHooks.length).toBeGreaterThan(10);
    expect(refHooks.every((d) => d.status === "SENT")).toBe(true);
    expect(countsOf(smtp.received).size).toBe(refOutbox.length);
    expect(smtp.received.length).toBe(refOutbox.length);
    expect(hooks.received.length).toBe(refHooks.length);
    await reference.db.$disconnect();

    let tried = 0;
    let held = 0;
    const failures: string[] = [];
    for (const [index, point] of KILL_POINTS.entries()) {
      tried++;
      const problems: string[] = [];
      const { url, db } = await clone(`k${index}`);
      smtp.received.length = 0;
      hooks.received.length = 0;
      const run = sweep(url, T);
      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        smtp.onMessage = undefined;
        hooks.onDelivery = undefined;
        process.kill(-run.child.pid!, "SIGKILL");
      };
      point.arm({ kill, db, smtp, hooks });
      const first = await run.done;
      smtp.onMessage = undefined;
      hooks.onDelivery = undefined;
      if (!killed || first.signal !== "SIGKILL") problems.push(`the kill point was not reached (exit ${first.code}, ${first.signal})`);

      // What had arrived, and what was marked sent, when the run died.
      const mailsAtKill = new Set(smtp.received);
      const hooksAtKill = new Set(hooks.received);
      const sentMails = new Set((await db.outboxMessage.findMany({ where: { status: "SENT" } })).map((m) => messageIdOf(m.id)));
      const sentHooks = new Set((await db.webhookDelivery.findMany({ where: { status: "SENT" } })).map((d) => d.eventId));
      const inFlightMails = [...mailsAtKill].filter((id) => !sentMails.has(id));
      const inFlightHooks = [...hooksAtKill].filter((id) => !sentHooks.has(id));
      if (inFlightMails.length > DELIVERY_CONCURRENCY || inFlightHooks.length > 1) problems.push(`${inFlightMails.length} mails and ${inFlightHooks.length} webhooks in flight at once`);

      await runToCompletion(url, AFTER_LEASES);

      const got = await state(db);
      try {
        expect(got).toEqual(expected);
      } catch {
        problems.push("the database differs from one uninterrupted run");
      }
      const outbox = await db.outboxMessage.findMany();
      const deliveries = await db.webhookDelivery.findMany();
      const mailCounts = countsOf(smtp.received);
      const hookCounts = countsOf(hooks.received);
      for (const m of outbox) {
        const id = messageIdOf(m.id);
        const n = mailCounts.get(id) ?? 0;
        const allowed = inFlightMails.includes(id) ? 2 : 1;
        if (m.status !== "SENT" || n < 1 || n > allowed) problems.push(`mail ${m.kind} ${m.status}, received ${n}×`);
      }
      for (const d of deliveries) {
        const n = hookCounts.get(d.eventId) ?? 0;
        const allowed = inFlightHooks.includes(d.eventId) ? 2 : 1;
        if (d.status !== "SENT" || n < 1 || n > allowed) problems.push(`webhook ${d.type} ${d.status}, received ${n}×`);
      }
      if (mailCounts.size !== outbox.length) problems.push(`${mailCounts.size} distinct mails received for ${outbox.length} outbox rows`);
      if (hookCounts.size !== deliveries.length) problems.push(`${hookCounts.size} distinct webhooks received for ${deliveries.length} deliveries`);
      await db.$disconnect();
      console.log(
        `sweep killed ${point.name}: ${mailsAtKill.size} mails and ${hooksAtKill.size} webhooks had arrived, ` +
          `${inFlightMails.length + inFlightHooks.length} in flight; after re-runs ${smtp.received.length} mail and ${hooks.received.length} webhook receipts`,
      );
      if (problems.length) failures.push(`${point.name}: ${problems.join("; ")}`);
      else held++;
    }
    recordProof({ category: "faults", subject: "npm run sweep killed (SIGKILL) mid-run, then re-run: transitions, emails and webhooks complete once", tried, held });
    expect(failures).toEqual([]);
  }, 900_000);
});
