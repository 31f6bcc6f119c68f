// Proof suite, accessibility (issue 15): axe-core on every page type (app/**/page.tsx, found at test time, so a
// new page type without a row here fails) for every role that reaches it, in English and French: no serious or
// critical violation of WCAG 2.0/2.1 A and AA. Then the keyboard: tabbing through the partner dashboard, the
// partner's claim page and the reviewer's queue and workbench reaches every action, each with a visible focus
// ring; every dialog of the claim page traps focus while open and gives it back to its opener on Escape and on
// its close button. Then a 375 px phone: the dashboard and the claim page scroll only vertically, and their
// main actions are visible and clickable. One browser context per role, signed in once.
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { recordProof } from "../proof/report";
import { signIn, USERS } from "./helpers";
import { closeDriver, driver, driverAvailable, e2ePort, readE2eMails } from "./partner-helpers";

test.skip(!driverAvailable, "needs the e2e server on PostgreSQL to find claims and links to visit");
test.describe.configure({ timeout: 180_000 });
test.afterAll(closeDriver);

const LANGUAGES = ["en", "fr"] as const;
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

const ROLE_USERS = {
  partnerAdmin: USERS.contosoAdmin,
  partnerBilling: USERS.contosoBilling,
  reviewer: USERS.reviewer1,
  admin: USERS.admin,
} as const;
type Role = keyof typeof ROLE_USERS | "signedOut";

/** What the fixtures need from the database: claims in given states, a customer's and a user's link token. */
interface Ids {
  draft: string;
  actionRequired: string;
  rejected: string;
  approved: string;
  billingClaim: string;
  underReviewMine: string;
  submitted: string;
  disputed: string;
  consentToken: string;
  passwordToken: string;
}

interface Fixture {
  role: Role;
  url: (ids: Ids) => string;
  /** Where the page lands when the URL redirects (default: the URL's path). */
  lands?: string;
  /** What the row shows, in failure messages. */
  label?: string;
}

/**
 * One row per page type (the route pattern of each app/**\/page.tsx), with the URL each role visits. Claim pages
 * get one row per panel that changes what is on the page (draft, action required, rejected, approved; the
 * reviewer's workbench, dispute, start of review).
 */
const PAGE_TYPES: Record<string, Fixture[]> = {
  "/": [
    { role: "signedOut", url: () => "/", lands: "/login" },
    { role: "partnerAdmin", url: () => "/", lands: "/claims" },
  ],
  "/login": [{ role: "signedOut", url: () => "/login" }],
  "/forgot-password": [{ role: "signedOut", url: () => "/forgot-password" }],
  "/set-password/[token]": [{ role: "signedOut", url: (ids) => `/set-password/${ids.passwordToken}` }],
  "/consent/[token]": [{ role: "signedOut", url: (ids) => `/consent/${ids.consentToken}` }],
  "/claims": [
    { role: "partnerAdmin", url: () => "/claims" },
    { role: "partnerBilling", url: () => "/claims?status=REJECTED" },
  ],
  "/claims/new": [{ role: "partnerAdmin", url: () => "/claims/new" }],
  "/claims/[id]": [
    { role: "partnerAdmin", url: (ids) => `/claims/${ids.draft}`, label: "draft" },
    { role: "partnerAdmin", url: (ids) => `/claims/${ids.actionRequired}`, label: "action required" },
    { role: "partnerAdmin", url: (ids) => `/claims/${ids.rejected}`, label: "rejected" },
    { role: "partnerAdmin", url: (ids) => `/claims/${ids.approved}`, label: "approved" },
    { role: "partnerBilling", url: (ids) => `/claims/${ids.billingClaim}` },
    { role: "reviewer", url: (ids) => `/claims/${ids.underReviewMine}`, label: "workbench" },
    { role: "reviewer", url: (ids) => `/claims/${ids.submitted}`, label: "submitted" },
    { role: "reviewer", url: (ids) => `/claims/${ids.disputed}`, label: "dispute" },
    { role: "admin", url: (ids) => `/claims/${ids.disputed}` },
  ],
  "/claims/[id]/edit": [{ role: "partnerAdmin", url: (ids) => `/claims/${ids.draft}/edit` }],
  "/metrics": [
    { role: "partnerAdmin", url: () => "/metrics" },
    { role: "reviewer", url: () => "/metrics" },
  ],
  "/notifications": [
    { role: "partnerAdmin", url: () => "/notifications" },
    { role: "reviewer", url: () => "/notifications" },
  ],
  "/api-reference": [{ role: "partnerAdmin", url: () => "/api-reference" }],
  "/settings": [{ role: "partnerAdmin", url: () => "/settings", lands: "/settings/api-keys" }],
  "/settings/api-keys": [{ role: "partnerAdmin", url: () => "/settings/api-keys" }],
  "/settings/import": [{ role: "partnerAdmin", url: () => "/settings/import" }],
  "/settings/notifications": [{ role: "partnerBilling", url: () => "/settings/notifications" }],
  "/settings/webhooks": [{ role: "partnerAdmin", url: () => "/settings/webhooks" }],
  "/review": [
    { role: "reviewer", url: () => "/review" },
    { role: "reviewer", url: () => "/review?status=UNDER_REVIEW&assignee=me", label: "mine" },
  ],
  "/review/disputes": [{ role: "reviewer", url: () => "/review/disputes" }],
  "/admin": [{ role: "admin", url: () => "/admin" }],
  "/admin/audit": [{ role: "admin", url: () => "/admin/audit" }],
  "/admin/organizations": [{ role: "admin", url: () => "/admin/organizations" }],
  "/admin/outbox": [{ role: "admin", url: () => "/admin/outbox" }],
  "/admin/settings": [{ role: "admin", url: () => "/admin/settings" }],
  "/admin/users": [{ role: "admin", url: () => "/admin/users" }],
  // Not a page.tsx, but a page people see: app/not-found.tsx.
  "(not found)": [{ role: "partnerAdmin", url: () => "/claims/no-such-claim", lands: "/claims/no-such-claim" }],
};
const EXTRA_PAGE_TYPES = ["(not found)"];

