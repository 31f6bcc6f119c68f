import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo-Pass-2026!";
export const USERS = {
  contosoAdmin: "admin@contoso-partner.example",
  contosoBilling: "billing@contoso-partner.example",
  fabrikamAdmin: "admin@fabrikam-partner.example",
  reviewer1: "reviewer1@review.example",
  reviewer2: "reviewer2@review.example",
  admin: "admin@portal.example",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}
