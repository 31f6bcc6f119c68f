// Shared steps of the partner and customer e2e specs: filing a claim through the browser, uploading PoE,
// submitting — as a partner would — and, for what no browser page does yet (reviewer decisions, outbox
// delivery), a driver that calls the claim service on the e2e server's own PostgreSQL database.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import type { Actor } from "../../lib/claims/lifecycle";

export const FIXTURES = path.resolve("tests/fixtures");
export const PDF = path.join(FIXTURES, "poe-statement-of-work.pdf");
export const PDF_2 = path.join(FIXTURES, "poe-countersigned.pdf");
export const FAKE_PDF = path.join(FIXTURES, "not-really-a.pdf");

export function sha256Of(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export interface NewClaim {
  customerName: string;
  domain: string;
  tenantId: string;
  contactEmail: string;
}

/** A customer no other test uses, so competing-claim warnings and searches stay predictable. */
export function uniqueCustomer(label: string): NewClaim {
  const suffix = randomUUID().slice(0, 8);
  return {
    customerName: `${label} ${suffix}`,
    domain: `${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${suffix}.example`,
    tenantId: randomUUID(),
    contactEmail: `it.director@${suffix}.example`,
  };
}

/** Fills the new-claim form (Modern Work, two workloads, both contacts). */
export async function fillNewClaim(page: Page, claim: NewClaim, options: { tenantId?: string } = {}) {
  await page.getByLabel("MPN ID").selectOption("1234567");
  await page.getByLabel("Incentive program").selectOption("OSU");
  await page.getByLabel("Activity (partner role)").selectOption({ label: "Pre-sales" });
  await page.getByRole("radio", { name: "Modern Work (Microsoft 365)" }).check();
  await page.getByLabel("Customer tenant ID").fill(options.tenantId ?? claim.tenantId);
  await page.getByLabel("Customer primary domain").fill(claim.domain);
  await page.getByLabel("Customer name").fill(claim.customerName);
  await page.getByRole("checkbox", { name: "Teams" }).check();
  await page.getByRole("checkbox", { name: "Exchange" }).check();
  const customer = page.getByRole("group", { name: "Customer contact" });
  await customer.getByLabel("Name", { exact: true }).fill("Jordan Customer");
  await customer.getByLabel("Job title").fill("IT Director");
  await customer.getByLabel("Email").fill(claim.contactEmail);
  const partner = page.getByRole("group", { name: "Partner contact" });
  await partner.getByLabel("Name", { exact: true }).fill("Casey Contoso");
  await partner.getByLabel("Job title").fill("Partner Success Manager");
  await partner.getByLabel("Email").fill("casey@contoso-partner.example");
  await partner.getByLabel("Phone (optional)").fill("+1 425 555 0100");
  await page.getByLabel("Commentary", { exact: true }).fill("Teams and Exchange adoption workshop.");
}

/** Files a draft claim through the new-claim form; returns its id and number. */
export async function createClaimThroughUi(page: Page, claim: NewClaim): Promise<{ id: string; number: string }> {
  await page.goto("/claims/new");
  await fillNewClaim(page, claim);
  await page.getByRole("button", { name: "Save draft claim" }).click();
  await expect(page).toHaveURL(/\/claims\/[^/?]+\?created=1$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const number = (await page.getByTestId("claim-number").innerText()).trim();
  return { id, number };
}

export async function uploadPoe(page: Page, file: string) {
  const name = path.basename(file);
  const before = await page.getByTestId("poe-row").count();
  await page.getByLabel("Add proof-of-execution files").setInputFiles(file);
  await expect(page.getByTestId("poe-upload-done").filter({ hasText: name })).toBeVisible();
  await expect(page.getByTestId("poe-row")).toHaveCount(before + 1);
}

export async function submitThroughUi(page: Page) {
  await page.getByRole("button", { name: "Submit claim" }).click();
  await expect(page.getByTestId("claim-page")).toHaveAttribute("data-status", "SUBMITTED");
}

/** Draft → PoE → submitted, all in the browser. */
export async function fileSubmittedClaim(page: Page, label: string) {
  const customer = uniqueCustomer(label);
  const claim = await createClaimThroughUi(page, customer);
  await uploadPoe(page, PDF);
  await submitThroughUi(page);
  return { ...claim, customer };
}

// ───────────────────────────── service driver (PostgreSQL e2e database) ─────────────────────────────

/** The e2e server runs on PostgreSQL unless it was unreachable (then PGlite, one process: no driver). */
export const driverAvailable = process.env.CPOR_PG_AVAILABLE !== "0";

export function e2ePort(): number {
  return Number(process.env.E2E_PORT ?? 3100);
}

/** The same database scripts/e2e-server.sh created for this port. */
export function e2eDatabaseUrl(): string {
  const base = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  return `${base.replace(/\/[^/]*$/, "")}/cpor_e2e_${e2ePort()}`;
}

/** Where the e2e server (scripts/e2e-server.sh, MAIL_DIR) and the driver write one .eml file per message. */
export function e2eMailDir(): string {
  return path.resolve(`.data/e2e-${e2ePort()}/mail`);
}

export interface ReceivedMail {
  file: string;
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Every .eml file the e2e server or driver wrote, parsed. */
export async function readE2eMails(): Promise<ReceivedMail[]> {
  const { simpleParser } = await import("mailparser");
  const dir = e2eMailDir();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(fs.readFileSync(path.join(dir, file)));
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? "");
      return { file, messageId: parsed.messageId ?? "", to, subject: parsed.subject ?? "", text: parsed.text ?? "", html: String(parsed.html || "") };
    }),
  );
}

let driverOpened = false;

export async function driver() {
  process.env.DATABASE_URL = e2eDatabaseUrl();
  // The same values as the e2e server (scripts/e2e-server.sh): links in messages, and the key that opens the
  // outbox's sealed consent token.
  process.env.NEXTAUTH_SECRET ??= "e2e-only-secret-not-for-production";
  process.env.NEXTAUTH_URL ??= `http://localhost:${e2ePort()}`;
  process.env.AUDIT_CHAIN_KEY ??= "e2e-only-audit-chain-key-not-for-production";
  driverOpened = true;
  const [{ getDb }, service, { deliverOutbox, emlFileTransport }] = await Promise.all([
    import("../../lib/db"),
    import("../../lib/claims/service"),
    import("../../lib/mail/deliver"),
  ]);
  const db = getDb();
  async function user(email: string): Promise<Actor> {
    const row = await db.user.findUniqueOrThrow({ where: { email } });
    return { kind: "user", userId: row.id, role: row.role, organizationId: row.organizationId };
  }
  return { db, service, user, deliverMail: () => deliverOutbox(db, new Date(), emlFileTransport(e2eMailDir())) };
}

export async function closeDriver() {
  if (!driverOpened) return;
  driverOpened = false;
  const { closeDb } = await import("../../lib/db");
  await closeDb();
}
