// Demo data (domain.md § Demo data) and bulk data for benchmarks.
//   npm run db:seed                       organizations, users, ~60 claims with real history
//   npm run db:seed -- --if-empty         the same, only when there are no claims yet (used by `npm run demo`)
//   npm run db:seed -- --claims 100000 [--orgs 2000] [--workers 2]   bulk claims with products and events,
//                                         set-based, in batches on parallel connections (prisma/bulk-seed.ts)
// Demo claims are produced through the claim service at past instants, then the real sweep runs, so
// every status, deadline and history row is what the product itself would have written.
// Refused when NODE_ENV=production: the demo password is public.
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { hashPassword } from "../lib/auth/password";
import { DYNAMICS_PRODUCTS, WORKLOADS, type UserRole } from "../lib/claims/catalogue";
import type { Actor } from "../lib/claims/lifecycle";
import * as service from "../lib/claims/service";
import { runSweep } from "../lib/claims/sweep";
import { closeDb, getDb, type Db } from "../lib/db";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS } from "../lib/demo-users";
import { consentTokenOfOutboxRow } from "../lib/mail/consent-notice";
import { getFileStorage } from "../lib/storage/file-storage";
import { seedBulk } from "./bulk-seed";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

// A small deterministic PRNG: the demo data is the same on every machine.
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20261125);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const guid = () =>
  "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
    const r = Math.floor(rand() * 16);
    return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
  });

const CUSTOMERS = [
  "Northwind Traders", "Adventure Works", "Wide World Importers", "Tailspin Toys", "Woodgrove Bank",
  "Litware", "Proseware", "Lamna Healthcare", "Alpine Ski House", "Blue Yonder Airlines",
  "Coho Winery", "Fourth Coffee", "Graphic Design Institute", "Humongous Insurance", "Lucerne Publishing",
  "Margie's Travel", "Relecloud", "School of Fine Art", "Southridge Video", "Trey Research",
  "VanArsdel", "Wingtip Toys", "Bellows College", "City Power & Light", "Contoso Pharmaceuticals",
  "Datum Corporation", "First Up Consultants", "Nod Publishers", "Consolidated Messenger", "Best For You Organics",
];
const domainOf = (name: string) => `${name.toLowerCase().replace(/&/g, "and").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.example`;

function minimalPdf(title: string): Buffer {
  // A real, parseable one-page PDF (the PoE type check reads its magic bytes).
  const text = title.replace(/[()\\]/g, "");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    null,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

interface SeedContext {
  db: Db;
  users: Map<string, Actor & { kind: "user" }>;
}

async function seedOrganizationsAndUsers(db: Db): Promise<SeedContext> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgIds = new Map<string, string>();
  for (const org of DEMO_ORGANIZATIONS) {
    const existing = await db.organization.findFirst({ where: { name: org.name } });
    const row = existing ?? (await db.organization.create({ data: { name: org.name } }));
    orgIds.set(org.name, row.id);
    for (const [index, mpnId] of org.mpnIds.entries()) {
      await db.partnerLocation.upsert({
        where: { mpnId },
        create: { mpnId, organizationId: row.id, name: `${org.name} — ${index === 0 ? "headquarters" : "branch"}` },
        update: {},
      });
    }
  }
  const users = new Map<string, Actor & { kind: "user" }>();
  for (const user of DEMO_USERS) {
    const organizationId = user.organization ? orgIds.get(user.organization)! : null;
    const row = await db.user.upsert({
      where: { email: user.email },
      create: { email: user.email, name: user.name, role: user.role, organizationId, passwordHash },
      update: { name: user.name, role: user.role, organizationId, passwordHash, active: true },
    });
    users.set(user.email, { kind: "user", userId: row.id, role: user.role as UserRole, organizationId });
  }
  return { db, users };
}

type Outcome =
  | "EDITING"
  | "SUBMITTED"
  | "SUBMITTED_OVERDUE"
  | "UNDER_REVIEW"
  | "PARTNER_ACTION_REQUIRED"
  | "PARTNER_RESPONDED"
  | "APPROVED_CONSENT_OPEN"
  | "APPROVED_SENT"
  | "REJECTED_INSUFFICIENT"
  | "REJECTED_DISPUTE_OPEN"
  | "REJECTED_DISPUTE_UPHELD"
  | "OVERTURNED_UNDER_REVIEW"
  | "WITHDRAWN"
  | "NO_PARTNER_RESPONSE"
  | "CUSTOMER_DECLINED";