/** Every page type of the app: the route of each app/**\/page.tsx, route groups left out. */
function pageTypesOnDisk(): string[] {
  const root = path.resolve("app");
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => {
      const segments = path.dirname(file).split(path.sep).filter((s) => s !== "." && !/^\(.*\)$/.test(s));
      return `/${segments.join("/")}`;
    })
    .sort();
}

async function findIds(): Promise<Ids> {
  const { db, user } = await driver();
  const [partner, billing, reviewer] = await Promise.all([user(USERS.contosoAdmin), user(USERS.contosoBilling), user(USERS.reviewer1)]);
  const org = partner.kind === "user" ? partner.organizationId! : "";
  const first = async (where: Record<string, unknown>, what: string) => {
    const claim = await db.claim.findFirst({ where, orderBy: { number: "asc" }, select: { id: true } });
    if (!claim) throw new Error(`the seed has no ${what}`);
    return claim.id;
  };
  const now = new Date();
  const { consentTokenOfOutboxRow } = await import("../../lib/mail/consent-notice");
  const { hashConsentToken } = await import("../../lib/claims/consent-request");
  const { issuePasswordLink } = await import("../../lib/auth/password-links");

  // A customer's link that still works: in a delivered notice (an .eml file) or sealed in a queued one.
  const { consentTokenInNotice } = await import("../../lib/mail/consent-notice");
  const notices = await db.outboxMessage.findMany({ where: { kind: "CUSTOMER_CONSENT_NOTICE", secret: { not: null } } });
  const candidates = [
    ...notices.map((notice) => consentTokenOfOutboxRow(notice)),
    ...(await readE2eMails()).map((mail) => consentTokenInNotice(mail.text)),
  ].filter((token): token is string => Boolean(token));
  let consentToken = "";
  for (const token of candidates) {
    const row = await db.consentToken.findUnique({ where: { tokenHash: hashConsentToken(token) }, include: { claim: true } });
    if (row && !row.usedAt && row.expiresAt > now && row.claim.status === "APPROVED") {
      consentToken = token;
      break;
    }
  }
  if (!consentToken) throw new Error("no queued customer consent notice with a usable link");

  // A set-password link for the billing user (a reset link only; the password stays as it is).
  const billingRow = await db.user.findUniqueOrThrow({ where: { email: USERS.contosoBilling } });
  await db.$transaction((tx) => issuePasswordLink(tx, billingRow, "RESET", now));
  const linkMail = await db.outboxMessage.findFirstOrThrow({
    where: { kind: "PASSWORD_LINK", recipient: USERS.contosoBilling, secret: { not: null } },
    orderBy: { createdAt: "desc" },
  });
  const passwordToken = consentTokenOfOutboxRow(linkMail)!;

  return {
    draft: await first({ organizationId: org, status: "EDITING", createdById: partner.kind === "user" ? partner.userId : "" }, "Contoso draft"),
    actionRequired: await first({ organizationId: org, status: "PARTNER_ACTION_REQUIRED" }, "Contoso claim needing action"),
    rejected: await first({ organizationId: org, status: "REJECTED", dispute: null }, "rejected Contoso claim without dispute"),
    approved: await first({ organizationId: org, status: "APPROVED" }, "approved Contoso claim"),
    billingClaim: await first({ organizationId: org, createdById: billing.kind === "user" ? billing.userId : "" }, "claim of the billing user"),
    underReviewMine: await first({ status: "UNDER_REVIEW", reviewerId: reviewer.kind === "user" ? reviewer.userId : "" }, "claim under review by reviewer 1"),
    submitted: await first({ status: "SUBMITTED" }, "submitted claim"),
    disputed: await first({ status: "REJECTED", dispute: { status: "OPEN" } }, "claim with an open dispute"),
    consentToken,
    passwordToken,
  };
}

