// Partner tools (docs/domain.md "Partner tools"): a partner imports a CSV with one bad row, sees the error, fixes
// it, imports, and sees the drafts; discards a draft; duplicates a claim.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { IMPORT_COLUMNS } from "../../lib/claims/import/import-format";
import { signIn, USERS } from "./helpers";
import { createClaimThroughUi, uniqueCustomer } from "./partner-helpers";

function importFile(rows: Record<string, string>[]): string {
  const cell = (value = "") => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const text = [IMPORT_COLUMNS.join(","), ...rows.map((row) => IMPORT_COLUMNS.map((c) => cell(row[c])).join(","))].join("\r\n") + "\r\n";
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cpor-import-")), "claims.csv");
  fs.writeFileSync(file, text);
  return file;
}

function importRow(name: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    mpnId: "1234567",
    program: "OSU",
    activity: "PRE_SALES",
    solutionArea: "MODERN_WORK",
    "customer.tenantId": randomUUID(),
    "customer.domain": `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example`,
    "customer.name": name,
    products: "TEAMS;EXCHANGE",
    "partnerContact.name": "Casey Contoso",
    "partnerContact.title": "Partner Success Manager",
    "partnerContact.email": "casey@contoso-partner.example",
    ...overrides,
  };
}

test("a partner imports a CSV: one bad row is shown, fixed, then every row becomes a draft", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  await page.goto("/claims");
  await page.getByTestId("import-claims").click();
  await expect(page).toHaveURL(/\/settings\/import$/);
  const suffix = randomUUID().slice(0, 6);
  const good = importRow(`Import Good ${suffix}`);
  const bad = importRow(`Import Bad ${suffix}`, { "customer.tenantId": "not-a-guid" });

  await page.getByTestId("import-file").setInputFiles(importFile([good, bad]));
  await page.getByTestId("import-check").click();
  await expect(page.getByTestId("import-row-2")).toContainText("OK");
  await expect(page.getByTestId("import-row-3")).toContainText("customer.tenantId");
  await expect(page.getByTestId("import-confirm")).toHaveCount(0);

  await page.getByTestId("import-file").setInputFiles(importFile([good, { ...bad, "customer.tenantId": randomUUID() }]));
  await page.getByTestId("import-check").click();
  await expect(page.getByTestId("import-row-3")).toContainText("OK");
  await page.getByTestId("import-confirm").click();
  const created = page.getByTestId("import-created").getByRole("link");
  await expect(created).toHaveCount(2);

  await page.goto(`/claims?q=${encodeURIComponent(`Import Bad ${suffix}`)}`);
  await expect(page.getByText(`Import Bad ${suffix}`).first()).toBeVisible();
});

test("a partner discards a draft (back on the dashboard, the draft is gone) and duplicates a claim", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  const customer = uniqueCustomer("Tools E2E");
  const claim = await createClaimThroughUi(page, customer);
  // A draft is never withdrawn.
  await expect(page.getByRole("button", { name: "Withdraw claim" })).toHaveCount(0);

  await page.getByTestId("duplicate-claim").click();
  await expect(page).toHaveURL(/\/claims\/[^/?]+\?duplicated=1$/);
  const copyId = new URL(page.url()).pathname.split("/").pop()!;
  expect(copyId).not.toBe(claim.id);
  await expect(page.getByTestId("claim-number")).not.toHaveText(claim.number);
  await expect(page.getByTestId("claim-page")).toHaveAttribute("data-status", "EDITING");
  await expect(page.getByText(customer.customerName).first()).toBeVisible();

  await page.getByRole("button", { name: "Discard draft" }).click();
  await page.getByTestId("discard-dialog").getByTestId("discard-confirm").click();
  await expect(page).toHaveURL(/\/claims\?discarded=1$/);
  expect((await page.goto(`/claims/${copyId}`))?.status()).toBe(404);
  expect((await page.goto(`/claims/${claim.id}`))?.status()).toBe(200);
});
