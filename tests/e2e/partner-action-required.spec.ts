// Seed: "Partner Action Required: If a reviewer sends you comments and a request for additional information,
// you have five business days to respond." — reasons with the seed's explanations, the deadline, a reply in
// the Comments section, a new PoE, and Resubmit. The reviewer's side (a later issue's pages) is driven
// through the claim service on the e2e database.
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { closeDriver, driver, driverAvailable, fileSubmittedClaim, PDF_2, uploadPoe } from "./partner-helpers";

test.skip(!driverAvailable, "needs the e2e server on PostgreSQL to act as the reviewer");
test.afterAll(closeDriver);
// A test that drives the reviewer's side also pays for loading the claim service into the test process.
test.describe.configure({ timeout: 120_000 });

test("a partner answers a request for information with a comment and new PoE, then resubmits", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  const claim = await fileSubmittedClaim(page, "Action E2E");

  const { db, service, user } = await driver();
  const reviewer = await user(USERS.reviewer1);
  await service.startReview(db, reviewer, claim.id);
  await service.requestPartnerInfo(db, reviewer, claim.id, {
    reasonCodes: ["MISSING_CUSTOMER_ACKNOWLEDGMENT", "MISSING_PRODUCTS"],
    comment: "The statement of work is not signed by the customer and does not name Exchange.",
  });

  await page.reload();
  await expect(page.getByTestId("status-badge")).toHaveText(/Partner action required/);
  const panel = page.getByTestId("partner-action");
  await expect(panel.getByRole("heading", { name: "A reviewer needs more information" })).toBeVisible();
  const reasons = panel.getByTestId("reason-codes");
  await expect(reasons.locator('[data-code="MISSING_CUSTOMER_ACKNOWLEDGMENT"]')).toHaveText(
    "Missing Customer Acknowledgment – Customer signature is not on the PoE.",
  );
  await expect(reasons.locator('[data-code="MISSING_PRODUCTS"]')).toHaveText(
    "Missing Products – PoE doesn't include a product or workload being claimed for.",
  );
  await expect(panel.getByTestId("request-comment")).toHaveText(/not signed by the customer/);
  await expect(panel).toContainText(/Respond by .+ or the claim is rejected for no partner response\./);
  await expect(panel).toContainText(/\d+ business days? left|Due today/);
  await expect(page.getByTestId("claim-deadline")).toContainText("Respond by");
  await page.screenshot({ path: "/tmp/claim-partner-action.png", fullPage: true });

  // Reply in the Comments section, where the reviewer asked.
  const comments = page.getByTestId("comments");
  await expect(comments.getByTestId("comment").first()).toContainText("Riley Reviewer (Reviewer)");
  await page.getByLabel("Add a comment").fill("Uploaded the countersigned statement of work.\nIt lists Teams and Exchange.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(comments.getByTestId("comment")).toHaveCount(2);
  await expect(comments.getByTestId("comment").last().getByTestId("comment-body")).toHaveText(
    "Uploaded the countersigned statement of work.\nIt lists Teams and Exchange.",
  );
  await expect(page.getByLabel("Add a comment")).toHaveValue("");

  // Add PoE (allowed in Partner action required), then resubmit with a note.
  await uploadPoe(page, PDF_2);
  await page.getByLabel("Comment to the reviewer (optional)").fill("Both files are attached.");
  await page.getByRole("button", { name: "Resubmit claim" }).click();
  await expect(page.getByTestId("status-badge")).toHaveText(/Under review/);
  await expect(page.getByTestId("claim-deadline")).toContainText("Decision due by");
  await expect(page.getByTestId("comments").getByTestId("comment")).toHaveCount(3);
  await expect(page.getByTestId("status-timeline")).toContainText("Partner action required");

  await page.getByRole("button", { name: "History", exact: true }).click();
  const resubmit = page.getByTestId("history-dialog").locator('[data-type="STATUS_CHANGED"]').first();
  await expect(resubmit).toContainText("Partner action required → Under review");
  await expect(resubmit).toContainText("Resubmit");
  await expect(page.getByTestId("history-dialog").locator('[data-type="STATUS_CHANGED"]').nth(1)).toContainText(
    "Reasons: Missing Customer Acknowledgment, Missing Products",
  );
});
