// Seed: "In order to edit, your CPOR association claim must be in Submitted or Partner Action Required
// states. Fields you may edit: MPN, Products, Customer and Partner contact information, Add additional PoE
// and commentary."
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { fileSubmittedClaim } from "./partner-helpers";

// Each test files its own claims through the browser: generous on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

test("while Submitted a partner edits the allowed fields and sees the others locked with the reason", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  const claim = await fileSubmittedClaim(page, "Edit E2E");
  await expect(
    page.getByText(/You may change: MPN ID, Products, Customer contact, Partner contact, Commentary,? and Proof of execution\./),
  ).toBeVisible();
  await page.getByTestId("edit-claim").click();
  await expect(page.getByRole("heading", { name: `Edit claim ${claim.number}` })).toBeVisible();

  // Locked: program, activity, solution area, customer — read-only, with the reason.
  await expect(page.getByTestId("locked-reason")).toHaveText(
    /Can't change while Submitted: only MPN ID, Products, Customer contact, Partner contact, Commentary,? and Proof of execution may change\./,
  );
  await expect(page.getByLabel("Incentive program")).not.toBeEditable();
  await expect(page.getByLabel("Activity (partner role)")).not.toBeEditable();
  await expect(page.getByLabel("Customer tenant ID")).not.toBeEditable();
  await expect(page.getByLabel("Customer name")).not.toBeEditable();
  await expect(page.getByRole("radio", { name: "Business Applications" })).toBeDisabled();
  await expect(page.getByTestId("locked-program")).toHaveText(/Can't change while Submitted\./);
  await expect(page.getByTestId("locked-customer")).toBeVisible();
  await page.screenshot({ path: "/tmp/claim-edit-submitted.png", fullPage: true });

  // Allowed: MPN ID, products, contacts, commentary. A mistake first: the error is next to its field, input kept.
  await page.getByLabel("MPN ID").selectOption("1234568");
  await page.getByRole("checkbox", { name: "SharePoint" }).check();
  const partner = page.getByRole("group", { name: "Partner contact" });
  await partner.getByLabel("Email").fill("not an email");
  await page.getByLabel("Commentary", { exact: true }).fill("Added SharePoint: the workshop covered it too.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("error-partnerContact.email")).toContainText("Enter an email address");
  await expect(partner.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("checkbox", { name: "SharePoint" })).toBeChecked();
  await expect(page.getByLabel("MPN ID")).toHaveValue("1234568");

  await partner.getByLabel("Email").fill("casey.new@contoso-partner.example");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}\\?saved=1$`));
  await expect(page.getByTestId("notice")).toHaveText(/Changes saved/);
  await expect(page.getByTestId("detail-mpnId")).toHaveText("1234568");
  await expect(page.getByTestId("detail-products")).toContainText("SharePoint");
  await expect(page.getByTestId("detail-partnerContact")).toContainText("casey.new@contoso-partner.example");
  await expect(page.getByTestId("status-badge")).toHaveText(/Submitted/);

  // History shows the field diffs old → new.
  await page.getByRole("button", { name: "History", exact: true }).click();
  const edit = page.getByTestId("history-dialog").locator('[data-type="FIELDS_UPDATED"]');
  const mpn = edit.locator('[data-field="mpnId"]');
  await expect(mpn.getByTestId("history-from")).toHaveText("1234567");
  await expect(mpn.getByTestId("history-to")).toHaveText(/1234568/);
  await expect(edit.locator('[data-field="products"]').getByTestId("history-to")).toContainText("SharePoint");
  await page.keyboard.press("Escape");
});

test("a stale edit says someone else changed the claim and keeps the user's input", async ({ page, context }) => {
  await signIn(page, USERS.contosoAdmin);
  const claim = await fileSubmittedClaim(page, "Stale E2E");
  await page.goto(`/claims/${claim.id}/edit`);

  // Meanwhile a colleague saves a change in another tab.
  const other = await context.newPage();
  await other.goto(`/claims/${claim.id}/edit`);
  await other.getByLabel("Commentary", { exact: true }).fill("Colleague's commentary.");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByTestId("notice")).toHaveText(/Changes saved/);
  await other.close();

  const commentary = page.getByLabel("Commentary", { exact: true });
  await commentary.fill("My own commentary, typed before I knew.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Someone else changed this claim");
  await expect(page.getByTestId("conflict-message")).toContainText("Your input is still here");
  await expect(commentary).toHaveValue("My own commentary, typed before I knew.");
  await expect(page.getByTestId("saved-commentary")).toHaveText("Saved value now: Colleague's commentary.");

  // Saving again applies the user's values on top of the colleague's version.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("notice")).toHaveText(/Changes saved/);
  await expect(page.getByTestId("detail-commentary")).toHaveText("My own commentary, typed before I knew.");
});
