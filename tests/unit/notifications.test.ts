// The pure parts of notifications: the reminder rule, the retry schedule, the templates (escaping, dates for
// people, languages), Accept-Language, and the secret box.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BusinessCalendar } from "../../lib/claims/sla";
import { afterFailure, MAX_ATTEMPTS } from "../../lib/mail/retry";
import { encryptionKey, openSecret, sealSecret } from "../../lib/mail/secret-box";
import { formatDateForPeople, inAppText, renderMessage, type MessageData } from "../../lib/mail/templates";
import { languageFromAcceptLanguage } from "../../lib/notifications/catalogue";
import { dueReminder, nextReminderAt, reminderClock, reminderDueAt } from "../../lib/notifications/reminders";

const UTC: BusinessCalendar = { timeZone: "UTC", holidays: [] };
const FRIDAY_DEADLINE = new Date("2026-12-04T23:59:59.999Z");
const ctx = { baseUrl: "https://portal.example", timeZone: "UTC" };
const claim = { claimId: "c1", claimNumber: "CPOR-000042", customerName: "Fourth <Coffee> & Co" };

describe("partner-action reminders", () => {
  it("a Friday deadline: the 2-day reminder is due Thursday 00:00, the 1-day reminder Friday 00:00", () => {
    expect(reminderDueAt(FRIDAY_DEADLINE, 2, UTC).toISOString()).toBe("2026-12-03T00:00:00.000Z");
    expect(reminderDueAt(FRIDAY_DEADLINE, 1, UTC).toISOString()).toBe("2026-12-04T00:00:00.000Z");
  });

  it("skips weekends and holidays, and starts the day in the portal's time zone", () => {
    const monday = new Date("2026-12-07T23:59:59.999Z");
    expect(reminderDueAt(monday, 2, UTC).toISOString()).toBe("2026-12-04T00:00:00.000Z");
    expect(reminderDueAt(monday, 2, { timeZone: "UTC", holidays: ["2026-12-04"] }).toISOString()).toBe("2026-12-03T00:00:00.000Z");
    const paris: BusinessCalendar = { timeZone: "Europe/Paris", holidays: [] };
    expect(reminderDueAt(new Date("2026-12-04T22:59:59.999Z"), 1, paris).toISOString()).toBe("2026-12-03T23:00:00.000Z");
  });

  it("sends the latest one due, none before the stage began, none after the deadline", () => {
    const start = new Date("2026-11-27T10:00:00.000Z");
    expect(dueReminder(start, FRIDAY_DEADLINE, new Date("2026-12-02T23:59:59.999Z"), UTC)).toBeNull();
    expect(dueReminder(start, FRIDAY_DEADLINE, new Date("2026-12-03T00:00:00.000Z"), UTC)).toBe(2);
    expect(dueReminder(start, FRIDAY_DEADLINE, new Date("2026-12-04T08:00:00.000Z"), UTC)).toBe(1);
    expect(dueReminder(start, FRIDAY_DEADLINE, new Date("2026-12-05T00:00:00.000Z"), UTC)).toBeNull();
    // a stage that began on Thursday afternoon: the Thursday reminder was due before it, so only Friday's
    const lateStart = new Date("2026-12-03T15:00:00.000Z");
    expect(dueReminder(lateStart, FRIDAY_DEADLINE, new Date("2026-12-03T16:00:00.000Z"), UTC)).toBeNull();
    expect(dueReminder(lateStart, FRIDAY_DEADLINE, new Date("2026-12-04T00:00:00.000Z"), UTC)).toBe(1);
  });
});

describe("the sweep's remembered reminder clock", () => {
  it("answers what reminderDueAt answers, for deadlines sharing a local date or not, in any zone", () => {
    const paris: BusinessCalendar = { timeZone: "Europe/Paris", holidays: ["2026-12-25"] };
    for (const cal of [UTC, paris]) {
      const clock = reminderClock(cal);
      // Every 97 minutes for 3 weeks: many deadlines per local date, and dates on both sides of midnight in Paris.
      for (let t = Date.parse("2026-12-01T00:00:00Z"); t < Date.parse("2026-12-22T00:00:00Z"); t += 97 * 60_000) {
        for (const k of [2, 1]) expect(clock(new Date(t), k).toISOString()).toBe(reminderDueAt(new Date(t), k, cal).toISOString());
      }
    }
  });
});

