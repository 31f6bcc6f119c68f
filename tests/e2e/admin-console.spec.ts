// The admin console as an admin uses it: create a partner user, who sets a password from the link in the
// email they receive and signs in; the audit log shows that sign-in; deactivating a user ends their open
// session at its next request.
import fs from "node:fs/promises";
import { expect, test, type Browser } from "@playwright/test";
import { parseCsvObjects } from "../fixtures/csv";
import { signIn, USERS } from "./helpers";
import { closeDriver, driver, driverAvailable, readE2eMails } from "./partner-helpers";

test.skip(!driverAvailable, "needs the e2e server on PostgreSQL to deliver the set-password email");
test.afterAll(closeDriver);
test.describe.configure({ timeout: 120_000 });

const PASSWORD = "A-long-enough-passphrase-2026";

async function createUserThroughUi(browser: Browser, email: string, name: string) {
  const admin = await browser.newPage();
  await signIn(admin, USERS.admin);
  await admin.goto("/admin/users");
  const form = admin.getByTestId("create-user-form");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Role").selectOption("PARTNER_BILLING");
  await form.getByLabel("Organization").selectOption({ label: "Contoso Partners Ltd" });
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByTestId("create-user-status")).toContainText(`User ${email} created`);
  await expect(admin.getByTestId(`user-${email}`)).toContainText("Billing admin");
  return admin;
}

/** The set-password link in the delivered email to `email`. */
async function linkFromMail(email: string): Promise<string> {
  const { deliverMail } = await driver();
  await deliverMail();
  const mails = await readE2eMails();
  const message = mails.find((m) => m.to.includes(email) && m.text.includes("/set-password/"))?.text;
  expect(message, "the set-password email").toBeDefined();
  return new URL(/https?:\/\/\S+\/set-password\/\S+/.exec(message!)![0]).pathname;
}

test("an admin creates a partner user, who sets a password from the emailed link and signs in; the audit log shows it", async ({ browser }) => {
  const email = `new.billing.${Date.now()}@contoso-partner.example`;
  const admin = await createUserThroughUi(browser, email, "New Billing");
  const link = await linkFromMail(email);

  const user = await browser.newPage();
  await user.goto(link);
  await user.getByLabel("New password").fill(PASSWORD);
  await user.getByLabel("Repeat the password").fill(PASSWORD);
  await user.getByRole("button", { name: "Set password" }).click();
  await expect(user.getByTestId("set-password-done")).toBeVisible();
  // Single use: the same link now says it is spent.
  await user.goto(link);
  await expect(user.getByTestId("set-password-invalid")).toBeVisible();
  await signIn(user, email, PASSWORD);
  await expect(user.getByTestId("current-user")).toContainText("New Billing");

  await admin.goto("/admin/audit?type=SIGN_IN_SUCCEEDED");
  await expect(admin.getByTestId("audit-events")).toContainText(email);
  await admin.goto("/admin/audit?type=PASSWORD_SET");
  await expect(admin.getByTestId("audit-events")).toContainText(email);
});

test("deactivating a user ends their open session at its next request", async ({ browser }) => {
  const email = `leaver.${Date.now()}@contoso-partner.example`;
  const admin = await createUserThroughUi(browser, email, "Leaver");
  const link = await linkFromMail(email);
  const user = await browser.newPage();
  await user.goto(link);
  await user.getByLabel("New password").fill(PASSWORD);
  await user.getByLabel("Repeat the password").fill(PASSWORD);
  await user.getByRole("button", { name: "Set password" }).click();
  await expect(user.getByTestId("set-password-done")).toBeVisible();
  await signIn(user, email, PASSWORD);
  await user.goto("/claims");
  await expect(user.getByTestId("current-user")).toBeVisible();

  await admin.getByTestId(`user-actions-${email}`).getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByTestId(`user-${email}`)).toContainText("Deactivated");
  await user.goto("/claims");
  await expect(user).toHaveURL(/\/login/);
  await expect(user.getByTestId("current-user")).toHaveCount(0);
});

test("forgot password answers the same whether or not the email has an account", async ({ page }) => {
  for (const email of [USERS.contosoBilling, "nobody@nowhere.example"]) {
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByTestId("reset-sent")).toContainText("If an account uses this email");
  }
});

test("a partner admin's new API key is in the audit log, and the admin exports it as CSV", async ({ browser }) => {
  const name = `Audit check ${Date.now()}`;
  const partner = await browser.newPage();
  await signIn(partner, USERS.contosoAdmin);
  await partner.goto("/settings/api-keys");
  await partner.getByLabel("Key name").fill(name);
  await partner.getByRole("button", { name: "Create key" }).click();
  await expect(partner.getByLabel("New API key")).toBeVisible();

  const admin = await browser.newPage();
  await signIn(admin, USERS.admin);
  await admin.goto("/admin/audit?type=API_KEY_CREATED");
  const row = admin.getByTestId("audit-event").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(USERS.contosoAdmin);
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("audit-export").click()]);
  const csv = parseCsvObjects(await fs.readFile((await download.path())!, "utf8"));
  const exported = csv.filter((r) => r.type === "API_KEY_CREATED" && JSON.stringify(r).includes(name));
  expect(exported).toHaveLength(1);
  expect(csv.every((r) => r.type === "API_KEY_CREATED")).toBe(true);
});

test("an admin verifies a claim's history and the audit log's; an event edited behind the portal's back is named", async ({ page }) => {
  const { db } = await driver();
  const [event] = await db.$queryRaw<{ id: bigint; claimId: string; data: string }[]>`
    SELECT e."id", e."claimId", e."data"::text AS "data" FROM "ClaimEvent" e WHERE e."seq" = 2 ORDER BY e."id" LIMIT 1`;
  const events = await db.claimEvent.count({ where: { claimId: event.claimId } });
  /** As the database superuser, with the append-only guard and the chain's signer switched off. */
  const behindThePortal = (data: string) =>
    db.$transaction([
      db.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      db.$executeRaw`UPDATE "ClaimEvent" SET "data" = ${data}::jsonb WHERE "id" = ${event.id}`,
    ]);

  await signIn(page, USERS.admin);
  await page.goto(`/claims/${event.claimId}`);
  const verify = page.getByTestId("verify-claim-history");
  const result = page.getByTestId("verify-claim-history-result");
  await verify.getByRole("button", { name: "Verify history" }).click();
  await expect(result).toContainText(`History intact: ${events} events verified.`);

  await behindThePortal(JSON.stringify({ ...JSON.parse(event.data), tampered: true }));
  try {
    await verify.getByRole("button", { name: "Verify history" }).click();
    await expect(result).toContainText(`History broken at event ${event.id} (#2); 1 event before it verified.`);
    await expect(result).toContainText("Its content or the signature of the event before it was changed");
  } finally {
    await behindThePortal(event.data); // the exact original: the chain verifies again
  }
  await verify.getByRole("button", { name: "Verify history" }).click();
  await expect(result).toContainText(`History intact: ${events} events verified.`);

  await page.goto("/admin/audit");
  await page.getByTestId("verify-audit-chain").getByRole("button", { name: "Verify history" }).click();
  await expect(page.getByTestId("verify-audit-chain-result")).toContainText(/History intact: \d+ events? verified\./);
});
