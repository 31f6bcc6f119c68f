// The "done" criterion: keys created through Settings → API keys by a partner admin and a reviewer
// drive examples/partner-and-reviewer.mjs (plain Node, fetch) against the started server, end to end.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS } from "./helpers";

const KEY_PATTERN = /^cpor_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Creates a key in Settings → API keys and returns the secret shown once. */
async function createKeyInSettings(page: Page, name: string): Promise<string> {
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = page.getByLabel("New API key");
  await expect(secret).toBeVisible();
  const value = await secret.inputValue();
  expect(value).toMatch(KEY_PATTERN);
  await expect(page.getByRole("row", { name: new RegExp(escapeRegExp(name)) })).toContainText(value.slice(0, 13));
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  // Shown once: a reload does not show it again.
  await page.reload();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  expect(await page.content()).not.toContain(value);
  return value;
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

function runExample(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve("examples/partner-and-reviewer.mjs")], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("keys from Settings run the partner-and-reviewer example end to end", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.contosoAdmin);
  const partnerKey = await createKeyInSettings(page, "Example script (partner)");
  await signOut(page);
  await signIn(page, USERS.reviewer1);
  const reviewerKey = await createKeyInSettings(page, "Example script (reviewer)");

  const result = await runExample({ BASE_URL: baseURL!, PARTNER_API_KEY: partnerKey, REVIEWER_API_KEY: reviewerKey });
  expect(result.stderr).toBe("");
  expect(result.code, result.stdout).toBe(0);
  expect(result.stdout).toMatch(/^• created CPOR-\d{6,} \(EDITING, version 0\)/m);
  expect(result.stdout).toMatch(/^• uploaded "Statement of work \(signed\)\.pdf" \(\d+ bytes, application\/pdf, sha256 verified\)$/m);
  expect(result.stdout).toContain("• submitted: SUBMITTED");
  expect(result.stdout).toContain("• reviewer requested information: PARTNER_ACTION_REQUIRED (MISSING_CUSTOMER_ACKNOWLEDGMENT)");
  expect(result.stdout).toContain("• partner commented and resubmitted: UNDER_REVIEW");
  expect(result.stdout).toContain("• partner approving is refused: 403 FORBIDDEN");
  expect(result.stdout).toMatch(/History:\n(?:.*\n)*.*PARTNER_ADMIN\s+CLAIM_CREATED → EDITING/);
  expect(result.stdout).toMatch(/REVIEWER\s+STATUS_CHANGED → APPROVED/);
  expect(result.stdout).toMatch(/Comments:\n\s+REVIEWER\s+Please confirm the customer acknowledged the work\./);
  const done = /^DONE (CPOR-\d{6,}) APPROVED$/m.exec(result.stdout);
  expect(done, result.stdout).not.toBeNull();

  // The reviewer's key now shows when it was last used; the claim is in the portal.
  await page.reload();
  await expect(page.getByRole("row", { name: /Example script \(reviewer\)/ }).getByTestId("api-key-last-used")).not.toHaveText("Never");
});

test("revoking a key asks for confirmation, then the key stops working", async ({ page, request }) => {
  await signIn(page, USERS.contosoAdmin);
  const key = await createKeyInSettings(page, "Short-lived");
  const headers = { Authorization: `Bearer ${key}` };
  expect((await request.get("/api/v1/claims?pageSize=1", { headers })).status()).toBe(200);

  const row = page.getByRole("row", { name: /Short-lived/ });
  await row.getByRole("button", { name: "Revoke the key Short-lived" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke the key “Short-lived”?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await request.get("/api/v1/claims?pageSize=1", { headers })).status()).toBe(200);

  await row.getByRole("button", { name: "Revoke the key Short-lived" }).click();
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  const refused = await request.get("/api/v1/claims?pageSize=1", { headers });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toMatch(/^application\/problem\+json/);
  expect((await refused.json()).code).toBe("UNAUTHENTICATED");
});

test("a billing admin has no Settings link and no API keys page", async ({ page }) => {
  await signIn(page, USERS.contosoBilling);
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  const response = await page.goto("/settings/api-keys");
  expect(response?.status()).toBe(404);
});

test("the API reference page renders every operation of the OpenAPI document", async ({ page, request }) => {
  const document = await (await request.get("/api/v1/openapi.json")).json();
  const operations = Object.values(document.paths as Record<string, object>).flatMap((item) => Object.keys(item));
  await signIn(page, USERS.reviewer1);
  await page.goto("/api-reference");
  await expect(page.getByRole("heading", { name: /^API reference/, level: 1 })).toBeVisible();
  await expect(page.getByTestId("api-operation")).toHaveCount(operations.length);
  await expect(page.getByRole("heading", { name: /POST \/api\/v1\/claims\/\{id\}\/poe/ })).toBeVisible();
  await page.getByRole("link", { name: "Claim", exact: true }).first().click();
  await expect(page).toHaveURL(/#schema-Claim$/);
  await expect(page.getByRole("link", { name: "Download the OpenAPI document" })).toHaveAttribute("href", "/api/v1/openapi.json");
});