describe("retry schedule", () => {
  it("1, 5, 15, 60 minutes, then every 6 hours; FAILED at the 10th failure", () => {
    const now = new Date("2026-01-01T00:00:00.000Z");
    const minutes = [1, 2, 3, 4, 5, 9].map((n) => {
      const next = afterFailure(n, now);
      return next.status === "QUEUED" ? (next.nextAttemptAt.getTime() - now.getTime()) / 60_000 : null;
    });
    expect(minutes).toEqual([1, 5, 15, 60, 360, 360]);
    expect(afterFailure(MAX_ATTEMPTS, now)).toEqual({ status: "FAILED" });
  });
});

describe("templates", () => {
  it("writes dates for people in the portal's time zone, in English and French", () => {
    expect(formatDateForPeople(FRIDAY_DEADLINE, "en", "UTC")).toBe("Friday 4 December 2026, 23:59 UTC");
    expect(formatDateForPeople(FRIDAY_DEADLINE, "fr", "UTC")).toBe("vendredi 4 décembre 2026, 23:59 UTC");
    expect(formatDateForPeople(FRIDAY_DEADLINE, "en", "Europe/Paris")).toBe("Saturday 5 December 2026, 00:59 Europe/Paris");
  });

  it("escapes user text in the HTML part and keeps it verbatim in the text part", () => {
    const data: MessageData = { type: "COMMENT_ADDED", claim, comment: `<script>alert("x")</script> & 'so'`, by: "Rev <iewer>" };
    const mail = renderMessage(data, "en", ctx);
    expect(mail.text).toContain(`<script>alert("x")</script> & 'so'`);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;so&#39;");
    expect(mail.html).toContain("Fourth &lt;Coffee&gt; &amp; Co");
    expect(mail.html).toContain('href="https://portal.example/claims/c1"');
    expect(mail.subject).toBe("CPOR-000042: new comment from Rev <iewer>");
  });

  it("every message type renders in both languages with a link and no raw ISO date", () => {
    const due = "2026-12-04T23:59:59.999Z";
    const all: MessageData[] = [
      {
        type: "CUSTOMER_CONSENT_NOTICE",
        claim,
        contactName: "Chris",
        customerDomain: "fourth.example",
        organizationName: "Contoso Partners Ltd",
        mpnId: "1234567",
        program: "OSU",
        products: ["TEAMS", "Dynamics 365 Sales"],
        consentEndsAt: due,
      },
      { type: "INFO_REQUESTED", claim, reasonCodes: ["MISSING_PRODUCTS"], comment: "Add Teams.", dueAt: due, by: "Rita" },
      { type: "DEADLINE_REMINDER", claim, businessDaysLeft: 2, dueAt: due },
      { type: "CLAIM_DECIDED", claim, decision: { outcome: "APPROVED", consentEndsAt: due }, comment: null, by: "Rita" },
      { type: "CLAIM_DECIDED", claim, decision: { outcome: "REJECTED", reason: "NO_PARTNER_RESPONSE", disputeUntil: due }, comment: null, by: "System" },
      { type: "CLAIM_DECIDED", claim, decision: { outcome: "SENT_FOR_INCENTIVE_ASSESSMENT" }, comment: null, by: "System" },
      { type: "CLAIM_DECIDED", claim, decision: { outcome: "DISPUTE_OVERTURNED" }, comment: "You were right.", by: "Rita" },
      { type: "CLAIM_RESUBMITTED", claim, comment: null, by: "Pat" },
      { type: "DISPUTE_OPENED", claim, details: "Signed on page 2.", by: "Pat" },
      { type: "REVIEW_OVERDUE", claims: [{ ...claim, dueAt: due }], total: 1 },
      { type: "REVIEW_OVERDUE", claims: [{ ...claim, dueAt: due }], total: 3 },
      { type: "CLAIM_TAKEN_OVER", claim, by: "Rob" },
      { type: "WEBHOOK_DISABLED", url: "https://crm.example/hooks", disabledAt: due },
      { type: "PASSWORD_LINK", purpose: "SET", name: "Pat", expiresAt: due },
      { type: "PASSWORD_LINK", purpose: "RESET", name: "Pat", expiresAt: due },
    ];
    for (const data of all) {
      for (const lang of ["en", "fr"] as const) {
        const mail = renderMessage(data, lang, ctx, "tok_123");
        expect(mail.subject.length, `${data.type} ${lang}`).toBeGreaterThan(5);
        expect(mail.text).toContain("https://portal.example/");
        expect(mail.html).toContain("https://portal.example/");
        expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      }
    }
    const notice = renderMessage(all[0], "en", ctx, "tok_123");
    expect(notice.text).toContain("Contoso Partners Ltd (MPN ID 1234567)");
    expect(notice.text).toContain("Teams, Dynamics 365 Sales");
    expect(notice.text).toContain("https://portal.example/consent/tok_123");
    expect(notice.text).toContain("Friday 4 December 2026, 23:59 UTC");
    const link = renderMessage({ type: "PASSWORD_LINK", purpose: "SET", name: "<b>Pat</b>", expiresAt: due }, "fr", ctx, "tok_123");
    expect(link.text).toContain("https://portal.example/set-password/tok_123");
    expect(link.text).toContain("vendredi 4 décembre 2026, 23:59 UTC");
    expect(link.html).toContain("Bonjour &lt;b&gt;Pat&lt;/b&gt;,");
    expect(() => renderMessage({ type: "PASSWORD_LINK", purpose: "SET", name: "Pat", expiresAt: due }, "en", ctx)).toThrow();
    expect(renderMessage(all[2], "fr", ctx).subject).toBe("Rappel CPOR-000042 : 2 jours ouvrés pour répondre");
    expect(inAppText(all[1], "en", ctx)).toEqual({
      title: "CPOR-000042: the reviewer needs more information (respond by Friday 4 December 2026, 23:59 UTC)",
      body: expect.stringContaining("Rita: Add Teams."),
    });
  });
});

