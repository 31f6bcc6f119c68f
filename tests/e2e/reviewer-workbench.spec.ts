// The reviewer workbench as reviewers use it (issue 11): reviewer 2 takes over reviewer 1's claim from the
// seed's competing pair, compares the competing claim of another partner, previews the PoE, writes an internal
// note and requests information; reviewer 1 can no longer decide it; the partner never sees the note; a
// dispute is resolved from the dispute queue, in French.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test.describe.configure({ timeout: 120_000 });

// prisma/seed.ts seedCompetingPair: Contoso's claim under review (held by reviewer 1), Fabrikam's submitted.
const COMPETING_CUSTOMER = "Munson's Pickles and Preserves Farm";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test("reviewer 2 takes over, compares, previews, notes and asks for information; reviewer 1 can no longer decide", async ({ page, browser }) => {
  await signIn(page, USERS.reviewer2);

  // The queue's "Everyone" view of claims under review shows who holds each claim.
  await page.goto(`/review?status=UNDER_REVIEW&q=${encodeURIComponent(COMPETING_CUSTOMER)}`);
  const row = page.getByTestId("claim-row").first();
  await expect(row).toContainText("Riley Reviewer");
  await row.getByRole("link").first().click();
  await expect(page.getByTestId("claim-page")).toHaveAttribute("data-status", "UNDER_REVIEW");
  const claimUrl = page.url();

  // Held by reviewer 1: no decision for reviewer 2, only take-over.
  await expect(page.getByTestId("holder-text")).toContainText("Held by Riley Reviewer");
  await expect(page.getByRole("button", { name: "Approve…" })).toHaveCount(0);
  await page.getByTestId("take-over").click();
  await expect(page.getByTestId("holder-text")).toContainText("You hold this claim");
  await expect(page.getByTestId("reviewer-panel").getByRole("button", { name: "Request information…" })).toBeVisible();

  // The competing claim of the other partner, side by side, with a link.
  const competing = page.getByTestId("competing-row");
  await expect(competing).toHaveCount(1);
  await expect(competing.getByTestId("competing-organization")).toHaveText("Fabrikam Consulting");
  await expect(competing).toContainText("Submitted");

  // The PoE preview: inline, sandboxed, nosniff (the browser shows it; scripts in it cannot run).
  const preview = page.getByTestId("poe-preview").first();
  await expect(preview).toHaveAttribute("target", "_blank");
  const response = await page.request.get((await preview.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(/^inline/);
  expect(response.headers()["content-security-policy"]).toMatch(/(^|;\s*)sandbox(;|$)/);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  // HTML and office files never get a preview link; the download stays an attachment.
  const download = await page.request.get((await page.getByTestId("poe-download").first().getAttribute("href"))!);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment/);

  // An internal note.
  const note = `Checked with the Teams admin centre: rollout confirmed (${Date.now()}).`;
  await page.getByTestId("note-body").fill(note);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("notes-panel").getByTestId("note")).toContainText(note);

  // Reviewer 1, in their own browser, holds it no longer: no decision buttons, the panel names reviewer 2.
  const reviewer1 = await signedIn(browser, USERS.reviewer1);
  await reviewer1.goto(claimUrl);
  await expect(reviewer1.getByTestId("holder-text")).toContainText("Held by Robin Reviewer");
  await expect(reviewer1.getByRole("button", { name: "Approve…" })).toHaveCount(0);
  await expect(reviewer1.getByRole("button", { name: "Reject…" })).toHaveCount(0);
  await expect(reviewer1.getByRole("button", { name: "Request information…" })).toHaveCount(0);
  await reviewer1.context().close();

  // Reviewer 2 asks the partner for more information.
  await page.getByTestId("reviewer-panel").getByRole("button", { name: "Request information…" }).click();
  const dialog = page.getByTestId("request-info");
  await dialog.getByLabel(/Missing Customer Acknowledgment/).check();
  await dialog.getByLabel(/Comment to the partner/).fill("Please upload the rollout report signed by the customer.");
  await dialog.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("claim-page")).toHaveAttribute("data-status", "PARTNER_ACTION_REQUIRED");

  // The partner sees the request, never the note.
  const partner = await signedIn(browser, USERS.contosoAdmin);
  await partner.goto(claimUrl);
  await expect(partner.getByTestId("claim-page")).toHaveAttribute("data-status", "PARTNER_ACTION_REQUIRED");
  await expect(partner.getByTestId("notes-panel")).toHaveCount(0);
  await expect(partner.getByText(note)).toHaveCount(0);
  await partner.context().close();
});

test("a dispute is resolved from the dispute queue, in French", async ({ page }) => {
  await signIn(page, USERS.reviewer1);
  await page.goto("/review");
  await page.getByTestId("disputes-link").click();
  await expect(page.getByRole("heading", { name: "Dispute queue" })).toBeVisible();
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { name: "File des contestations" })).toBeVisible();

  const item = page.getByTestId("dispute-item").first();
  const number = (await item.getAttribute("data-claim-number"))!;
  await expect(item.getByTestId("dispute-details")).not.toBeEmpty();
  await item.getByRole("button", { name: "Trancher" }).click();
  await expect(item.getByTestId("error-summary")).toBeVisible();
  await item.getByLabel("Maintenir : le refus est confirmé").check();
  await item.getByLabel(/Commentaire au partenaire/).fill("Le rapport est antérieur à la période : le rejet est maintenu.");
  await item.getByRole("button", { name: "Trancher" }).click();
  // Resolved: it leaves the queue of open disputes (the page re-renders), and stays gone after a reload.
  await expect(page.locator(`[data-claim-number="${number}"]`)).toHaveCount(0);
  await page.reload();
  await expect(page.locator(`[data-claim-number="${number}"]`)).toHaveCount(0);
  await page.getByRole("button", { name: "English" }).click();
});