const OUTCOMES: Outcome[] = [
  ...Array<Outcome>(4).fill("EDITING"),
  ...Array<Outcome>(5).fill("SUBMITTED"),
  ...Array<Outcome>(2).fill("SUBMITTED_OVERDUE"),
  ...Array<Outcome>(5).fill("UNDER_REVIEW"),
  ...Array<Outcome>(3).fill("PARTNER_ACTION_REQUIRED"),
  ...Array<Outcome>(2).fill("PARTNER_RESPONDED"),
  ...Array<Outcome>(3).fill("APPROVED_CONSENT_OPEN"),
  ...Array<Outcome>(3).fill("APPROVED_SENT"),
  ...Array<Outcome>(2).fill("REJECTED_INSUFFICIENT"),
  "REJECTED_DISPUTE_OPEN",
  "REJECTED_DISPUTE_UPHELD",
  "OVERTURNED_UNDER_REVIEW",
  "WITHDRAWN",
  "NO_PARTNER_RESPONSE",
  "CUSTOMER_DECLINED",
];

async function seedClaim(ctx: SeedContext, orgIndex: number, outcome: Outcome, n: number, now: Date) {
  const { db, users } = ctx;
  const org = DEMO_ORGANIZATIONS[orgIndex];
  const partner = users.get(orgIndex === 0 ? (n % 3 === 0 ? "billing@contoso-partner.example" : "admin@contoso-partner.example") : "admin@fabrikam-partner.example")!;
  const reviewer = users.get(n % 2 === 0 ? "reviewer1@review.example" : "reviewer2@review.example")!;
  const customerName = CUSTOMERS[(n * 7 + orgIndex * 3) % CUSTOMERS.length];
  const modernWork = rand() < 0.6;
  const products = modernWork
    ? [...new Set([pick(WORKLOADS), pick(WORKLOADS), pick(WORKLOADS)])].slice(0, 1 + Math.floor(rand() * 3)).map((name) => ({ kind: "WORKLOAD" as const, name }))
    : [...new Set([pick(DYNAMICS_PRODUCTS), pick(DYNAMICS_PRODUCTS)])].map((name) => ({ kind: "DYNAMICS" as const, name, subscriptionId: guid() }));
  // Days ago the story starts; recent outcomes start recently so their deadlines are still ahead.
  const startDaysAgo: Record<Outcome, number> = {
    EDITING: 1 + rand() * 5,
    SUBMITTED: 1 + rand() * 1.5,
    SUBMITTED_OVERDUE: 12 + rand() * 3,
    UNDER_REVIEW: 3 + rand() * 2,
    PARTNER_ACTION_REQUIRED: 4 + rand(),
    PARTNER_RESPONDED: 4 + rand(),
    APPROVED_CONSENT_OPEN: 5 + rand(),
    APPROVED_SENT: 25 + rand() * 20,
    REJECTED_INSUFFICIENT: 10 + rand() * 20,
    REJECTED_DISPUTE_OPEN: 12,
    REJECTED_DISPUTE_UPHELD: 20,
    OVERTURNED_UNDER_REVIEW: 15,
    WITHDRAWN: 8 + rand() * 10,
    NO_PARTNER_RESPONSE: 25,
    CUSTOMER_DECLINED: 10,
  };
  let t = new Date(now.getTime() - startDaysAgo[outcome] * DAY);
  const step = (hours: number) => (t = new Date(t.getTime() + hours * HOUR));
  const at = () => ({ now: new Date(t) });

  const claim = await service.createClaim(
    db,
    partner,
    {
      mpnId: org.mpnIds[n % 2],
      program: rand() < 0.5 ? "OSU" : "OSA",
      activity: pick(["PRE_SALES", "REVENUE_ASSOCIATION", "USAGE"] as const),
      solutionArea: modernWork ? "MODERN_WORK" : "BUSINESS_APPLICATIONS",
      customer: { tenantId: guid(), domain: domainOf(customerName), name: customerName },
      products,
      customerContact: { name: "Jordan Customer", title: "IT Director", email: `it.director@${domainOf(customerName)}` },
      partnerContact: { name: org.name.split(" ")[0] + " Lead", title: "Partner Success Manager", email: `success@${org.key}-partner.example`, phone: "+1 425 555 0100" },
      commentary: `Deployment and adoption workshop for ${customerName}.`,
    },
    at(),
  );
  const id = claim.id;
  const uploadPoe = async (label: string) => {
    const stored = await getFileStorage().put(Readable.from(minimalPdf(`${label} - ${customerName}`)), { maxBytes: 1 << 20 });
    await service.recordPoeFile(db, partner, id, {
      fileName: `${label.toLowerCase().replace(/\s+/g, "-")}.pdf`,
      size: stored.size,
      sha256: stored.sha256,
      contentType: "application/pdf",
      storageKey: stored.key,
    }, at());
  };
  step(2);
  if (outcome === "EDITING") {
    if (n % 2 === 0) await uploadPoe("Statement of work");
    return;
  }
  await uploadPoe("Signed statement of work");
  step(1);
  await service.submitClaim(db, partner, id, {}, at());
  if (outcome === "SUBMITTED" || outcome === "SUBMITTED_OVERDUE") return;
  if (outcome === "WITHDRAWN") {
    // A draft is discarded, never withdrawn (docs/domain.md "Partner tools"): every withdrawal follows a submission.
    const wrongMpnId = n % 2 === 0;
    step(wrongMpnId ? 1 : 20);
    const comment = wrongMpnId ? "Created by mistake with the wrong MPN ID." : "We are no longer working with this customer.";
    await service.withdrawClaim(db, partner, id, { comment }, at());
    return;
  }
  step(20);
  await service.startReview(db, reviewer, id, {}, at());
  if (outcome === "UNDER_REVIEW") return;
  step(18);
  const needsInfo = ["PARTNER_ACTION_REQUIRED", "PARTNER_RESPONDED", "NO_PARTNER_RESPONSE", "APPROVED_SENT", "REJECTED_DISPUTE_OPEN"].includes(outcome);
  if (needsInfo) {
    await service.requestPartnerInfo(db, reviewer, id, {
      reasonCodes: outcome === "APPROVED_SENT" ? ["MISSING_OR_OLD_DATES"] : ["MISSING_CUSTOMER_ACKNOWLEDGMENT", "MISSING_PRODUCTS"],
      comment: "The statement of work is not signed by the customer and does not name every claimed product. Please upload a signed version.",
    }, at());
    if (outcome === "PARTNER_ACTION_REQUIRED" || outcome === "NO_PARTNER_RESPONSE") return;
    step(26);
    await service.addComment(db, partner, id, { body: "Uploaded the countersigned statement of work, which lists every product." }, at());
    await uploadPoe("Countersigned statement of work");
    if (outcome === "PARTNER_RESPONDED") return;
    step(2);
    await service.resubmitClaim(db, partner, id, {}, at());
    step(20);
  }
  if (outcome === "APPROVED_CONSENT_OPEN" || outcome === "APPROVED_SENT" || outcome === "CUSTOMER_DECLINED") {
    await service.approveClaim(db, reviewer, id, { comment: "PoE confirms the engagement. Approved." }, at());
    if (outcome === "CUSTOMER_DECLINED") {
      step(40);
      // The customer's link is in the consent notice the approval queued (the service never returns the token).
      const notice = await db.outboxMessage.findFirstOrThrow({ where: { claimId: id, kind: "CUSTOMER_CONSENT_NOTICE" }, orderBy: { createdAt: "desc" } });
      await service.denyConsent(db, consentTokenOfOutboxRow(notice) ?? "", { reason: "We did not work with this partner." }, at());
    }
    return;
  }
  await service.rejectClaim(db, reviewer, id, { reason: n % 2 ? "INSUFFICIENT_POE" : "POE_UNAVAILABLE", comment: "The PoE does not show the partner's work with this customer." }, at());
  if (outcome === "REJECTED_INSUFFICIENT") return;
  step(30);
  const dispute = await service.openDispute(db, partner, id, { details: "The attached workshop report shows our delivery; we believe the rejection is a mistake." }, at());
  if (outcome === "REJECTED_DISPUTE_OPEN") {
    step(2);
    await uploadPoe("Workshop delivery report");
    return;
  }
  step(30);
  await service.resolveDispute(db, reviewer, dispute.id, outcome === "OVERTURNED_UNDER_REVIEW"
    ? { outcome: "OVERTURN", comment: "The workshop report is sufficient; back to review." }
    : { outcome: "UPHOLD", comment: "The report predates the claim period; the rejection stands." }, at());
}

