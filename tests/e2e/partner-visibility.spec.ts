// A partner of another organization gets not-found for a claim, its edit page and its PoE — exactly like a
// claim that does not exist. Reviewers read submitted claims (and may comment); admins read every claim
// with its full history; neither edits.
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { createClaimThroughUi, fileSubmittedClaim, PDF, uniqueCustomer, uploadPoe } from "./partner-helpers";

// Each test files its own claims through the browser: generous on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

test("another organization's claim and PoE URLs answer not-found", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  const claim = await fileSubmittedClaim(page, "Isolation E2E");
  const poeHref = (await page.getByTestId("poe-download").getAttribute("href"))!;
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, USERS.fabrikamAdmin);
  for (const url of [`/claims/${claim.id}`, `/claims/${claim.id}/edit`, "/claims/this-claim-does-not-exist"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText(claim.customer.customerName)).toHaveCount(0);
  }
  const download = await page.request.get(poeHref);
  expect(download.status()).toBe(404);
  expect(await download.text()).not.toContain("%PDF");
  // Nor can a file be added to it (same-origin request, wrong organization).
  const upload = await page.request.post(`/claims/${claim.id}/poe`, {
    headers: { Origin: new URL(page.url()).origin, "X-File-Name": "x.pdf", "Content-Type": "application/octet-stream" },
    data: Buffer.from("%PDF-1.4\n"),
  });
  expect(upload.status()).toBe(404);
});

test("an upload from another site is refused even with the partner's session", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  const claim = await createClaimThroughUi(page, uniqueCustomer("Origin E2E"));
  const upload = await page.request.post(`/claims/${claim.id}/poe`, {
    headers: { Origin: "https://evil.example", "X-File-Name": "x.pdf", "Content-Type": "application/octet-stream" },
    data: Buffer.from("%PDF-1.4\n"),
  });
  expect(upload.status()).toBe(403);
  await page.reload();
  await expect(page.getByTestId("poe-row")).toHaveCount(0);
});

test("a reviewer reads a submitted claim and comments; an admin reads it with its history; drafts stay private", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  const draft = await createClaimThroughUi(page, uniqueCustomer("Draft E2E"));
  const claim = await createClaimThroughUi(page, uniqueCustomer("Review E2E"));
  await uploadPoe(page, PDF);
  await page.getByRole("button", { name: "Submit claim" }).click();
  await expect(page.getByTestId("status-badge")).toHaveText(/Submitted/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, USERS.reviewer1);
  expect((await page.goto(`/claims/${draft.id}`))?.status()).toBe(404);
  await page.goto(`/claims/${claim.id}`);
  await expect(page.getByTestId("claim-number")).toHaveText(claim.number);
  await expect(page.getByText("You are viewing this claim as a reviewer")).toBeVisible();
  await expect(page.getByText("Contoso Partners Ltd").first()).toBeVisible();
  await expect(page.getByTestId("edit-claim")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Withdraw claim" })).toHaveCount(0);
  await expect(page.getByLabel("Add proof-of-execution files")).toHaveCount(0);
  expect((await page.goto(`/claims/${claim.id}/edit`))?.status()).toBe(404);
  await page.goto(`/claims/${claim.id}`);
  await page.getByLabel("Add a comment").fill("Which page of the statement of work lists Exchange?");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByTestId("comment").last()).toContainText("Riley Reviewer (Reviewer)");
  const poe = await page.request.get((await page.getByTestId("poe-download").getAttribute("href"))!);
  expect(poe.status()).toBe(200);
  await page.screenshot({ path: "/tmp/claim-page-reviewer.png", fullPage: true });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, USERS.admin);
  await page.goto(`/claims/${draft.id}`);
  await expect(page.getByTestId("claim-number")).toHaveText(draft.number);
  await page.goto(`/claims/${claim.id}`);
  await expect(page.getByText("Read-only: administrators see every claim")).toBeVisible();
  await expect(page.getByLabel("Add a comment")).toHaveCount(0);
  await page.getByRole("button", { name: "History", exact: true }).click();
  const history = page.getByTestId("history-dialog");
  await expect(history.locator('[data-type="COMMENT_ADDED"]')).toContainText("Which page of the statement of work lists Exchange?");
  await expect(history.locator('[data-type="COMMENT_ADDED"]').getByTestId("history-actor")).toHaveText("Riley Reviewer · Reviewer");
  await expect(history.locator('[data-type="CLAIM_CREATED"]').getByTestId("history-actor")).toHaveText("Avery Contoso · Partner admin");
});
