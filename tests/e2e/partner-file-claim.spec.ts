// A partner files a claim from nothing, with a real PDF as proof of execution, submits it and sees the SLA
// (seed: "Editing … stays in this state until you upload the proof of execution document and submit").
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { signIn, USERS } from "./helpers";
import { FAKE_PDF, fillNewClaim, PDF, sha256Of, uniqueCustomer } from "./partner-helpers";

// Each test files its own claims through the browser: generous on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

test("a partner files a claim with a PDF as proof of execution, submits it and sees the review deadline", async ({ page }) => {
  const customer = uniqueCustomer("Northwind E2E");
  await signIn(page, USERS.contosoAdmin);
  await page.goto("/claims/new");
  await expect(page.getByRole("heading", { name: "New claim" })).toBeVisible();
  await fillNewClaim(page, customer, { tenantId: "not-a-guid" });
  await page.screenshot({ path: "/tmp/claim-new-form.png", fullPage: true });

  // A mistake: the error is next to its field and in the summary, and nothing typed is lost.
  await page.getByRole("button", { name: "Save draft claim" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Enter the customer tenant ID as a GUID");
  const tenant = page.getByLabel("Customer tenant ID");
  await expect(tenant).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("error-customer.tenantId")).toContainText("GUID");
  await expect(tenant).toHaveValue("not-a-guid");
  await expect(page.getByLabel("Customer name")).toHaveValue(customer.customerName);
  await expect(page.getByRole("checkbox", { name: "Teams" })).toBeChecked();
  await expect(page.getByRole("group", { name: "Partner contact" }).getByLabel("Phone (optional)")).toHaveValue("+1 425 555 0100");
  await page.screenshot({ path: "/tmp/claim-new-form-error.png", fullPage: true });

  await tenant.fill(customer.tenantId);
  await page.getByRole("button", { name: "Save draft claim" }).click();
  await expect(page).toHaveURL(/\/claims\/[^/?]+\?created=1$/);
  await expect(page.getByTestId("notice")).toContainText("Claim created");
  await expect(page.getByTestId("status-badge")).toHaveText(/Editing/);

  // Submit is not possible yet: the checklist says what is missing.
  const checklist = page.getByTestId("submit-checklist");
  await expect(checklist.locator('[data-item="poe"]')).toHaveAttribute("data-done", "false");
  await expect(checklist.locator('[data-item="products"]')).toHaveAttribute("data-done", "true");
  await expect(page.getByRole("button", { name: "Submit claim" })).toBeDisabled();
  await expect(page.getByTestId("conflicts-none")).toBeVisible();

  // A file whose content is not what its name says is refused with a clear message; nothing is stored.
  const picker = page.getByLabel("Add proof-of-execution files");
  await picker.setInputFiles(FAKE_PDF);
  await expect(page.getByTestId("poe-upload-error")).toContainText("not-really-a.pdf was refused");
  await expect(page.getByTestId("poe-row")).toHaveCount(0);

  // The real PDF: progress bar, then listed with its SHA-256.
  await picker.setInputFiles(PDF);
  await expect(page.getByTestId("poe-upload-done")).toContainText("poe-statement-of-work.pdf uploaded");
  await expect(page.getByRole("progressbar", { name: /poe-statement-of-work\.pdf: 100%/ })).toBeVisible();
  await expect(page.getByTestId("poe-row")).toHaveCount(1);
  await expect(page.getByTestId("poe-sha256")).toHaveText(sha256Of(PDF));

  // Download: authorized, as an attachment, never sniffed, byte-for-byte the file uploaded.
  const link = page.getByTestId("poe-download");
  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="?poe-statement-of-work\.pdf"?$/);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const downloadPromise = page.waitForEvent("download");
  await link.click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("poe-statement-of-work.pdf");
  const saved = await download.path();
  expect(fs.readFileSync(saved).equals(fs.readFileSync(PDF))).toBe(true);

  // Submit: the checklist is complete; the claim shows Submitted and the review deadline (the SLA).
  await expect(checklist.locator('[data-item="poe"]')).toHaveAttribute("data-done", "true");
  await page.getByRole("button", { name: "Submit claim" }).click();
  await expect(page.getByTestId("status-badge")).toHaveText(/Submitted/);
  await expect(page.getByText("Submitted, but Microsoft has not yet started the review.")).toBeVisible();
  const deadline = page.getByTestId("claim-deadline");
  await expect(deadline).toContainText("Review starts by");
  await expect(page.getByTestId("claim-sla")).toHaveText(/\d+ business days? left|Due today/);
  await expect(page.getByTestId("status-timeline").locator('[aria-current="step"]')).toContainText("Submitted");
  // PoE already submitted stays: there is no way to delete it.
  await expect(page.getByText("Files already uploaded are kept with the claim and cannot be deleted.")).toBeVisible();
  await expect(page.getByRole("button", { name: /delete/i })).toHaveCount(0);
  await page.screenshot({ path: "/tmp/claim-page-submitted.png", fullPage: true });

  // History (upper right): every change and action, with actor, role and time.
  await page.getByRole("button", { name: "History", exact: true }).click();
  const history = page.getByTestId("history-dialog");
  await expect(history).toBeVisible();
  await expect(history.getByRole("heading", { name: /History of CPOR-\d+/ })).toBeVisible();
  const status = history.locator('[data-type="STATUS_CHANGED"]');
  await expect(status).toContainText("Editing → Submitted");
  await expect(status.getByTestId("history-actor")).toHaveText("Avery Contoso · Partner admin");
  await expect(history.locator('[data-type="POE_UPLOADED"]')).toContainText(sha256Of(PDF));
  await expect(history.locator('[data-type="CLAIM_CREATED"]')).toContainText(customer.customerName);
  await page.screenshot({ path: "/tmp/claim-history.png" });
  await page.keyboard.press("Escape");
  await expect(history).toBeHidden();
  await expect(page.getByRole("button", { name: "History", exact: true })).toBeFocused();
});

