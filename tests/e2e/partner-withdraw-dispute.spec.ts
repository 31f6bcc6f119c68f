// Seed: "Partner request: Partners can request to have their association rejected" (withdraw), and
// "Dispute the status of a CPOR association claim … MPN ID, Incentive Program Name, CPOR association claim
// ID, Product, Customer Tenant ID, Details of the issue" (a rejected claim, within 30 days).
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { closeDriver, driver, driverAvailable, fileSubmittedClaim, PDF_2, uploadPoe } from "./partner-helpers";

test.afterAll(closeDriver);
// A test that drives the reviewer's side also pays for loading the claim service into the test process.
test.describe.configure({ timeout: 120_000 });

test("a billing admin withdraws a claim with a reason (Partner request)", async ({ page }) => {
  // Seed: "Appropriate roles: Billing admin, Global admin, Incentives admin" — a billing admin files and withdraws too.
  await signIn(page, USERS.contosoBilling);
  // A draft is discarded, not withdrawn (partner-tools.spec.ts): withdraw a submitted claim.
  await fileSubmittedClaim(page, "Withdraw E2E");
  await page.getByRole("button", { name: "Withdraw claim" }).click();
  const dialog = page.getByTestId("withdraw-dialog");
  await expect(dialog).toBeVisible();
  // No reason chosen: the dialog says so and stays open.
  await dialog.getByRole("button", { name: "Withdraw claim" }).click();
  await expect(dialog.getByTestId("error-withdraw-reason")).toHaveText(/Choose why you withdraw the claim/);
  await dialog.getByRole("radio", { name: "Created with an incorrect MPN ID" }).check();
  await dialog.getByLabel("Details").fill("Should have been filed for the branch location.");
  await page.screenshot({ path: "/tmp/claim-withdraw.png" });
  await dialog.getByRole("button", { name: "Withdraw claim" }).click();

  await expect(page.getByTestId("status-badge")).toHaveText(/Rejected/);
  await expect(page.getByTestId("rejection-reason")).toHaveText(/^Partner request – /);
  // The reason is stored as a code and shown translated; the comment is the partner's own words only.
  await expect(page.getByTestId("withdraw-reason")).toHaveAttribute("data-code", "WRONG_MPN_ID");
  await expect(page.getByTestId("withdraw-reason")).toHaveText("Withdrawn because: Created with an incorrect MPN ID");
  await expect(page.getByTestId("rejection-comment")).toHaveText("Comment: Should have been filed for the branch location.");
  await expect(page.getByText("A claim you withdrew cannot be disputed; create a new claim instead.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Dispute this rejection" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Withdraw claim" })).toHaveCount(0);
});

test("a partner disputes a rejected claim with the seed's fields prefilled, then adds PoE", async ({ page }) => {
  test.skip(!driverAvailable, "needs the e2e server on PostgreSQL to act as the reviewer");
  await signIn(page, USERS.contosoAdmin);
  const claim = await fileSubmittedClaim(page, "Dispute E2E");
  const { db, service, user } = await driver();
  const reviewer = await user(USERS.reviewer2);
  await service.startReview(db, reviewer, claim.id);
  await service.rejectClaim(db, reviewer, claim.id, { reason: "INSUFFICIENT_POE", comment: "The PoE does not show delivery dates." });

  await page.reload();
  await expect(page.getByTestId("status-badge")).toHaveText(/Rejected/);
  await expect(page.getByTestId("rejection-reason")).toHaveText(/^Insufficient proof of execution – /);
  await expect(page.getByText(/You may dispute this rejection until/)).toBeVisible();
  await page.getByRole("button", { name: "Dispute this rejection" }).click();
  const dialog = page.getByTestId("dispute-dialog");
  await expect(dialog.getByLabel("MPN ID")).toHaveValue("1234567");
  await expect(dialog.getByLabel("Incentive program")).toHaveValue("OSU");
  await expect(dialog.getByLabel("CPOR association claim ID")).toHaveValue(claim.number);
  await expect(dialog.getByLabel("Customer tenant ID")).toHaveValue(claim.customer.tenantId);
  await expect(dialog.getByRole("checkbox", { name: "Teams" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "Exchange" })).toBeChecked();

  // Details are required.
  await dialog.getByRole("button", { name: "Open dispute" }).click();
  await expect(dialog.getByTestId("error-dispute-details")).toHaveText(/Describe the issue/);
  await dialog.getByRole("checkbox", { name: "Exchange" }).uncheck();
  await dialog.getByLabel("Details of the issue").fill("The workshop report has the delivery dates on page 2.");
  await page.screenshot({ path: "/tmp/claim-dispute.png" });
  await dialog.getByRole("button", { name: "Open dispute" }).click();

  // At once, without a reload: every panel shows the dispute from the one claim the page loaded — the
  // timeline's step, the rejection panel's details — and nothing still offers to open one (issue 9: the
  // panel once kept offering the dispute while the timeline already said it was open).
  const dispute = page.getByTestId("dispute");
  await expect(dispute).toHaveAttribute("data-dispute-status", "OPEN");
  await expect(dispute).toContainText("The workshop report has the delivery dates on page 2.");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Dispute this rejection" })).toHaveCount(0);
  await expect(page.getByText(/You may dispute this rejection until/)).toHaveCount(0);
  await expect(page.getByTestId("status-timeline").locator('[aria-current="step"]')).toContainText("Dispute open");
  // The server's own rendering agrees.
  await page.reload();
  await expect(page.getByTestId("dispute")).toContainText("The workshop report has the delivery dates on page 2.");
  await expect(page.getByRole("button", { name: "Dispute this rejection" })).toHaveCount(0);
  // New PoE may be uploaded while the dispute is open.
  await uploadPoe(page, PDF_2);
  await page.getByRole("button", { name: "History", exact: true }).click();
  await expect(page.getByTestId("history-dialog").locator('[data-type="DISPUTE_OPENED"]')).toContainText("delivery dates on page 2");
});
