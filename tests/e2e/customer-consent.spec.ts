// Seed: "After your association is approved a notification will be sent to the customer giving them the
// opportunity to deny your association. The customer will then have seven days to opt out." The customer
// reads the link from the notice (the e2e server's mail log, written by outbox delivery), opens it without
// signing in and denies; a used, expired or unknown link says so.
import fs from "node:fs";
import { Readable } from "node:stream";
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { consentTokenOfOutboxRow } from "../../lib/mail/consent-notice";
import { closeDriver, driver, driverAvailable, fileSubmittedClaim, PDF, readE2eMails } from "./partner-helpers";

test.skip(!driverAvailable, "needs the e2e server on PostgreSQL to act as the reviewer");
test.afterAll(closeDriver);
// The first test in a run also pays for loading the claim service into the test process.
test.describe.configure({ timeout: 120_000 });

test("the customer denies an approved association through the link in the notice", async ({ page, browser }) => {
  await signIn(page, USERS.contosoAdmin);
  const claim = await fileSubmittedClaim(page, "Consent E2E");
  const { db, service, user, deliverMail } = await driver();
  const reviewer = await user(USERS.reviewer1);
  await service.startReview(db, reviewer, claim.id);
  await service.approveClaim(db, reviewer, claim.id, { comment: "PoE confirms the engagement." });
  await deliverMail();

  // The notice (an .eml file), addressed to the customer contact, holds the link.
  const notice = (await readE2eMails()).find((m) => m.text.includes(claim.number) && m.to.includes(claim.customer.contactEmail));
  expect(notice, "the customer's notice was written").toBeDefined();
  const link = /https?:\/\/\S+\/consent\/(\S+)/.exec(notice!.text)!;
  // The link's token is the one whose hash the approval stored (the service itself never returns it).
  expect(await db.consentToken.count({ where: { claimId: claim.id, tokenHash: service.hashConsentToken(link[1]) } })).toBe(1);

  // The partner sees Approved and the consent window.
  await page.reload();
  await expect(page.getByTestId("status-badge")).toHaveText(/Approved/);
  await expect(page.getByTestId("approval")).toContainText("may deny the association until");
  await expect(page.getByTestId("approval")).toContainText("does not mean the claim is approved for incentive earnings or payout");
  await expect(page.getByTestId("claim-deadline")).toContainText("The customer may deny until");

  // The customer: no account, a fresh browser.
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`/consent/${link[1]}`);
  await expect(customer.getByRole("heading", { name: `Partner association for ${claim.customer.customerName}` })).toBeVisible();
  await expect(customer.getByTestId("consent-claim-number")).toHaveText(claim.number);
  await expect(customer.getByTestId("consent-partner")).toHaveText("Contoso Partners Ltd");
  await expect(customer.getByTestId("consent-customer")).toHaveText(claim.customer.customerName);
  await expect(customer.getByTestId("consent-products")).toContainText("Teams");
  await expect(customer.getByTestId("consent-products")).toContainText("Exchange");
  await expect(customer.getByTestId("consent-deadline")).toHaveText(/\d{4}/);
  await customer.screenshot({ path: "/tmp/consent-page.png", fullPage: true });
  await customer.getByLabel("Reason (optional)").fill("We never worked with this partner.");
  await customer.getByRole("button", { name: "Deny this association" }).click();
  await expect(customer.getByTestId("consent-denied")).toContainText(`Claim ${claim.number} is rejected`);

  // The link is single-use.
  await customer.reload();
  await expect(customer.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  await expect(customer.getByRole("button", { name: "Deny this association" })).toHaveCount(0);
  // An unknown link.
  await customer.goto("/consent/not-a-real-token");
  await expect(customer.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
  await customerContext.close();

  // The partner sees the rejection: Customer decline.
  await page.reload();
  await expect(page.getByTestId("status-badge")).toHaveText(/Rejected/);
  await expect(page.getByTestId("rejection-reason")).toHaveText(/^Customer decline – /);
  await page.getByRole("button", { name: "History", exact: true }).click();
  await expect(page.getByTestId("history-dialog").locator('[data-type="CONSENT_DENIED"]')).toContainText("We never worked with this partner.");
});

test("an expired consent link says the consent period has ended", async ({ browser }) => {
  const { db, service, user } = await driver();
  const partner = await user(USERS.contosoAdmin);
  const reviewer = await user(USERS.reviewer2);
  const { localDiskStorage } = await import("../../lib/storage/file-storage");
  const storage = localDiskStorage(`./.data/e2e-${process.env.E2E_PORT ?? 3100}/files`);
  const day = 24 * 60 * 60 * 1000;
  const start = new Date(Date.now() - 20 * day);
  const at = (days: number) => ({ now: new Date(start.getTime() + days * day) });
  const claim = await service.createClaim(
    db,
    partner,
    {
      mpnId: "1234567",
      program: "OSA",
      activity: "USAGE",
      solutionArea: "MODERN_WORK",
      customer: { tenantId: crypto.randomUUID(), domain: "expired-consent.example", name: "Expired Consent Ltd" },
      products: [{ kind: "WORKLOAD", name: "INTUNE" }],
      customerContact: { name: "Pat Customer", title: "CIO", email: "cio@expired-consent.example" },
      partnerContact: { name: "Casey Contoso", title: "Manager", email: "casey@contoso-partner.example" },
    },
    at(0),
  );
  const stored = await storage.put(Readable.from(fs.readFileSync(PDF)), { maxBytes: 1 << 20 });
  await service.recordPoeFile(db, partner, claim.id, { fileName: "sow.pdf", contentType: "application/pdf", size: stored.size, sha256: stored.sha256, storageKey: stored.key }, at(0));
  await service.submitClaim(db, partner, claim.id, {}, at(0));
  await service.startReview(db, reviewer, claim.id, {}, at(1));
  await service.approveClaim(db, reviewer, claim.id, {}, at(2));
  const notice = await db.outboxMessage.findFirstOrThrow({ where: { claimId: claim.id, kind: "CUSTOMER_CONSENT_NOTICE" } });

  const context = await browser.newContext();
  const customer = await context.newPage();
  await customer.goto(`/consent/${consentTokenOfOutboxRow(notice)}`);
  await expect(customer.getByRole("heading", { name: "The consent period has ended" })).toBeVisible();
  await expect(customer.getByRole("button", { name: "Deny this association" })).toHaveCount(0);
  await context.close();
});
