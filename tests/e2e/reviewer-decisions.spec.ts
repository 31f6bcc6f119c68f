import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { fileSubmittedClaim } from "./partner-helpers";

async function switchTo(page: Page, email: string) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, email);
}

async function expectStatus(page: Page, status: string) {
  await expect(page.getByTestId("claim-page")).toHaveAttribute("data-status", status);
}

test("a reviewer starts the review and asks the partner for more information", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  const claim = await fileSubmittedClaim(page, "Reviewer Info");
  await switchTo(page, USERS.reviewer1);

  // The new claim is in the queue (Submitted tab, the default).
  await page.goto(`/review?q=${encodeURIComponent(claim.number)}`);
  await page.getByRole("link", { name: claim.number }).click();
  await expectStatus(page, "SUBMITTED");
  const panel = page.getByTestId("reviewer-panel");
  await panel.getByRole("button", { name: "Start review" }).click();
  await expectStatus(page, "UNDER_REVIEW");

  await panel.getByRole("button", { name: "Request information…" }).click();
  const dialog = page.getByTestId("request-info");
  // Nothing chosen: the form says what is missing, next to the fields, and changes nothing.
  await dialog.getByRole("button", { name: "Send request" }).click();
  await expect(dialog.getByTestId("error-reasonCodes")).toHaveText(/Choose at least one reason/);
  await dialog.getByLabel(/Missing Customer Acknowledgment/).check();
  await dialog.getByLabel(/Comment to the partner/).fill("Please upload the statement of work signed by the customer.");
  await dialog.getByRole("button", { name: "Send request" }).click();
  // The page re-renders with the new status (the decision panel closes: nothing left to decide).
  await expectStatus(page, "PARTNER_ACTION_REQUIRED");
  await page.reload();
  await expectStatus(page, "PARTNER_ACTION_REQUIRED");
  // The request's comment is posted to the thread the partner reads.
  await expect(page.getByTestId("comments").getByTestId("comment-body").last()).toHaveText(
    "Please upload the statement of work signed by the customer.",
  );

  // The partner sees the request with the seed's explanation of the reason.
  await switchTo(page, USERS.contosoAdmin);
  await page.goto(`/claims/${claim.id}`);
  await expectStatus(page, "PARTNER_ACTION_REQUIRED");
  await expect(page.getByTestId("partner-action")).toContainText("Customer signature is not on the PoE.");
});

test("a reviewer approves one claim and rejects another with a reason; partners cannot decide", async ({ page }) => {
  await signIn(page, USERS.contosoBilling);
  const first = await fileSubmittedClaim(page, "Reviewer Approve");
  const second = await fileSubmittedClaim(page, "Reviewer Reject");
  // A partner sees no decision panel on their own claim.
  await expect(page.getByTestId("reviewer-panel")).toHaveCount(0);
  await switchTo(page, USERS.reviewer2);

  await page.goto(`/claims/${first.id}`);
  const panel = page.getByTestId("reviewer-panel");
  await panel.getByRole("button", { name: "Start review" }).click();
  await expectStatus(page, "UNDER_REVIEW");
  await panel.getByRole("button", { name: "Approve…" }).click();
  await page.getByTestId("approve").getByRole("button", { name: "Approve", exact: true }).click();
  await expectStatus(page, "APPROVED");
  await expect(page.getByText(/Consent window ends/).first()).toBeVisible();

  await page.goto(`/claims/${second.id}`);
  await panel.getByRole("button", { name: "Start review" }).click();
  await expectStatus(page, "UNDER_REVIEW");
  await panel.getByRole("button", { name: "Reject…" }).click();
  const dialog = page.getByTestId("reject");
  await dialog.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(dialog.getByTestId("error-reason")).toHaveText(/Choose the rejection reason/);
  await dialog.getByLabel(/Insufficient proof of execution/).check();
  await dialog.getByLabel("Comment (optional)").fill("The PoE does not show the partner's work.");
  await dialog.getByRole("button", { name: "Reject", exact: true }).click();
  await expectStatus(page, "REJECTED");
});
