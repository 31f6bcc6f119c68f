// The bell and email in the browser: a partner sees the count rise after a reviewer asks for information, opens
// the notification and lands on the claim; a partner who chose French gets the email (an .eml file written by the
// e2e server's transport) and the notification in French. The customer's link from the .eml is followed in
// customer-consent.spec.ts.
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { closeDriver, driver, driverAvailable, fileSubmittedClaim, readE2eMails } from "./partner-helpers";

test.skip(!driverAvailable, "needs the e2e server on PostgreSQL to act as the reviewer");
test.afterAll(closeDriver);
test.describe.configure({ timeout: 120_000 });

async function bellCount(page: import("@playwright/test").Page): Promise<number> {
  const count = page.getByTestId("notification-count");
  // The bell asks for its count after the page has loaded: read it once it has arrived, not the initial 0.
  await expect(count).toHaveAttribute("data-loaded", "true");
  return Number(await count.getAttribute("data-count"));
}

test("a partner sees the bell count rise after an information request and opens the claim from it", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  const claim = await fileSubmittedClaim(page, "Bell E2E");
  await page.reload();
  const before = await bellCount(page);

  const { db, service, user } = await driver();
  const reviewer = await user(USERS.reviewer1);
  await service.startReview(db, reviewer, claim.id);
  await service.requestPartnerInfo(db, reviewer, claim.id, { reasonCodes: ["MISSING_ALL_POE"], comment: "Please upload the signed SOW." });

  await page.reload();
  await expect(page.getByTestId("notification-count")).toHaveAttribute("data-count", String(before + 1));
  await page.getByTestId("notification-bell").click();
  await expect(page).toHaveURL(/\/notifications$/);
  const item = page.getByTestId("notification").filter({ hasText: claim.number }).first();
  await expect(item).toHaveAttribute("data-read", "false");
  await expect(item).toContainText("Please upload the signed SOW.");
  await item.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}$`));
  await expect(page.getByTestId("status-badge")).toHaveText(/Partner action required/);
  await expect(page.getByTestId("notification-count")).toHaveAttribute("data-count", String(before));
});

test("a partner who chose French gets the email and the notification in French", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  await page.goto("/settings/notifications");
  await page.getByLabel("Email language").selectOption("fr");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("preferences-saved")).toBeVisible();

  const claim = await fileSubmittedClaim(page, "French E2E");
  const { db, service, user, deliverMail } = await driver();
  const reviewer = await user(USERS.reviewer1);
  await service.startReview(db, reviewer, claim.id);
  await service.requestPartnerInfo(db, reviewer, claim.id, { reasonCodes: ["MISSING_PRODUCTS"], comment: "Ajoutez Teams." });
  await deliverMail();

  const mails = (await readE2eMails()).filter((m) => m.to.includes(USERS.contosoAdmin) && m.subject.includes(claim.number));
  expect(mails).toHaveLength(1);
  expect(mails[0].subject).toContain("le réviseur demande des informations");
  expect(mails[0].text).toContain("Produits manquants");
  expect(mails[0].html).toContain("Ouvrir la revendication");
  expect(mails[0].messageId).toMatch(/^<\w+@localhost>$/);

  await page.goto("/notifications");
  await expect(page.getByTestId("notification").filter({ hasText: claim.number }).first()).toContainText("Le réviseur a besoin");
});
