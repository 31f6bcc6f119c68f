// Faults (issue 15): the SMTP server is down, then busy (421), then up. The sweep's delivery step (runSweep, what
// `npm run sweep` and the server's interval run) with SMTP_URL pointing at a real SMTP server started here: while
// it cannot deliver, every message stays QUEUED and waits 1, 5, 15… minutes (lib/mail/retry.ts); a sweep before
// the next attempt is due touches nothing; once the server accepts, each message arrives exactly once (counted by
// Message-ID) and its row is SENT; later sweeps send nothing again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSweep } from "../../lib/claims/sweep";
import { messageIdOf } from "../../lib/mail/mail-config";
import { DAY, MINUTE, claimIn, createWorld, type World } from "../fixtures/claims";
import { recordProof } from "../proof/report";
import { countsOf, createSmtpReceiver, type SmtpReceiver } from "./support/smtp-receiver";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

/** When the outage starts; the claims below are built a few days before it, so no deadline falls due. */
const T0 = new Date("2026-06-01T08:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

describe.skipIf(!pgAvailable)("faults: SMTP down, busy, then up (PostgreSQL, real SMTP server)", () => {
  let t: TestDatabase;
  let w: World;
  let smtp: SmtpReceiver;
  const savedSmtpUrl = process.env.SMTP_URL;

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
    smtp = await createSmtpReceiver();
    process.env.SMTP_URL = smtp.url;
    // Approvals queue a consent notice to the customer and messages to the partner users; rejections more.
    const start = new Date(T0.getTime() - 2 * DAY);
    for (let i = 0; i < 4; i++) await claimIn(t.db, w, "APPROVED", { start: new Date(start.getTime() + i * MINUTE) });
    for (let i = 0; i < 3; i++) await claimIn(t.db, w, "REJECTED", { start: new Date(start.getTime() + i * MINUTE), org: "B" });
  });

  afterAll(async () => {
    await smtp?.down();
    await t?.drop();
    if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = savedSmtpUrl;
  });

  const rows = () => t.db.outboxMessage.findMany({ orderBy: { id: "asc" } });

  it("keeps every message queued on the retry schedule while SMTP fails, then delivers each exactly once", async () => {
    const queued = await rows();
    expect(queued.length).toBeGreaterThanOrEqual(10);
    expect(queued.every((row) => row.status === "QUEUED" && row.availableAt <= T0)).toBe(true);
    const checks: { name: string; ok: boolean; detail: string }[] = [];
    const check = (name: string, ok: boolean, detail = "") => checks.push({ name, ok, detail });

    /** Every row QUEUED after `attempts` failed attempts, the next one due at `next`. */
    const expectWaiting = async (name: string, attempts: number, next: Date) => {
      const now = await rows();
      const wrong = now.filter(
        (row) => row.status !== "QUEUED" || row.attempts !== attempts || row.availableAt.getTime() !== next.getTime() || !row.lastError || row.leasedUntil !== null,
      );
      check(name, wrong.length === 0 && smtp.received.length === 0, `${wrong.length} of ${now.length} rows differ; ${smtp.received.length} received`);
    };

    // Down: nothing listens on the port.
    let summary = await runSweep(t.db, at(0));
    check("down: nothing delivered", summary.messagesDelivered === 0);
    await expectWaiting("down: 1st failure → retry in 1 minute", 1, at(1));
    // Before the retry is due a sweep leaves the messages alone.
    await runSweep(t.db, at(0.5));
    await expectWaiting("not due yet: untouched", 1, at(1));
    summary = await runSweep(t.db, at(1));
    await expectWaiting("down: 2nd failure → retry in 5 minutes", 2, at(6));

    // Up but busy: 421 to every connection.
    await smtp.up("busy");
    summary = await runSweep(t.db, at(6));
    check("busy: nothing delivered", summary.messagesDelivered === 0);
    await expectWaiting("busy (421): 3rd failure → retry in 15 minutes", 3, at(21));
    await runSweep(t.db, at(20));
    await expectWaiting("not due yet: untouched", 3, at(21));

    // Up and accepting.
    await smtp.up("accept");
    summary = await runSweep(t.db, at(21));
    check("up: every message delivered by the due sweep", summary.messagesDelivered === queued.length, `${summary.messagesDelivered} of ${queued.length}`);
    // Later sweeps send nothing again.
    await runSweep(t.db, at(60));
    await runSweep(t.db, at(24 * 60));

    const counts = countsOf(smtp.received);
    const after = await rows();
    for (const row of after) {
      const n = counts.get(messageIdOf(row.id)) ?? 0;
      check(`message ${row.kind} delivered once`, n === 1 && row.status === "SENT" && row.attempts === 4 && row.sentAt?.getTime() === at(21).getTime(), `received ${n}×, ${row.status}, attempts ${row.attempts}`);
    }
    check("nothing received that the outbox did not send", smtp.received.length === after.length, `${smtp.received.length} received for ${after.length} rows`);

    const held = checks.filter((c) => c.ok).length;
    recordProof({ category: "faults", subject: "SMTP down, busy (421), then up: retry schedule kept, each message delivered once", tried: checks.length, held });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  }, 120_000);
});
