// Notifications end to end against a real SMTP server (smtp-server, started here) and real PostgreSQL: who
// receives each message, both parts, the language, the Message-ID; a server that is down and then up; two
// delivery workers at once; the consent link taken from the received email denies the association.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE, at, claimIn, consentTokenOf, createWorld, customerContact, partnerContact, type World } from "../fixtures/claims";
import {
  addComment,
  approveClaim,
  denyConsent,
  openDispute,
  rejectClaim,
  requestPartnerInfo,
  resendConsent,
  resubmitClaim,
} from "../../lib/claims/service";
import { deliverOutbox, smtpTransport, type MailTransport } from "../../lib/mail/deliver";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "../../lib/notifications/inbox";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

interface Inbox {
  port: number;
  received: ParsedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that parses every message it accepts. */
async function startSmtp(port = 0): Promise<Inbox> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.server.address() as AddressInfo;
  return { port: address.port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(",") : (mail.to?.text ?? ""));
const FAR_FUTURE = new Date("2031-01-01T00:00:00.000Z");
const discard: MailTransport = { async send() {} };

describe.skipIf(!pgAvailable)("notifications over SMTP (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;
  let smtp: Inbox;
  let transport: MailTransport;

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
    smtp = await startSmtp();
    transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`);
  });
  afterAll(async () => {
    transport?.close?.();
    await smtp?.close();
    await t?.drop();
  });
  beforeEach(async () => {
    // Each test reads only the mail it causes: what earlier setup queued is delivered elsewhere first.
    await deliverOutbox(t.db, FAR_FUTURE, discard);
    smtp.received.length = 0;
    await t.db.user.updateMany({ data: { language: null, emailOptOut: [] } });
  });

  it("request info: the partner users and the partner contact, text and HTML, each in their language, Message-ID <outboxId@host>", async () => {
    await t.db.user.update({ where: { id: w.billingA.id }, data: { language: "fr" } });
    const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
    await deliverOutbox(t.db, FAR_FUTURE, discard);
    const comment = "Please upload the signed <b>statement</b> & the invoice.";
    await requestPartnerInfo(t.db, w.reviewer.actor, claim.id, { reasonCodes: ["MISSING_ALL_POE"], comment }, { now: at(t0, HOUR) });

    expect(await deliverOutbox(t.db, at(t0, HOUR + MINUTE), transport)).toBe(3);
    expect(smtp.received.map(to).sort()).toEqual([w.partnerA.email, w.billingA.email, partnerContact.email].sort());
    const outbox = await t.db.outboxMessage.findMany({ where: { claimId: claim.id, kind: "INFO_REQUESTED" } });
    for (const mail of smtp.received) {
      const row = outbox.find((m) => m.recipient === to(mail))!;
      expect(mail.messageId).toBe(`<${row.id}@localhost>`);
      expect(row).toMatchObject({ status: "SENT", attempts: 1 });
      expect(mail.text).toContain(comment);
      expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(mail.html).toContain("&lt;b&gt;statement&lt;/b&gt; &amp; the invoice");
      expect(mail.html).not.toContain("<b>statement</b>");
      expect(mail.html).toContain(`/claims/${claim.id}`);
    }
    const french = smtp.received.find((m) => to(m) === w.billingA.email)!;
    expect(french.subject).toContain("le réviseur demande des informations");
    expect(french.text).toContain("Preuve d'exécution manquante");
    const english = smtp.received.find((m) => to(m) === w.partnerA.email)!;
    expect(english.text).toContain("Missing All PoE: PoE is missing");
    expect(english.subject).toMatch(/the reviewer needs more information \(respond by \w+day \d+ \w+ 2026, 23:59 UTC\)/);

    // in-app: one notification each for the two partner users (not the contact, who has no account)
    const bell = await listNotifications(t.db, w.partnerA.id, { unreadOnly: true });
    expect(bell.items.filter((n) => n.claimId === claim.id).map((n) => n.type)).toEqual(["INFO_REQUESTED"]);
    expect(await t.db.notification.count({ where: { claimId: claim.id } })).toBe(2);
  });

  it("decisions, comments and disputes reach the right people, once; an opted-out category sends no email but keeps the notification", async () => {
    await t.db.user.update({ where: { id: w.billingA.id }, data: { emailOptOut: ["decisions"] } });
    const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
    await deliverOutbox(t.db, FAR_FUTURE, discard);
    smtp.received.length = 0;

    // reviewer comment → partner users; partner comment → the assigned reviewer only
    await addComment(t.db, w.reviewer.actor, claim.id, { body: "Looking at it now." }, { now: at(t0, MINUTE) });
    await addComment(t.db, w.partnerA.actor, claim.id, { body: "Thanks!" }, { now: at(t0, 2 * MINUTE) });
    // reject with a comment: one decision message (the comment travels in it), dispute → the assigned reviewer
    await rejectClaim(t.db, w.reviewer.actor, claim.id, { reason: "INSUFFICIENT_POE", comment: "The PoE is unsigned." }, { now: at(t0, HOUR) });
    await openDispute(t.db, w.partnerA.actor, claim.id, { details: "It is signed on page 2." }, { now: at(t0, DAY) });
    await deliverOutbox(t.db, at(t0, 2 * DAY), transport);

    const byKind = (kind: string) =>
      smtp.received.filter((m) => m.headers.get("subject") && outboxKind.get(m.messageId!) === kind).map(to).sort();
    const rows = await t.db.outboxMessage.findMany({ where: { claimId: claim.id } });
    const outboxKind = new Map(rows.map((r) => [`<${r.id}@localhost>`, r.kind]));
    expect(byKind("COMMENT_ADDED")).toEqual([w.reviewer.email, w.partnerA.email, w.billingA.email].sort());
    expect(byKind("CLAIM_DECIDED")).toEqual([w.partnerA.email]); // billing turned decisions off
    expect(byKind("DISPUTE_OPENED")).toEqual([w.reviewer.email]);
    const decision = smtp.received.find((m) => outboxKind.get(m.messageId!) === "CLAIM_DECIDED")!;
    expect(decision.text).toContain("Insufficient proof of execution");
    expect(decision.text).toContain("The PoE is unsigned.");
    expect(decision.text).toMatch(/You may dispute this rejection until \w+day/);
    // the reject's comment was not sent a second time as COMMENT_ADDED
    expect(smtp.received.filter((m) => m.text?.includes("The PoE is unsigned."))).toHaveLength(1);
    // billing still has the decision in the portal
    expect(await t.db.notification.count({ where: { userId: w.billingA.id, claimId: claim.id, type: "CLAIM_DECIDED" } })).toBe(1);
  });

  it("resubmit tells the assigned reviewer; mark read and mark all read touch only the caller's own", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED");
    await resubmitClaim(t.db, w.partnerA.actor, claim.id, { comment: "Uploaded the signed statement." }, { now: at(t0, HOUR) });
    const [note] = (await listNotifications(t.db, w.reviewer.id, { unreadOnly: true })).items.filter((n) => n.claimId === claim.id);
    expect(note).toMatchObject({ type: "CLAIM_RESUBMITTED", claimNumber: expect.stringMatching(/^CPOR-\d{6}$/) });
    await expect(markNotificationRead(t.db, w.reviewer2.id, note.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const read = await markNotificationRead(t.db, w.reviewer.id, note.id);
    expect(read.readAt).not.toBeNull();
    expect(await markAllNotificationsRead(t.db, w.reviewer.id)).toBeGreaterThanOrEqual(0);
    expect((await listNotifications(t.db, w.reviewer.id)).unread).toBe(0);
  });

  it("the customer's notice names the partner and MPN ID, in the filer's language; its link denies; the secret is wiped once sent", async () => {
    await t.db.user.update({ where: { id: w.partnerA.id }, data: { language: "fr" } });
    const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
    await deliverOutbox(t.db, FAR_FUTURE, discard);
    await approveClaim(t.db, w.reviewer.actor, claim.id, {}, { now: at(t0, HOUR) });
    const queuedToken = await consentTokenOf(t.db, claim.id);
    await deliverOutbox(t.db, at(t0, HOUR + MINUTE), transport);

    const notice = smtp.received.find((m) => to(m) === customerContact.email)!;
    expect(notice.subject).toBe(`Contoso Partners Ltd est désormais associé à ${claim.customerName} auprès de Microsoft`);
    expect(notice.text).toContain(`MPN ID ${claim.mpnId}`);
    expect(notice.text).toContain("Teams, Exchange");
    expect(notice.html).toContain("Refuser l&#39;association");
    const link = /https?:\/\/\S+\/consent\/([\w-]+)/.exec(notice.text!)!;
    expect(link[1]).toBe(queuedToken);
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { claimId: claim.id, kind: "CUSTOMER_CONSENT_NOTICE" } });
    expect(row).toMatchObject({ status: "SENT", secret: null });

    await denyConsent(t.db, link[1], { reason: "Not our partner." }, { now: at(t0, DAY) });
    expect(await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({ status: "REJECTED", rejectionReason: "CUSTOMER_DECLINE" });
    await deliverOutbox(t.db, at(t0, DAY + MINUTE), transport);
    expect(smtp.received.some((m) => to(m) === w.partnerA.email && m.subject?.includes("Refus du client"))).toBe(true);
  });

  it("resend-consent: a reviewer corrects the address while the window is open; the old link is 410, the window does not move", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
    const approved = await approveClaim(t.db, w.reviewer.actor, claim.id, {}, { now: at(t0, HOUR) });
    const oldToken = await consentTokenOf(t.db, claim.id);
    await deliverOutbox(t.db, FAR_FUTURE, discard);
    smtp.received.length = 0;
    const now = at(t0, DAY);

    await expect(resendConsent(t.db, w.partnerA.actor, claim.id, { email: "x@customer.example" }, { now })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resendConsent(t.db, w.reviewer.actor, claim.id, { email: "not an email" }, { now })).rejects.toMatchObject({ code: "VALIDATION" });
    const resent = await resendConsent(t.db, w.reviewer.actor, claim.id, { email: "cio@customer.example", version: approved.version }, { now });
    expect(resent).toMatchObject({ status: "APPROVED", consentEndsAt: approved.consentEndsAt, version: approved.version + 1 });
    expect((resent.customerContact as { email: string }).email).toBe("cio@customer.example");
    const history = await t.db.claimEvent.findMany({ where: { claimId: claim.id, type: "CONSENT_RESENT" } });
    expect(history.map((e) => e.data)).toEqual([{ fromEmail: customerContact.email, toEmail: "cio@customer.example" }]);

    await deliverOutbox(t.db, at(now, MINUTE), transport);
    expect(smtp.received.map(to)).toEqual(["cio@customer.example"]);
    const link = /\/consent\/([\w-]+)/.exec(smtp.received[0].text!)![1];
    expect(link).not.toBe(oldToken);
    await expect(denyConsent(t.db, oldToken, {}, { now: at(now, HOUR) })).rejects.toMatchObject({ code: "GONE" });
    await denyConsent(t.db, link, {}, { now: at(now, HOUR) });
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).rejectionReason).toBe("CUSTOMER_DECLINE");

    // after the window: nothing to resend
    const other = await claimIn(t.db, w, "APPROVED");
    await expect(
      resendConsent(t.db, w.reviewer.actor, other.claim.id, { email: "late@customer.example" }, { now: other.claim.consentEndsAt! }),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
  });

  it("a server down at delivery: the message stays queued with its error, then the next run after the retry delay delivers it once", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
    await deliverOutbox(t.db, FAR_FUTURE, discard);
    const down = await startSmtp();
    const port = down.port;
    await down.close();
    const now = at(t0, HOUR);
    await addComment(t.db, w.reviewer.actor, claim.id, { body: "Down then up." }, { now });
    const deadServer = smtpTransport(`smtp://127.0.0.1:${port}`);
    expect(await deliverOutbox(t.db, now, deadServer)).toBe(0);
    const failed = await t.db.outboxMessage.findMany({ where: { claimId: claim.id, kind: "COMMENT_ADDED" } });
    expect(failed).toHaveLength(2);
    for (const m of failed) {
      expect(m).toMatchObject({ status: "QUEUED", attempts: 1, sentAt: null, availableAt: at(now, MINUTE) });
      expect(m.lastError).toMatch(/ECONNREFUSED|connect/i);
    }

    const up = await startSmtp(port);
    try {
      expect(await deliverOutbox(t.db, at(now, 30_000), deadServer)).toBe(0); // not due yet: nothing is tried
      expect(up.received).toHaveLength(0);
      expect(await deliverOutbox(t.db, at(now, MINUTE), deadServer)).toBe(2);
      expect(await deliverOutbox(t.db, at(now, HOUR), deadServer)).toBe(0);
      expect(up.received.map((m) => m.messageId).sort()).toEqual(failed.map((m) => `<${m.id}@localhost>`).sort());
      expect(await t.db.outboxMessage.findMany({ where: { claimId: claim.id, kind: "COMMENT_ADDED" } })).toEqual(
        expect.arrayContaining([expect.objectContaining({ status: "SENT", attempts: 2, lastError: null })]),
      );
    } finally {
      // A pooled transport keeps its connection open: let go of it, or the server's close waits for it.
      deadServer.close?.();
      await up.close();
    }
  });

  it("two delivery workers at once (separate connections, each its own SMTP pool): every message is sent exactly once", async () => {
    const now = new Date("2026-09-01T10:00:00.000Z");
    // More than two leases of 100 each, with DELIVERY_CONCURRENCY messages in flight per worker.
    const count = 250;
    await t.db.outboxMessage.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        kind: "TEST",
        dedupeKey: `test:workers:${i}`,
        recipient: `someone${i}@test.example`,
        subject: `Message ${i}`,
        body: `Body ${i}`,
        createdAt: now,
        availableAt: now,
      })),
    });
    const [a, b] = [t.connect(), t.connect()];
    const pools = [smtpTransport(`smtp://127.0.0.1:${smtp.port}`), smtpTransport(`smtp://127.0.0.1:${smtp.port}`)];
    const [sentA, sentB] = await Promise.all([deliverOutbox(a, now, pools[0]), deliverOutbox(b, now, pools[1])]);
    for (const pool of pools) pool.close?.();
    expect(sentA + sentB).toBe(count);
    expect(sentA).toBeGreaterThan(0);
    expect(sentB).toBeGreaterThan(0);
    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    const rows = await t.db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "test:workers:" } } });
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 1 && row.leasedUntil === null)).toBe(true);
    await Promise.all([a.$disconnect(), b.$disconnect()]);
  });

  it("after 10 failed attempts a message is FAILED and no longer tried", async () => {
    const start = new Date("2026-10-01T10:00:00.000Z");
    const message = await t.db.outboxMessage.create({
      data: { kind: "TEST", dedupeKey: "test:fail10", recipient: "x@test.example", subject: "s", body: "b", createdAt: start, availableAt: start },
    });
    const failing: MailTransport = {
      async send() {
        throw new Error("550 mailbox unavailable");
      },
    };
    const delays: number[] = [];
    let when = start;
    for (let attempt = 1; attempt <= 10; attempt++) {
      await deliverOutbox(t.db, when, failing);
      const row = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
      expect(row.attempts).toBe(attempt);
      if (attempt < 10) {
        delays.push((row.availableAt.getTime() - when.getTime()) / MINUTE);
        when = row.availableAt;
      } else {
        expect(row).toMatchObject({ status: "FAILED", lastError: "550 mailbox unavailable" });
      }
    }
    expect(delays).toEqual([1, 5, 15, 60, 360, 360, 360, 360, 360]);
    expect(await deliverOutbox(t.db, at(when, 7 * DAY), failing)).toBe(0);
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).attempts).toBe(10);
  });
});
