// Every page type, on the production build (scripts/e2e-server.sh runs `next start`): a Content-Security-Policy
// with a fresh nonce per response that Next wrote on every script of the page, no 'unsafe-inline' for scripts,
// frame-ancestors 'none', the other strict headers and HSTS; the API and upload routes carry a script-less policy.
// The page list is read from app/ (every page.tsx, plus not-found.tsx and error.tsx): a new page type without a
// row below fails the first test. Then the browser check: pages hydrate under the policy with no violation.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { closeDriver, driver, driverAvailable } from "./partner-helpers";

test.skip(!driverAvailable, "needs the e2e server on PostgreSQL to find claims by status");
test.afterAll(closeDriver);

type Who = "signed-out" | "partner" | "reviewer" | "admin";

/** Route patterns of app/ as URLs see them: route groups dropped, e.g. "/claims/[id]/edit". */
function appPageTypes(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (["page.tsx", "not-found.tsx", "error.tsx"].includes(entry.name)) {
        const route = "/" + path.relative("app", dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join("/");
        found.push(entry.name === "page.tsx" ? route : `${entry.name.replace(".tsx", "")}:${route}`);
      }
    }
  };
  walk(path.resolve("app"));
  return found.sort();
}

interface Ids {
  claim: string;
  editableClaim: string;
  disputedOrAny: string;
}

/** One row per page type: who opens it and at which URL. */
const PAGES: Record<string, { who: Who; url: (ids: Ids) => string; status?: number; skip?: string }> = {
  "/": { who: "partner", url: () => "/", status: 307 },
  "/login": { who: "signed-out", url: () => "/login" },
  "/forgot-password": { who: "signed-out", url: () => "/forgot-password" },
  "/set-password/[token]": { who: "signed-out", url: () => "/set-password/not-a-real-token" },
  "/consent/[token]": { who: "signed-out", url: () => "/consent/not-a-real-token" },
  "/claims": { who: "partner", url: () => "/claims" },
  "/claims/new": { who: "partner", url: () => "/claims/new" },
  "/claims/[id]": { who: "partner", url: (ids) => `/claims/${ids.claim}` },
  "/claims/[id]/edit": { who: "partner", url: (ids) => `/claims/${ids.editableClaim}/edit` },
  "/notifications": { who: "partner", url: () => "/notifications" },
  "/api-reference": { who: "partner", url: () => "/api-reference" },
  // Redirects to the first settings page the user may see; the redirect itself carries the headers.
  "/settings": { who: "partner", url: () => "/settings", status: 307 },
  "/settings/api-keys": { who: "partner", url: () => "/settings/api-keys" },
  "/settings/import": { who: "partner", url: () => "/settings/import" },
  "/settings/notifications": { who: "partner", url: () => "/settings/notifications" },
  "/settings/webhooks": { who: "partner", url: () => "/settings/webhooks" },
  "/metrics": { who: "partner", url: () => "/metrics" },
  "/review": { who: "reviewer", url: () => "/review" },
  "/review/disputes": { who: "reviewer", url: () => "/review/disputes" },
  "/admin": { who: "admin", url: () => "/admin" },
  "/admin/audit": { who: "admin", url: () => "/admin/audit" },
  "/admin/organizations": { who: "admin", url: () => "/admin/organizations" },
  "/admin/outbox": { who: "admin", url: () => "/admin/outbox" },
  "/admin/settings": { who: "admin", url: () => "/admin/settings" },
  "/admin/users": { who: "admin", url: () => "/admin/users" },
  "not-found:/": { who: "reviewer", url: () => "/no-such-page-here", status: 404 },
  // error.tsx is drawn inside the answer of the page whose render failed, so it carries that page's headers (set by
  // proxy.ts before rendering). No portal URL fails on purpose any more (the last one, a NUL byte in the search,
  // is now refused before it reaches the database), so there is no request to make for it here.
  "error:/": { who: "reviewer", url: () => "/review", skip: "rendered within a failing page's answer; no URL fails on purpose" },
};

const USER_OF: Record<Exclude<Who, "signed-out">, string> = {
  partner: USERS.contosoAdmin,
  reviewer: USERS.reviewer1,
  admin: USERS.admin,
};

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

/** Checks one page answer; returns its nonce. */
async function checkPage(response: APIResponse, label: string): Promise<string> {
  const headers = response.headers();
  const policy = headers["content-security-policy"];
  expect(policy, `${label}: CSP`).toBeTruthy();
  const d = directives(policy);
  const scripts = d.get("script-src") ?? [];
  expect(scripts, `${label}: script-src`).not.toContain("'unsafe-inline'");
  expect(scripts, `${label}: script-src (production)`).not.toContain("'unsafe-eval'");
  expect(scripts, `${label}: script-src`).toContain("'strict-dynamic'");
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, `${label}: nonce`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(d.get("frame-ancestors"), label).toEqual(["'none'"]);
  expect(d.get("object-src"), label).toEqual(["'none'"]);
  expect(d.get("base-uri"), label).toEqual(["'self'"]);
  expect(d.get("default-src"), label).toEqual(["'self'"]);
  expect(d.get("style-src") ?? [], `${label}: no nonce in style-src (it would void 'unsafe-inline')`).not.toContain(`'nonce-${nonce}'`);
  expect(headers["x-frame-options"], label).toBe("DENY");
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["referrer-policy"], label).toBe("strict-origin-when-cross-origin");
  expect(headers["cross-origin-opener-policy"], label).toBe("same-origin");
  expect(headers["permissions-policy"], label).toContain("camera=()");
  expect(headers["strict-transport-security"], `${label}: HSTS (production build)`).toBe("max-age=63072000; includeSubDomains");
  if (response.status() < 300 || response.status() >= 400) {
    // Every script Next rendered carries this response's nonce; none without it (it would be blocked).
    const html = await response.text();
    const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length, `${label}: scripts rendered`).toBeGreaterThan(0);
    for (const tag of scriptTags) expect(tag, `${label}: script nonce`).toContain(`nonce="${nonce}"`);
  }
  return nonce!;
}

