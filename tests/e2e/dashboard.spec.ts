// The partner dashboard as a partner uses it: status tabs with counts, filters and sorting that live in the
// URL (the back button undoes them), page sizes, helpful empty states, the CSV export of the filtered set
// (checked row by row against the page), French, and the filter form without JavaScript.
import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { parseCsvObjects as parseCsv } from "../fixtures/csv";

const CONTOSO_MPN_IDS = ["1234567", "1234568"];

async function tabCount(page: Page, key: string): Promise<number> {
  return Number((await page.getByTestId(`tab-count-${key}`).innerText()).replace(/\D/g, ""));
}

async function tableNumbers(page: Page): Promise<string[]> {
  return page.getByTestId("claim-row").locator("td:first-child").allInnerTexts();
}

async function downloadCsv(page: Page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^claims-\d{4}-\d{2}-\d{2}\.csv$/);
  return parseCsv(await fs.readFile((await download.path())!, "utf8"));
}

test.describe("partner dashboard", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, USERS.contosoAdmin);
    await expect(page).toHaveURL(/\/claims$/);
  });

  test("status tabs show counts and filter the table; the back button returns to every status", async ({ page }) => {
    const all = await tabCount(page, "all");
    const rejected = await tabCount(page, "REJECTED");
    expect(all).toBeGreaterThan(rejected);
    expect(rejected).toBeGreaterThan(0);
    await expect(page.getByTestId("tab-all")).toHaveAttribute("aria-current", "page");

    await page.getByTestId("tab-REJECTED").click();
    await expect(page).toHaveURL(/\/claims\?status=REJECTED$/);
    await expect(page.getByTestId("tab-REJECTED")).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("claim-row")).toHaveCount(Math.min(rejected, 25));
    const badges = page.getByTestId("claim-row").getByTestId("status-badge");
    for (const text of await badges.allInnerTexts()) expect(text).toContain("Rejected");
    // Status is text, not colour alone; its one-line meaning is written once, in the legend (open for partners),
    // and each row's badge is described by it.
    await expect(badges.first()).toHaveAccessibleDescription(/The claim was denied/);
    await expect(page.locator("#status-meaning-REJECTED")).toBeVisible();
    await expect(page.getByTestId("claims-total")).toContainText(`${rejected} claim`);

    await page.goBack();
    await expect(page).toHaveURL(/\/claims$/);
    await expect(page.getByTestId("tab-all")).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("claim-row")).toHaveCount(Math.min(all, 25));
  });

  test("search, program and overdue filters go into the URL; the empty state offers to clear them", async ({ page }) => {
    // The customer cell: the name, then the domain on its own line.
    const firstCustomer = (await page.getByTestId("claim-row").first().locator("td:nth-child(2)").innerText()).split("\n")[0].trim();
    const search = page.getByLabel("Search");
    await search.fill(firstCustomer.slice(0, 6).toUpperCase());
    await search.press("Enter");
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(firstCustomer.slice(0, 6).toUpperCase()).replace(/%20/g, "(\\+|%20)")}`));
    const customers = await page.getByTestId("claim-row").locator("td:nth-child(2)").allInnerTexts();
    expect(customers.length).toBeGreaterThan(0);
    const prefix = firstCustomer.slice(0, 6).toLowerCase();
    // A prefix of the customer's name or of its domain (the cell shows both, one per line).
    for (const cell of customers) expect(cell.toLowerCase().split("\n").some((line) => line.trim().startsWith(prefix))).toBe(true);

    await page.getByLabel("Search").fill("no-such-customer-anywhere");
    await page.getByLabel("Program").selectOption("OSA");
    await page.getByLabel("Overdue only").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/q=no-such-customer-anywhere&program=OSA&overdue=true$/);
    await expect(page.getByTestId("claims-empty")).toContainText("No claims match these filters");
    await page.getByTestId("claims-empty").getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/claims$/);
    await expect(page.getByLabel("Search")).toHaveValue("");
    await expect(page.getByLabel("Program")).toHaveValue("");

    await page.getByLabel("Overdue only").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/claims\?overdue=true$/);
    const deadlines = await page.getByTestId("claim-row").locator("td:nth-child(7)").allInnerTexts();
    expect(deadlines.length).toBeGreaterThan(0);
    for (const text of deadlines) expect(text).toMatch(/Overdue by \d+ business day/);
  });

  test("sorting by a column header and the page size are links the back button undoes", async ({ page }) => {
    const updated = page.getByRole("columnheader", { name: /Updated/ });
    await expect(updated).toHaveAttribute("aria-sort", "descending");
    await updated.getByRole("link").click();
    await expect(page).toHaveURL(/\/claims\?sort=updatedAt$/);
    await expect(page.getByRole("columnheader", { name: /Updated/ })).toHaveAttribute("aria-sort", "ascending");
    const oldestFirst = await tableNumbers(page);

    await page.getByRole("columnheader", { name: /Deadline/ }).getByRole("link").click();
    await expect(page).toHaveURL(/\/claims\?sort=dueAt$/);
    await expect(page.getByRole("columnheader", { name: /Deadline/ })).toHaveAttribute("aria-sort", "ascending");

    await page.goBack();
    await expect(page).toHaveURL(/\/claims\?sort=updatedAt$/);
    expect(await tableNumbers(page)).toEqual(oldestFirst);

    const all = await tabCount(page, "all");
    await page.getByLabel("Rows per page").selectOption("100");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/claims\?sort=updatedAt&pageSize=100$/);
    await expect(page.getByTestId("claim-row")).toHaveCount(Math.min(all, 100));
    const hundred = await tableNumbers(page);
    expect(all).toBeGreaterThan(25);
    await page.getByLabel("Rows per page").selectOption("25");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByTestId("page-indicator")).toHaveText(`Page 1 of ${Math.ceil(all / 25)}`);
    expect(await tableNumbers(page)).toEqual(hundred.slice(0, 25));
    // Next carries a keyset cursor (every page costs what page 1 costs); the URL stays shareable.
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/\/claims\?sort=updatedAt&cursor=[A-Za-z0-9_-]+$/);
    await expect(page.getByTestId("page-indicator")).toHaveText(`Page 2 of ${Math.ceil(all / 25)}`);
    const second = hundred.slice(25, 50);
    expect(await tableNumbers(page)).toEqual(second);
    await page.reload();
    await expect(page.getByTestId("page-indicator")).toHaveText(`Page 2 of ${Math.ceil(all / 25)}`);
    expect(await tableNumbers(page)).toEqual(second);
    await page.getByRole("link", { name: "Previous page" }).click();
    await expect(page).toHaveURL(/\/claims\?sort=updatedAt$/);
    expect(await tableNumbers(page)).toEqual(hundred.slice(0, 25));
  });

  test("export CSV: the file holds exactly the filtered rows, in the table's order", async ({ page }) => {
    // One status tab: every row of the file is one of the table's rows, in the same order.
    await page.getByTestId("tab-REJECTED").click();
    await expect(page).toHaveURL(/status=REJECTED/);
    const rejected = await tabCount(page, "REJECTED");
    const rejectedRows = await downloadCsv(page);
    expect(rejectedRows).toHaveLength(rejected);
    expect(rejectedRows.map((r) => r.number)).toEqual(await tableNumbers(page));
    for (const row of rejectedRows) {
      expect(row.status).toBe("REJECTED");
      expect(CONTOSO_MPN_IDS).toContain(row.mpnId);
      expect(row.rejectionReason).not.toBe("");
    }

    // Everything: as many rows as the All tab counts, only this organization's, same order as the table.
    await page.getByTestId("tab-all").click();
    // The filter form is re-created for the new URL: wait for it, or the old one (status=REJECTED) submits.
    await expect(page).toHaveURL(/\/claims$/);
    await expect(page.getByTestId("tab-all")).toHaveAttribute("aria-current", "page");
    await page.getByLabel("Rows per page").selectOption("100");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/claims\?pageSize=100$/);
    const all = await tabCount(page, "all");
    const allRows = await downloadCsv(page);
    expect(allRows).toHaveLength(all);
    expect(new Set(allRows.map((r) => r.number)).size).toBe(all);
    expect(allRows.map((r) => r.number).slice(0, 100)).toEqual(await tableNumbers(page));
    for (const row of allRows) expect(CONTOSO_MPN_IDS).toContain(row.mpnId);
    expect(allRows.filter((r) => r.status === "SUBMITTED")).toHaveLength(await tabCount(page, "SUBMITTED"));

    // Overdue only: the overdue column says so on every row.
    await page.getByLabel("Overdue only").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/overdue=true/);
    const overdue = await downloadCsv(page);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.map((r) => r.number)).toEqual(await tableNumbers(page));
    for (const row of overdue) expect(row.overdue).toBe("true");
  });

  test("the CSV export needs a session and shows nothing of another organization", async ({ page, browser }) => {
    const anonymous = await browser.newContext();
    const response = await anonymous.request.get("/claims/export.csv", { maxRedirects: 0 });
    expect([302, 303, 307]).toContain(response.status());
    expect(response.headers()["location"]).toMatch(/\/login/);
    await anonymous.close();

    const contoso = (await (await page.request.get("/claims/export.csv")).text()).replace(/^\uFEFF/, "");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, USERS.fabrikamAdmin);
    const response2 = await page.request.get("/claims/export.csv");
    expect(response2.headers()["content-disposition"]).toMatch(/^attachment; filename="claims-/);
    expect(response2.headers()["content-type"]).toMatch(/^text\/csv/);
    const fabrikam = parseCsv(await response2.text());
    const contosoNumbers = new Set(parseCsv(contoso).map((r) => r.number));
    expect(fabrikam.length).toBeGreaterThan(0);
    expect(fabrikam.filter((r) => contosoNumbers.has(r.number))).toEqual([]);
  });

  test("every control has a label and the table works from the keyboard", async ({ page }) => {
    const form = page.getByRole("search", { name: "Filter claims" });
    for (const control of await form.locator("input:not([type=hidden]), select").all()) {
      expect(await control.evaluate((el) => (el as HTMLInputElement).labels?.length ?? 0)).toBeGreaterThan(0);
    }
    await page.getByLabel("Search").focus();
    await page.keyboard.type("zzzz-nothing");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/q=zzzz-nothing/);
    await expect(page.getByTestId("claims-empty")).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/\/claims$/);
    // The first claim link is reachable by Tab and opens the claim.
    const firstLink = page.getByTestId("claim-row").first().getByRole("link");
    await firstLink.focus();
    await expect(firstLink).toBeFocused();
    const href = await firstLink.getAttribute("href");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${href}$`));
  });

  test("the dashboard in French", async ({ page }) => {
    await page.getByRole("button", { name: "Français" }).click();
    await expect(page.getByRole("heading", { name: "Associations de clients" })).toBeVisible();
    await expect(page.getByLabel("Rechercher")).toBeVisible();
    await expect(page.getByRole("button", { name: "Appliquer les filtres" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Exporter en CSV" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: /Mise à jour/ })).toHaveAttribute("aria-sort", "descending");
    await page.getByTestId("tab-REJECTED").click();
    await expect(page.getByTestId("claim-row").first().getByTestId("status-badge")).toContainText("Rejeté");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Customer Associations" })).toBeVisible();
  });
});

test("without JavaScript the filter form, tabs and sort links still work", async ({ page, browser }) => {
  await signIn(page, USERS.contosoAdmin);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const noJs = await context.newPage();
  try {
    await noJs.goto("/claims");
    await noJs.getByLabel("Program").selectOption("OSU");
    await noJs.getByRole("button", { name: "Apply filters" }).click();
    // The browser's own GET submission: every field is in the URL, and the page reads it leniently.
    await expect(noJs).toHaveURL(/program=OSU/);
    const programs = await noJs.getByTestId("claim-row").locator("td:nth-child(4)").allInnerTexts();
    expect(programs.length).toBeGreaterThan(0);
    for (const program of programs) expect(program.trim()).toBe("OSU");
    // Links carry the canonical URL: the tab keeps the filter, the header sorts.
    await noJs.getByTestId("tab-SUBMITTED").click();
    await expect(noJs).toHaveURL(/\/claims\?status=SUBMITTED&program=OSU$/);
    await expect(noJs.getByTestId("tab-SUBMITTED")).toHaveAttribute("aria-current", "page");
    await noJs.getByRole("columnheader", { name: /Updated/ }).getByRole("link").click();
    await expect(noJs).toHaveURL(/\/claims\?status=SUBMITTED&program=OSU&sort=updatedAt$/);
  } finally {
    await context.close();
  }
});