const baseUrl = () => `http://localhost:${e2ePort()}`;

async function setLanguage(context: BrowserContext, language: string) {
  await context.addCookies([{ name: "NEXT_LOCALE", value: language, url: baseUrl() }]);
}

let ids: Ids;
const contexts = new Map<Role, BrowserContext>();
const pages = new Map<Role, Page>();

async function open(browser: Browser, role: Role): Promise<Page> {
  const existing = pages.get(role);
  if (existing) return existing;
  const context = await browser.newContext({ baseURL: baseUrl() });
  const page = await context.newPage();
  if (role !== "signedOut") await signIn(page, ROLE_USERS[role]);
  contexts.set(role, context);
  pages.set(role, page);
  return page;
}

test.beforeAll(async () => {
  ids = await findIds();
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.close();
});

test("every page type has a row: the table is generated from app/**/page.tsx", () => {
  const onDisk = pageTypesOnDisk();
  expect(onDisk.length).toBeGreaterThan(20);
  const inTable = Object.keys(PAGE_TYPES).filter((type) => !EXTRA_PAGE_TYPES.includes(type)).sort();
  expect(inTable, "a page type without a row here (or a row for a page that is gone)").toEqual(onDisk);
});

test("axe: every page type in English and French has no serious or critical violation", async ({ browser }) => {
  // About 80 pages; the API reference alone is ~8,000 elements. Generous for a loaded 2-core machine.
  test.setTimeout(600_000);
  const failures: string[] = [];
  let tried = 0;
  let held = 0;
  for (const language of LANGUAGES) {
    for (const [type, fixtures] of Object.entries(PAGE_TYPES)) {
      // Every page type in both languages; its other states and roles (the same markup with other data) in
      // English only, so that the suite fits CI's time budget.
      const inThisLanguage = language === "en" ? fixtures : fixtures.slice(0, 1);
      for (const fixture of inThisLanguage) {
        const page = await open(browser, fixture.role);
        await setLanguage(page.context(), language);
        const url = fixture.url(ids);
        const name = `${language} ${type}${fixture.label ? ` (${fixture.label})` : ""} as ${fixture.role}`;
        tried++;
        await page.goto(url);
        const landed = new URL(page.url()).pathname;
        const expected = fixture.lands ?? new URL(url, baseUrl()).pathname;
        const lang = await page.locator("html").getAttribute("lang");
        if (landed !== expected || lang !== language) {
          failures.push(`${name}: landed on ${landed} (expected ${expected}), <html lang="${lang}">`);
          continue;
        }
        // Violations only: no selectors computed for the thousands of passing nodes (the API reference).
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ resultTypes: ["violations"] }).analyze();
        const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ""));
        if (blocking.length === 0) {
          held++;
          continue;
        }
        for (const v of blocking) {
          const targets = v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`);
          failures.push(`${name}: [${v.impact}] ${v.id} (${v.nodes.length}×) ${v.help}\n      ${targets.join("\n      ")}`);
        }
      }
    }
  }
  recordProof({ category: "accessibility", subject: "axe: page types × roles × languages", tried, held });
  expect(failures, failures.join("\n")).toEqual([]);
});

// ───────────────────────────── keyboard ─────────────────────────────

/** What a focused element looks like to the test: a stable mark, and whether its focus ring is visible. */
interface FocusStop {
  mark: string | null;
  inside: string | null;
  ring: boolean;
  detail: string;
}

/** Marks every action a keyboard user must reach (visible, enabled, not inert), returns their marks. */
async function markActions(page: Page, scope: string): Promise<{ mark: string; name: string; group: string | null }[]> {
  return page.evaluate((scopeSelector) => {
    const root = document.querySelector(scopeSelector) ?? document.body;
    const all = root.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])',
    );
    const out: { mark: string; name: string; group: string | null }[] = [];
    let n = 0;
    for (const el of all) {
      if ((el as HTMLButtonElement).disabled || el.closest("[inert], dialog:not([open])")) continue;
      if (el.tabIndex < 0) continue;
      // Skip links are off screen until focused; a visually hidden file input is still reached.
      const visible = el.checkVisibility({ visibilityProperty: true }) || el.classList.contains("skip-link");
      if (!visible) continue;
      const mark = `a11y-${n++}`;
      el.setAttribute("data-a11y-mark", mark);
      const group = el instanceof HTMLInputElement && el.type === "radio" ? `radio:${el.name}` : null;
      out.push({ mark, name: `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`, group });
    }
    return out;
  }, scope);
}

/** The focused element's mark and whether its focus indicator is visible against what is behind it. */
async function focusStop(page: Page, dialogSelector?: string): Promise<FocusStop> {
  return page.evaluate((dialog) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { mark: null, inside: null, ring: true, detail: "body" };
    const style = getComputedStyle(el);
    // Computed colours come as oklch() (Tailwind 4) or rgb(): a 1×1 canvas turns any of them into RGBA.
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const parse = (colour: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = "rgba(0, 0, 0, 0)";
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [r, g, b, a / 255];
    };
    const luminance = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (a: number[], b: number[]) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    // The colour the ring is drawn on: the first opaque background from the element's parent up.
    let backdrop = [255, 255, 255];
    for (let node = el.parentElement; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0.5) {
        backdrop = bg.slice(0, 3);
        break;
      }
    }
    const outlineWidth = parseFloat(style.outlineWidth) || 0;
    const outline = style.outlineStyle !== "none" && outlineWidth >= 2 ? parse(style.outlineColor) : null;
    const shadowColour = style.boxShadow === "none" ? null : /^(\w+\([^)]*\)|#\w+)/.exec(style.boxShadow)?.[1];
    const ringColour = outline ?? (shadowColour ? parse(shadowColour) : null);
    const ratio = ringColour && ringColour[3] > 0.5 ? contrast(ringColour.slice(0, 3), backdrop) : 0;
    return {
      mark: el.getAttribute("data-a11y-mark"),
      inside: dialog ? String(Boolean(el.closest(dialog))) : null,
      ring: el.matches(":focus-visible") && ratio >= 3,
      detail: `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}" ring ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} on rgb(${backdrop}) = ${ratio.toFixed(1)}:1`,
    };
  }, dialogSelector ?? null);
}