test("every page type in app/ has a row", () => {
  expect(appPageTypes()).toEqual(Object.keys(PAGES).sort());
});

test("every page type answers with a fresh nonce and the strict headers", async ({ browser }) => {
  // ~56 page loads and three sign-ins on a shared 2-core machine.
  test.setTimeout(300_000);
  const { db } = await driver();
  const contoso = await db.user.findUniqueOrThrow({ where: { email: USERS.contosoAdmin } });
  const ownClaims = { organizationId: contoso.organizationId! };
  const ids: Ids = {
    claim: (await db.claim.findFirstOrThrow({ where: { ...ownClaims, status: "UNDER_REVIEW" } })).id,
    editableClaim: (await db.claim.findFirstOrThrow({ where: { ...ownClaims, status: "EDITING" } })).id,
    disputedOrAny: (await db.claim.findFirstOrThrow({ where: ownClaims })).id,
  };
  const pages = new Map<Who, Page>();
  for (const who of ["signed-out", "partner", "reviewer", "admin"] as const) {
    const page = await (await browser.newContext()).newPage();
    if (who !== "signed-out") await signIn(page, USER_OF[who]);
    pages.set(who, page);
  }
  const nonces = new Set<string>();
  let checked = 0;
  for (const [type, row] of Object.entries(PAGES)) {
    if (row.skip) continue;
    const request = pages.get(row.who)!.request;
    const url = row.url(ids);
    for (let i = 0; i < 2; i++) {
      const response = await request.get(url, { maxRedirects: 0 });
      expect(response.status(), `${type} (${url})`).toBe(row.status ?? 200);
      nonces.add(await checkPage(response, `${type} (${url})`));
      checked++;
    }
  }
  // Fresh per response: never the same nonce twice, also for two requests of the same page.
  expect(nonces.size).toBe(checked);
  for (const page of pages.values()) await page.context().close();
});

test("API and upload routes carry a script-less policy; PoE files keep their sandbox", async ({ request, page }) => {
  const answers: [string, APIResponse][] = [
    ["/api/v1/claims", await request.get("/api/v1/claims")],
    ["/api/v1/openapi.json", await request.get("/api/v1/openapi.json")],
    // Signed out: refused by the route itself (the proxy never sees these), with the static headers.
    ["/settings/import/upload", await request.post("/settings/import/upload", { data: "x" })],
    ["/claims/x/poe", await request.post("/claims/x/poe", { data: "x" })],
  ];
  for (const [url, response] of answers) {
    const d = directives(response.headers()["content-security-policy"] ?? "");
    expect(d.get("script-src"), url).toEqual(["'self'"]);
    expect(d.get("frame-ancestors"), url).toEqual(["'none'"]);
    expect(response.headers()["strict-transport-security"], url).toBeTruthy();
    expect(response.headers()["x-content-type-options"], url).toBe("nosniff");
  }
  // A PoE file (portal download and preview, API download): lib/poe/download.ts's sandbox policy, nothing replaced it.
  const { db } = await driver();
  const contoso = await db.user.findUniqueOrThrow({ where: { email: USERS.contosoAdmin } });
  const file = await db.poeFile.findFirstOrThrow({ where: { claim: { organizationId: contoso.organizationId! } } });
  await signIn(page, USERS.contosoAdmin);
  for (const url of [`/claims/${file.claimId}/poe/${file.id}`, `/claims/${file.claimId}/poe/${file.id}/preview`]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    const policy = response.headers()["content-security-policy"];
    expect(policy, url).toContain("sandbox");
    expect(policy, url).not.toContain("nonce-");
    expect(response.headers()["strict-transport-security"], url).toBeTruthy();
  }
});

/** Loads a page in the browser and collects CSP violations (the DOM event and the console's report). */
async function violationsWhileLoading(page: Page, url: string): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations ??= [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  const fromDom = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
  // Hydrated: React attached its fibers to the server-rendered DOM (it cannot without its scripts).
  const hydrated = await page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((key) => key.startsWith("__react")));
  return [...violations, ...fromDom.map((v) => `event: ${v}`), ...(hydrated ? [] : ["not hydrated"])];
}

test("pages hydrate under the policy without a violation", async ({ page }) => {
  test.setTimeout(180_000);
  expect(await violationsWhileLoading(page, "/login")).toEqual([]);
  await signIn(page, USERS.contosoAdmin);
  for (const url of ["/claims", "/claims/new", "/metrics", "/settings/api-keys"]) {
    expect(await violationsWhileLoading(page, url), url).toEqual([]);
  }
  // recharts drew its SVG on /metrics (style attributes allowed by style-src 'unsafe-inline').
  await page.goto("/metrics");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
});