test("a Business Applications claim lists Dynamics products, each with its subscription ID checked next to it", async ({ page }) => {
  const customer = uniqueCustomer("Fabrikam BizApps E2E");
  await signIn(page, USERS.fabrikamAdmin);
  await page.goto("/claims/new");
  await expect(page.getByLabel("MPN ID").locator("option")).toHaveText(["Choose…", /^7654321 — /, /^7654322 — /]);
  await page.getByLabel("MPN ID").selectOption("7654322");
  await page.getByLabel("Incentive program").selectOption("OSA");
  await page.getByLabel("Activity (partner role)").selectOption({ label: "Revenue association (Business Influencer)" });
  await page.getByRole("radio", { name: "Business Applications" }).check();
  await page.getByLabel("Customer tenant ID").fill(customer.tenantId.toUpperCase());
  await page.getByLabel("Customer primary domain").fill(customer.domain);
  await page.getByLabel("Customer name").fill(customer.customerName);
  await page.getByRole("checkbox", { name: "Dynamics 365 Sales" }).check();
  await page.getByRole("checkbox", { name: "Power BI" }).check();
  await page.getByLabel("Subscription ID for Dynamics 365 Sales").fill("11111111-2222-3333-4444-555555555555");
  await page.getByLabel("Subscription ID for Power BI").fill("not-a-subscription");
  await page.getByRole("button", { name: "Save draft claim" }).click();
  await expect(page.getByTestId("error-products.Power BI.subscriptionId")).toContainText("Enter the Dynamics subscription ID as a GUID");
  await expect(page.getByLabel("Subscription ID for Power BI")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Subscription ID for Dynamics 365 Sales")).not.toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Subscription ID for Power BI").fill("66666666-7777-8888-9999-000000000000");
  await page.getByRole("button", { name: "Save draft claim" }).click();
  await expect(page).toHaveURL(/\?created=1$/);
  const products = page.getByTestId("detail-products");
  await expect(products).toContainText("Dynamics 365 Sales — Subscription ID 11111111-2222-3333-4444-555555555555");
  await expect(products).toContainText("Power BI — Subscription ID 66666666-7777-8888-9999-000000000000");
  // The tenant ID is stored as typed GUIDs are compared: lower case.
  await expect(page.getByTestId("claim-details")).toContainText(customer.tenantId.toLowerCase());
  // Contacts are missing: the submit checklist says so.
  await expect(page.getByTestId("submit-checklist").locator('[data-item="customerContact"]')).toHaveAttribute("data-done", "false");
});