async function seedDemoClaims(ctx: SeedContext, now: Date) {
  let n = 0;
  for (const orgIndex of [0, 1]) {
    for (const outcome of OUTCOMES) {
      n++;
      await seedClaim(ctx, orgIndex, outcome, n, now);
    }
  }
  await seedCompetingPair(ctx, now);
  const summary = await runSweep(ctx.db, now);
  console.log(`  ${n} demo claims; sweep: ${summary.autoRejected} auto-rejected, ${summary.consentCompleted} sent for assessment, ${summary.flaggedOverdue} overdue`);
}

/**
 * Two partners claiming the same customer workload (tenant + program + Teams): shows the partner's
 * competing-claims warning and the reviewer's side-by-side view. Contoso's claim is under review, held by
 * reviewer 1 (reviewer 2 can take it over); Fabrikam's waits in the queue.
 */
async function seedCompetingPair(ctx: SeedContext, now: Date) {
  const customerName = "Munson's Pickles and Preserves Farm";
  const tenantId = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
  const claimFor = async (orgIndex: number, partnerEmail: string, startDaysAgo: number) => {
    const org = DEMO_ORGANIZATIONS[orgIndex];
    const partner = ctx.users.get(partnerEmail)!;
    let t = new Date(now.getTime() - startDaysAgo * DAY);
    const at = (hours: number) => ({ now: (t = new Date(t.getTime() + hours * HOUR)) });
    const claim = await service.createClaim(ctx.db, partner, {
      mpnId: org.mpnIds[0],
      program: "OSU",
      activity: "PRE_SALES",
      solutionArea: "MODERN_WORK",
      customer: { tenantId, domain: domainOf(customerName), name: customerName },
      products: [{ kind: "WORKLOAD", name: "TEAMS" }],
      customerContact: { name: "Jordan Customer", title: "IT Director", email: `it.director@${domainOf(customerName)}` },
      partnerContact: { name: `${org.name.split(" ")[0]} Lead`, title: "Partner Success Manager", email: `success@${org.key}-partner.example` },
      commentary: `Teams rollout for ${customerName}.`,
    }, at(0));
    const stored = await getFileStorage().put(Readable.from(minimalPdf(`Teams rollout - ${customerName}`)), { maxBytes: 1 << 20 });
    await service.recordPoeFile(ctx.db, partner, claim.id, {
      fileName: "teams-rollout-report.pdf",
      size: stored.size,
      sha256: stored.sha256,
      contentType: "application/pdf",
      storageKey: stored.key,
    }, at(1));
    await service.submitClaim(ctx.db, partner, claim.id, {}, at(1));
    return { id: claim.id, at };
  };
  const contoso = await claimFor(0, "admin@contoso-partner.example", 2);
  await service.startReview(ctx.db, ctx.users.get("reviewer1@review.example")!, contoso.id, {}, contoso.at(3));
  await claimFor(1, "admin@fabrikam-partner.example", 1);
}

async function main() {
  if (process.env.NODE_ENV === "production") {
    console.error("Refusing to seed demo users in production (NODE_ENV=production): the demo password is public.");
    process.exit(1);
  }
  const { values } = parseArgs({
    options: { "if-empty": { type: "boolean" }, claims: { type: "string" }, orgs: { type: "string" }, workers: { type: "string" } },
  });
  const db = getDb();
  try {
    const bulk = values.claims ? Number(values.claims) : 0;
    if (values.claims && (!Number.isInteger(bulk) || bulk < 1)) throw new Error("--claims takes a positive whole number");
    if (values["if-empty"] && (await db.claim.count({ take: 1 })) > 0) {
      console.log("  the database already has claims: demo data left as it is");
      return;
    }
    const started = Date.now();
    const ctx = await seedOrganizationsAndUsers(db);
    if (bulk) {
      await seedBulk(db, bulk, Number(values.orgs ?? 0), values.workers ? { workers: Number(values.workers) } : {});
    } else if ((await db.claim.count({ take: 1 })) === 0) {
      await seedDemoClaims(ctx, new Date());
    } else {
      console.log("  claims exist already: users and organizations refreshed, claims left as they are");
    }
    console.log(`  seed done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await closeDb();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