/** Tabs from the top of the page until focus comes back round; every action must be reached with a visible ring. */
async function tabThrough(page: Page, where: string): Promise<{ tried: number; held: number; problems: string[] }> {
  const actions = await markActions(page, "body");
  expect(actions.length, `${where}: actions to reach`).toBeGreaterThan(3);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const reached = new Map<string, boolean>();
  const problems: string[] = [];
  let stopsOnBody = 0;
  for (let i = 0; i < actions.length + 20 && stopsOnBody < 2; i++) {
    await page.keyboard.press("Tab");
    const stop = await focusStop(page);
    if (!stop.mark) {
      if (stop.detail === "body") stopsOnBody++;
      continue;
    }
    if (reached.has(stop.mark)) break;
    reached.set(stop.mark, stop.ring);
    if (!stop.ring) problems.push(`${where}: focus ring not visible on ${stop.detail}`);
  }
  let held = 0;
  const groupsReached = new Set(actions.filter((a) => a.group && reached.has(a.mark)).map((a) => a.group));
  for (const action of actions) {
    const ok = reached.has(action.mark) ? reached.get(action.mark)! : Boolean(action.group && groupsReached.has(action.group));
    if (ok) held++;
    else if (!reached.has(action.mark)) problems.push(`${where}: never reached by Tab: ${action.name}`);
  }
  return { tried: actions.length, held, problems };
}

