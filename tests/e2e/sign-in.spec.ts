import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("a partner signs in and sees their own organization's claims and none of the other's", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  await expect(page).toHaveURL(/\/claims$/);
  await expect(page.getByTestId("current-organization")).toHaveText("Contoso Partners Ltd");
  await expect(page.getByRole("heading", { name: "Customer Associations" })).toBeVisible();
  const rows = page.getByTestId("claim-row");
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(5);
  // Sign in as the other organization: none of Contoso's claim numbers may appear there.
  const contosoNumbers = await rows.locator("td:first-child").allInnerTexts();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, USERS.fabrikamAdmin);
  await expect(page.getByTestId("current-organization")).toHaveText("Fabrikam Consulting");
  const fabrikamNumbers = await page.getByTestId("claim-row").locator("td:first-child").allInnerTexts();
  expect(fabrikamNumbers.length).toBeGreaterThan(5);
  expect(fabrikamNumbers.filter((n) => contosoNumbers.includes(n))).toEqual([]);
});

test("a reviewer signs in and lands on the review queue", async ({ page }) => {
  await signIn(page, USERS.reviewer1);
  await expect(page).toHaveURL(/\/review/);
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("Reviewer");
  // Reviewers never see partners' drafts: no EDITING tab, and no EDITING badge in the queue.
  await expect(page.getByTestId("tab-EDITING")).toHaveCount(0);
  await expect(page.locator('[data-status="EDITING"]')).toHaveCount(0);
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS.contosoAdmin);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("login-error")).toHaveText("The email or password is incorrect.");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/claims");
  await expect(page).toHaveURL(/\/login/);
});

test("the admin signs in and sees every organization's claims", async ({ page }) => {
  await signIn(page, USERS.admin);
  await expect(page).toHaveURL(/\/admin/);
  const organizations = await page.getByTestId("claim-row").locator("td:nth-child(2)").allInnerTexts();
  // Both demo organizations (other specs may have added organizations of their own to the shared database).
  expect([...new Set(organizations)]).toEqual(expect.arrayContaining(["Contoso Partners Ltd", "Fabrikam Consulting"]));
  // The SLA settings and holiday calendar are one link away.
  await page.getByRole("link", { name: "SLA settings and holidays" }).click();
  await expect(page.getByRole("heading", { name: "SLA settings" })).toBeVisible();
  await expect(page.getByLabel("Customer consent window (calendar days)")).toHaveValue("7");
});

test("the language switcher shows the portal in French", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { name: "Associations de clients" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Customer Associations" })).toBeVisible();
});

test("the logo and favicon are served to signed-out visitors and shown on the sign-in page and in the header", async ({ page, request }) => {
  for (const file of ["/logo.svg", "/favicon.svg"]) {
    const response = await request.get(file, { maxRedirects: 0 });
    expect(response.status(), file).toBe(200);
    expect(response.headers()["content-type"], file).toContain("image/svg+xml");
  }
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href="/favicon.svg"]')).toHaveCount(1);
  const loginLogo = page.locator('header img[src*="logo.svg"]');
  await expect(loginLogo).toBeVisible();
  expect(await loginLogo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await signIn(page, USERS.reviewer1);
  await expect(page.locator('header img[src*="logo.svg"]')).toBeVisible();
});

test("after five failed attempts for an account, the sign-in page says to wait (en and fr)", async ({ page }) => {
  // An address no demo user has: locking it out leaves the other tests' accounts alone.
  const email = `locked-${Date.now()}@contoso.example`;
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("login-error")).toHaveText("The email or password is incorrect.");
  }
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Too many failed sign-in attempts. Try again in 15 minutes.");
  await expect(page).toHaveURL(/\/login/);

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "fr", url: page.url() }]);
  await page.reload();
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill("not-the-password");
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(page.getByTestId("login-error")).toContainText("Réessayez dans 15 minutes.");
});

test("a refused Entra ID sign-in lands on the sign-in page, which says so; unconfigured, Entra has no button", async ({ page }) => {
  // Where next-auth sends a refused sign-in (pages.error); the Entra flow itself is tests/integration/entra-sign-in.test.ts.
  await page.goto("/login?error=AccessDenied");
  await expect(page.getByTestId("login-error")).toHaveText(
    "Your Microsoft account cannot sign in to the portal. Ask your administrator to check your account.",
  );
  await expect(page.getByRole("button", { name: "Sign in with Microsoft Entra ID" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
});