describe("the claim's next reminder time (the sweep looks at a stage only then)", () => {
  it("a Friday deadline: Thursday 00:00 from the stage's start, then Friday 00:00, then none", () => {
    const clock = reminderClock(UTC);
    const start = new Date("2026-11-27T10:00:00.000Z");
    expect(nextReminderAt(start, FRIDAY_DEADLINE, clock)?.toISOString()).toBe("2026-12-03T00:00:00.000Z");
    expect(nextReminderAt(new Date("2026-12-03T00:00:00.001Z"), FRIDAY_DEADLINE, clock)?.toISOString()).toBe("2026-12-04T00:00:00.000Z");
    expect(nextReminderAt(new Date("2026-12-04T00:00:00.001Z"), FRIDAY_DEADLINE, clock)).toBeNull();
  });

  it("sends exactly the reminders that looking at every sweep sends, for any stage, deadline and sweep times", () => {
    const day = 86_400_000;
    const base = Date.parse("2026-12-01T00:00:00Z");
    const cals: BusinessCalendar[] = [UTC, { timeZone: "Europe/Paris", holidays: ["2026-12-24", "2026-12-25"] }];
    fc.assert(
      fc.property(
        fc.constantFrom(...cals),
        fc.integer({ min: 0, max: 20 * day }),
        fc.integer({ min: 1, max: 15 * day }),
        fc.array(fc.integer({ min: 0, max: 40 * day }), { minLength: 1, maxLength: 30 }),
        (cal, startOffset, length, sweepOffsets) => {
          const start = new Date(base + startOffset);
          const deadline = new Date(start.getTime() + length);
          const sweeps = [...new Set(sweepOffsets.map((o) => start.getTime() + o))].sort((x, y) => x - y).map((t) => new Date(t));
          const clock = reminderClock(cal);
          // Every sweep looks at the stage (the old way); each reminder once per stage and k.
          const everySweep = new Set<number>();
          for (const now of sweeps) {
            const k = dueReminder(start, deadline, now, cal, clock);
            if (k !== null) everySweep.add(k);
          }
          // Only the sweeps at or past the stored time look, and each moves it past `now`.
          const whenDue = new Set<number>();
          let next = nextReminderAt(start, deadline, clock);
          for (const now of sweeps) {
            if (!next || next > now) continue;
            const k = dueReminder(start, deadline, now, cal, clock);
            if (k !== null) whenDue.add(k);
            next = nextReminderAt(new Date(now.getTime() + 1), deadline, clock);
          }
          expect([...whenDue].sort()).toEqual([...everySweep].sort());
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe("the reviewers' overdue digest", () => {
  const overdue = (i: number) => ({ claimId: `c${i}`, claimNumber: `CPOR-${String(i).padStart(6, "0")}`, customerName: `Customer <${i}>`, dueAt: "2026-12-04T23:59:59.999Z" });

  it("lists the claims it names with their links and deadlines, counts the rest and links the overdue queue", () => {
    const data: MessageData = { type: "REVIEW_OVERDUE", claims: [1, 2, 3].map(overdue), total: 2_000 };
    const mail = renderMessage(data, "en", ctx);
    expect(mail.subject).toBe("2000 claims: review not started in time");
    expect(mail.text).toContain("- CPOR-000002 (Customer <2>), due Friday 4 December 2026, 23:59 UTC\n  https://portal.example/claims/c2");
    expect(mail.text).toContain("…and 1997 more: the review queue filtered on overdue claims shows them all.");
    expect(mail.text).toContain("See the overdue claims: https://portal.example/review?overdue=true");
    expect(mail.html).toContain('<li><a href="https://portal.example/claims/c3">CPOR-000003 (Customer &lt;3&gt;), due Friday 4 December 2026, 23:59 UTC</a></li>');
    expect(mail.html).not.toContain("<3>");
    const fr = renderMessage(data, "fr", ctx);
    expect(fr.subject).toBe("2000 revendications : l'examen n'a pas commencé dans les délais");
    expect(fr.text).toContain("échéance le vendredi 4 décembre 2026, 23:59 UTC");
    expect(inAppText(data, "en", ctx)).toEqual({
      title: "2000 claims: review not started in time",
      body: "2000 claims passed their deadline to start review and are still waiting for a reviewer: CPOR-000001, CPOR-000002, CPOR-000003 and 1997 more.",
    });
  });

  it("a digest of one claim reads like the alert it replaces, and a row queued before the digest still renders", () => {
    const one = renderMessage({ type: "REVIEW_OVERDUE", claims: [overdue(7)], total: 1 }, "en", ctx);
    expect(one.subject).toBe("CPOR-000007: review not started in time");
    expect(one.text).toContain("Start the review: https://portal.example/claims/c7");
    const legacy = { type: "REVIEW_OVERDUE", claim, dueAt: "2026-12-04T23:59:59.999Z" } as unknown as MessageData;
    expect(renderMessage(legacy, "en", ctx).subject).toBe("CPOR-000042: review not started in time");
  });
});

describe("language and secrets", () => {
  it("takes the first language we speak from Accept-Language", () => {
    expect(languageFromAcceptLanguage("fr-CA,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(languageFromAcceptLanguage("de-DE,de;q=0.9,fr;q=0.5,en;q=0.7")).toBe("en");
    expect(languageFromAcceptLanguage("de, fr;q=0.3")).toBe("fr");
    expect(languageFromAcceptLanguage(null)).toBe("en");
  });

  it("seals with AES-256-GCM: a fresh IV each time, the plain text comes back, a changed byte is refused", () => {
    const key = encryptionKey({ NEXTAUTH_SECRET: "s3cret" });
    const a = sealSecret("the-token", key);
    const b = sealSecret("the-token", key);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).toString("latin1")).not.toContain("the-token");
    expect(openSecret(a, key)).toBe("the-token");
    const tampered = Uint8Array.from(a);
    tampered[tampered.length - 1] ^= 1;
    expect(() => openSecret(tampered, key)).toThrow();
    const hexKey = encryptionKey({ APP_ENCRYPTION_KEY: "ab".repeat(32) });
    expect(() => openSecret(a, hexKey)).toThrow();
    expect(() => encryptionKey({ APP_ENCRYPTION_KEY: "short" })).toThrow(/32 bytes/);
  });
});