test("keyboard: Tab reaches every action of the dashboard, the claim page and the review workbench, with a visible focus ring", async ({ browser }) => {
  const visits: { role: Role; url: string; where: string }[] = [
    { role: "partnerAdmin", url: "/claims", where: "partner dashboard" },
    { role: "partnerAdmin", url: `/claims/${ids.draft}`, where: "partner claim page (draft)" },
    { role: "partnerAdmin", url: `/claims/${ids.rejected}`, where: "partner claim page (rejected)" },
    { role: "reviewer", url: "/review", where: "review queue" },
    { role: "reviewer", url: `/claims/${ids.underReviewMine}`, where: "review workbench" },
  ];
  let tried = 0;
  let held = 0;
  const problems: string[] = [];
  for (const visit of visits) {
    const page = await open(browser, visit.role);
    await setLanguage(page.context(), "en");
    await page.goto(visit.url);
    await page.waitForLoadState("networkidle");
    const result = await tabThrough(page, visit.where);
    tried += result.tried;
    held += result.held;
    problems.push(...result.problems);
  }
  recordProof({ category: "accessibility", subject: "keyboard: actions reached by Tab with a visible focus ring", tried, held });
  expect(problems, problems.join("\n")).toEqual([]);
});

/** Opens each dialog from the keyboard: focus moves in, Tab and Shift+Tab stay inside, Escape and close return focus. */
async function checkDialog(page: Page, opener: string, dialog: string, where: string): Promise<string[]> {
  const problems: string[] = [];
  const openerLocator = page.locator(opener);
  await openerLocator.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(dialog)).toHaveJSProperty("open", true);
  const inside = await markActions(page, dialog);
  const reached = new Set<string>();
  const start = await focusStop(page, dialog);
  if (start.inside !== "true") problems.push(`${where}: focus did not move into the dialog (on ${start.detail})`);
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < inside.length * 2 + 2; i++) {
      await page.keyboard.press(key);
      const stop = await focusStop(page, dialog);
      if (stop.detail === "body") continue;
      if (stop.inside !== "true") {
        problems.push(`${where}: ${key} left the open dialog for ${stop.detail}`);
        break;
      }
      if (stop.mark) reached.add(stop.mark);
      if (!stop.ring) problems.push(`${where}: focus ring not visible in the dialog on ${stop.detail}`);
    }
  }
  for (const action of inside) if (!reached.has(action.mark) && !action.group) problems.push(`${where}: ${action.name} in the dialog never reached`);
  // Axe on the open dialog too (hidden while closed, so the page-type pass cannot see it).
  const axe = await new AxeBuilder({ page }).include(dialog).withTags(WCAG_TAGS).analyze();
  for (const v of axe.violations.filter((x) => BLOCKING.has(x.impact ?? ""))) problems.push(`${where}: axe [${v.impact}] ${v.id} ${v.help}`);

  await page.keyboard.press("Escape");
  await expect(page.locator(dialog)).toHaveJSProperty("open", false);
  if (!(await openerLocator.evaluate((el) => el === document.activeElement))) problems.push(`${where}: Escape did not return focus to the opener`);

  await openerLocator.press("Enter");
  await expect(page.locator(dialog)).toHaveJSProperty("open", true);
  // The close button (ModalDialog's header button, or a confirmation's Cancel): the dialog's first plain button.
  await page.locator(dialog).locator('[data-testid$="-close"], button[type="button"]').first().press("Enter");
  await expect(page.locator(dialog)).toHaveJSProperty("open", false);
  if (!(await openerLocator.evaluate((el) => el === document.activeElement))) problems.push(`${where}: the close button did not return focus to the opener`);
  return problems;
}

