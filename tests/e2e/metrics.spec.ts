// The /metrics page shows the same figures as GET /api/v1/metrics for the same period and caller: the admin's
// (with the per-reviewer table) and a partner's (own organization only, no reviewer table).
import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { closeDriver, driver, driverAvailable } from "./partner-helpers";

test.skip(!driverAvailable, "needs the e2e server on PostgreSQL to issue API keys");
test.afterAll(closeDriver);

interface MetricsBody {
  byStatus: Record<string, number>;
  decisions: { approved: number; rejected: number; byReason: Record<string, number> };
  sla: Record<"SUBMITTED" | "UNDER_REVIEW", { decided: number; onTime: number }>;
  businessDaysToDecision: { p50: number | null; p90: number | null; target: number };
  overdueOverTime: { date: string; overdue: number }[];
  reviewers: { id: string; name: string; assigned: number; decided: number; overdue: number }[];
}

async function apiMetrics(page: Page, email: string, from: string, to: string): Promise<MetricsBody> {
  const { db } = await driver();
  const { createApiKeyForEmail } = await import("../../lib/claims/api-keys");
  const { secret } = await createApiKeyForEmail(db, email, `metrics e2e ${Date.now()}`);
  const response = await page.request.get(`/api/v1/metrics?from=${from}&to=${to}`, { headers: { Authorization: `Bearer ${secret}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as MetricsBody;
}

/** The numbers of a table of the page, by row key (first data column). */
async function tableNumbers(page: Page, testId: string): Promise<Record<string, number>> {
  const rows = page.getByTestId(testId).locator("tbody tr");
  const out: Record<string, number> = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out[(await row.getAttribute("data-key")) as string] = Number((await row.locator("td").first().textContent())?.trim());
  }
  return out;
}

/** Opens /metrics with its default period and returns the period the form shows. */
async function openMetrics(page: Page): Promise<{ from: string; to: string }> {
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Metrics" }).click();
  await expect(page.getByRole("heading", { name: "Metrics", level: 1 })).toBeVisible();
  return { from: await page.getByRole("textbox", { name: "From" }).inputValue(), to: await page.getByRole("textbox", { name: "To" }).inputValue() };
}

async function expectPageEquals(page: Page, api: MetricsBody) {
  expect(await tableNumbers(page, "metrics-by-status")).toEqual(api.byStatus);
  const decisions = page.getByTestId("metrics-decisions");
  await expect(decisions.locator('[data-key="approved"]')).toHaveAttribute("data-value", String(api.decisions.approved));
  await expect(decisions.locator('[data-key="rejected"]')).toHaveAttribute("data-value", String(api.decisions.rejected));
  if (Object.keys(api.decisions.byReason).length > 0) expect(await tableNumbers(page, "metrics-by-reason")).toEqual(api.decisions.byReason);
  for (const stage of ["SUBMITTED", "UNDER_REVIEW"] as const) {
    const item = page.getByTestId("metrics-sla").locator(`[data-key="${stage}"]`);
    await expect(item).toHaveAttribute("data-ended", String(api.sla[stage].decided));
    await expect(item).toHaveAttribute("data-on-time", String(api.sla[stage].onTime));
  }
  const time = page.getByTestId("metrics-decision-time");
  await expect(time.locator('[data-key="p50"]')).toHaveAttribute("data-value", String(api.businessDaysToDecision.p50 ?? ""));
  await expect(time.locator('[data-key="p90"]')).toHaveAttribute("data-value", String(api.businessDaysToDecision.p90 ?? ""));
  await expect(time.locator('[data-key="target"]')).toHaveAttribute("data-value", String(api.businessDaysToDecision.target));
  expect(await tableNumbers(page, "metrics-overdue")).toEqual(Object.fromEntries(api.overdueOverTime.map((p) => [p.date, p.overdue])));
}

test("the admin's metrics page shows the API's numbers, with the reviewer table", async ({ page }) => {
  await signIn(page, USERS.admin);
  const period = await openMetrics(page);
  const api = await apiMetrics(page, USERS.admin, period.from, period.to);
  await expectPageEquals(page, api);
  expect(api.reviewers.length).toBeGreaterThan(0);
  const reviewers = page.getByTestId("metrics-reviewers");
  for (const r of api.reviewers) {
    await expect(reviewers.locator(`tr[data-key="${r.id}"]`)).toContainText(r.name);
    await expect(reviewers.locator(`tr[data-key="${r.id}"] td`)).toHaveText([String(r.assigned), String(r.decided), String(r.overdue)]);
  }
});

test("a partner sees its own organization's figures and no reviewer table", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  const period = await openMetrics(page);
  const [own, all] = [await apiMetrics(page, USERS.contosoAdmin, period.from, period.to), await apiMetrics(page, USERS.admin, period.from, period.to)];
  await expectPageEquals(page, own);
  expect(own.reviewers).toEqual([]);
  await expect(page.getByTestId("metrics-reviewers")).toHaveCount(0);
  const total = (m: MetricsBody) => Object.values(m.byStatus).reduce((a, b) => a + b, 0);
  // Other organizations' claims exist in the demo data, and the partner's figures leave them out.
  expect(total(own)).toBeLessThan(total(all));
});