test("dialogs: each one traps focus while open and returns it to its opener on Escape and on close", async ({ browser }) => {
  const visits: { role: Role; url: string; where: string }[] = [
    { role: "partnerAdmin", url: `/claims/${ids.draft}`, where: "draft" },
    { role: "partnerAdmin", url: `/claims/${ids.rejected}`, where: "rejected" },
    { role: "partnerAdmin", url: `/claims/${ids.actionRequired}`, where: "action required" },
    { role: "reviewer", url: `/claims/${ids.underReviewMine}`, where: "workbench" },
    { role: "reviewer", url: `/claims/${ids.disputed}`, where: "dispute" },
    { role: "partnerAdmin", url: "/settings/api-keys", where: "API keys" },
  ];
  let tried = 0;
  let held = 0;
  const problems: string[] = [];
  for (const visit of visits) {
    const page = await open(browser, visit.role);
    await setLanguage(page.context(), "en");
    await page.goto(visit.url);
    await page.waitForLoadState("networkidle");
    // Every modal dialog on the page, with the button that opens it (aria-haspopup="dialog", next to it).
    const dialogs = await page.evaluate(() =>
      [...document.querySelectorAll("dialog")].map((d, i) => {
        d.setAttribute("data-a11y-dialog", String(i));
        const opener = d.previousElementSibling;
        if (opener?.getAttribute("aria-haspopup") === "dialog") opener.setAttribute("data-a11y-opener", String(i));
        return { index: i, opener: opener?.getAttribute("aria-haspopup") === "dialog", name: d.getAttribute("data-testid") ?? `dialog ${i}` };
      }),
    );
    for (const d of dialogs) {
      tried++;
      if (!d.opener) {
        problems.push(`${visit.where}: ${d.name} has no opener with aria-haspopup="dialog" before it`);
        continue;
      }
      const found = await checkDialog(page, `[data-a11y-opener="${d.index}"]`, `dialog[data-a11y-dialog="${d.index}"]`, `${visit.where} · ${d.name}`);
      if (found.length === 0) held++;
      problems.push(...found);
    }
  }
  expect(tried, "dialogs found").toBeGreaterThanOrEqual(8);
  recordProof({ category: "accessibility", subject: "dialogs: focus trapped while open, returned on Escape and close", tried, held });
  expect(problems, problems.join("\n")).toEqual([]);
});

// ───────────────────────────── 375 px ─────────────────────────────

test("375 px wide: the dashboard and the claim page scroll only vertically, their main actions are visible and clickable", async ({ browser }) => {
  const page = await open(browser, "partnerAdmin");
  await setLanguage(page.context(), "en");
  await page.setViewportSize({ width: 375, height: 812 });
  const checks: { name: string; ok: () => Promise<boolean> }[] = [];
  const noSideScroll = (name: string) =>
    checks.push({ name: `${name}: no horizontal page scroll`, ok: async () => (await page.evaluate(() => document.documentElement.scrollWidth)) <= 375 });
  const clickable = (name: string, locator: () => ReturnType<Page["locator"]>) =>
    checks.push({
      name,
      ok: async () => {
        const target = locator().first();
        await target.scrollIntoViewIfNeeded();
        await target.click({ trial: true, timeout: 5_000 });
        const box = await target.boundingBox();
        return Boolean(box && box.x >= 0 && box.x + box.width <= 375);
      },
    });

  let tried = 0;
  let held = 0;
  const failed: string[] = [];
  const run = async () => {
    for (const check of checks.splice(0)) {
      tried++;
      const ok = await check.ok().catch(() => false);
      if (ok) held++;
      else failed.push(check.name);
    }
  };

  for (const language of LANGUAGES) {
    await setLanguage(page.context(), language);
    await page.goto("/claims");
    noSideScroll(`${language} dashboard`);
    clickable(`${language} dashboard: file a claim`, () => page.getByTestId("new-claim"));
    clickable(`${language} dashboard: open a claim`, () => page.getByTestId("claim-row").getByRole("link"));
    await run();

    await page.goto(`/claims/${ids.actionRequired}`);
    noSideScroll(`${language} claim page`);
    clickable(`${language} claim page: comment box`, () => page.getByTestId("comment-form").locator("textarea"));
    clickable(`${language} claim page: post comment`, () => page.getByTestId("comment-form").getByRole("button"));
    clickable(`${language} claim page: history`, () => page.getByTestId("history-dialog-open"));
    await run();
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  recordProof({ category: "accessibility", subject: "375 px: no horizontal scroll, main actions clickable", tried, held });
  expect(failed).toEqual([]);
});
