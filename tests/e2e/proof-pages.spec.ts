// Proof suite, "isolation matrix" (pages): every page under app/ × every role (and signed out) × a claim of the
// own and of another organization, through the production server. Another organization's claim answers the
// not-found page (404) without its claim number or customer name; a page a role may not use answers 404 (or
// the redirect the app gives everyone alike). The rows are checked against app/**/page.tsx, so a new page
// without a row fails. API, downloads and server actions: tests/integration/proof-isolation.test.ts.
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import pg from "pg";
import { formatClaimNumber } from "../../lib/claims/claim-number";
import { recordProof } from "../proof/report";
import { pagePatterns } from "../proof/route-inventory";
import { signIn, USERS } from "./helpers";

test.describe.configure({ timeout: 240_000 });

type Role = "contosoAdmin" | "contosoBilling" | "fabrikamAdmin" | "reviewer1" | "admin";
type Caller = Role | "signedOut";
const ROLES: Role[] = ["contosoAdmin", "contosoBilling", "fabrikamAdmin", "reviewer1", "admin"];
const PARTNERS: Role[] = ["contosoAdmin", "contosoBilling", "fabrikamAdmin"];
const EVERYONE: Role[] = ROLES;
const ORG_OF: Partial<Record<Role, "contoso" | "fabrikam">> = { contosoAdmin: "contoso", contosoBilling: "contoso", fabrikamAdmin: "fabrikam" };

/**
 * What each page answers. `roles`: who may open it (everyone else: 404); `claim`: the page shows one claim (an
 * own / another organization's claim is tried); `public`: no session needed; `redirect`: answers a redirect.
 */
interface PageRow {
  roles: Role[] | "public";
  claim?: "read" | "edit";
  redirect?: boolean;
}
const PAGES: Record<string, PageRow> = {
  "/": { roles: EVERYONE, redirect: true },
  "/admin": { roles: ["admin"] },
  "/admin/audit": { roles: ["admin"] },
  "/admin/organizations": { roles: ["admin"] },
  "/admin/outbox": { roles: ["admin"] },
  "/admin/settings": { roles: ["admin"] },
  "/admin/users": { roles: ["admin"] },
  "/api-reference": { roles: EVERYONE },
  "/claims": { roles: PARTNERS },
  "/claims/new": { roles: PARTNERS },
  "/claims/[id]": { roles: EVERYONE, claim: "read" },
  "/claims/[id]/edit": { roles: PARTNERS, claim: "edit" },
  "/metrics": { roles: EVERYONE },
  "/notifications": { roles: EVERYONE },
  "/review": { roles: ["reviewer1"] },
  "/review/disputes": { roles: ["reviewer1"] },
  "/settings": { roles: EVERYONE, redirect: true },
  "/settings/api-keys": { roles: ["contosoAdmin", "fabrikamAdmin", "reviewer1", "admin"] },
  "/settings/import": { roles: PARTNERS },
  "/settings/notifications": { roles: EVERYONE },
  "/settings/webhooks": { roles: ["contosoAdmin", "fabrikamAdmin"] },
  // Public pages whose token is the credential: a made-up token shows no claim at all.
  "/consent/[token]": { roles: "public" },
  "/set-password/[token]": { roles: "public" },
  "/forgot-password": { roles: "public" },
  "/login": { roles: "public" },
};

interface FixtureClaim {
  id: string;
  number: string;
  customerName: string;
  status: string;
}

async function claimsOf(db: pg.Client, orgName: string): Promise<FixtureClaim[]> {
  const { rows } = await db.query<{ id: string; number: number; customerName: string; status: string }>(
    `SELECT c.id, c.number, c."customerName", c.status::text AS status FROM "Claim" c JOIN "Organization" o ON o.id = c."organizationId"
     WHERE o.name ILIKE $1 ORDER BY c.status = 'EDITING' DESC, c.number`,
    [`${orgName}%`],
  );
  return rows.map((row) => ({ id: row.id, number: formatClaimNumber(row.number), customerName: row.customerName, status: row.status }));
}

test("has a row for every page under app/", () => {
  expect(pagePatterns()).toEqual(Object.keys(PAGES).sort());
});

test("every page × every role × own / other organization: no leak, the same answer as a missing page", async ({ browser }) => {
  const port = process.env.E2E_PORT ?? "3100";
  const base = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const db = new pg.Client({ connectionString: `${base.slice(0, base.lastIndexOf("/"))}/cpor_e2e_${port}` });
  await db.connect().catch(() => test.skip(true, "the e2e database is not PostgreSQL (PGlite fallback): the page matrix needs its rows"));
  const claims = { contoso: await claimsOf(db, "Contoso"), fabrikam: await claimsOf(db, "Fabrikam") };
  await db.end();
  // A submitted (or later) claim for reading and a draft for the edit page, per organization.
  const pick = (org: "contoso" | "fabrikam", kind: "read" | "edit") =>
    kind === "edit" ? (claims[org].find((c) => c.status === "EDITING") ?? claims[org][0]) : claims[org].find((c) => c.status !== "EDITING")!;
  expect(pick("contoso", "read"), "the demo data has Contoso claims").toBeTruthy();
  expect(pick("fabrikam", "read"), "the demo data has Fabrikam claims").toBeTruthy();

  const pages = new Map<Caller, Page>();
  for (const role of ROLES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, USERS[role]);
    pages.set(role, page);
  }
  pages.set("signedOut", await (await browser.newContext()).newPage());

  const get = (caller: Caller, url: string): Promise<APIResponse> => pages.get(caller)!.request.get(url, { maxRedirects: 0 });
  const notFoundBody = async (caller: Caller) => (await get(caller, "/this-page-does-not-exist")).text();

  let tried = 0;
  let held = 0;
  const failures: string[] = [];
  const check = (label: string, problems: string[]) => {
    tried++;
    if (problems.length) failures.push(`${label}: ${problems.join("; ")}`);
    else held++;
  };
  const isNotFound = (response: APIResponse, text: string) => response.status() === 404 && text.includes("Not found");

  for (const [pattern, row] of Object.entries(PAGES)) {
    for (const caller of [...ROLES, "signedOut"] as Caller[]) {
      const orgs = row.claim ? (["contoso", "fabrikam"] as const) : ([null] as const);
      for (const org of orgs) {
        const claim = org ? pick(org, row.claim!) : null;
        const url = pattern.replace("[id]", claim?.id ?? "").replace("[token]", "made-up-token-0123456789");
        const response = await get(caller, url);
        const text = await response.text();
        const problems: string[] = [];
        const status = response.status();
        if (status >= 500) problems.push(`answered ${status}`);
        const own = caller !== "signedOut" && org !== null && (ORG_OF[caller as Role] ? ORG_OF[caller as Role] === org : row.claim === "read" && !(caller === "reviewer1" && claim!.status === "EDITING"));
        const allowed = row.roles === "public" || (caller !== "signedOut" && row.roles.includes(caller as Role));
        if (caller === "signedOut" && row.roles !== "public") {
          if (!(status >= 300 && status < 400 && /\/login/.test(response.headers().location ?? ""))) problems.push(`signed out: answered ${status}, not a redirect to /login`);
        } else if (!allowed || (org !== null && !own)) {
          // The not-found page, as for a page that does not exist (compared in full for one case below).
          if (!isNotFound(response, text)) problems.push(`answered ${status}, not the not-found page`);
        } else if (row.redirect) {
          if (!(status >= 300 && status < 400)) problems.push(`answered ${status}, not a redirect`);
        } else if (row.roles === "public") {
          // Sign-in pages send a signed-in user home; a made-up token may answer the not-found page.
          if (!(status === 200 || status === 404 || (status >= 300 && status < 400))) problems.push(`answered ${status}`);
        } else if (status !== 200) {
          problems.push(`answered ${status} to a caller who may open it`);
        }
        // Never another organization's claim number, nor a customer name only the other organization has (the demo
        // data gives both organizations some of the same customers), whatever the page.
        const mine = caller !== "signedOut" ? ORG_OF[caller as Role] : undefined;
        if (mine) {
          const ownNames = new Set(claims[mine].map((c) => c.customerName));
          for (const c of claims[mine === "contoso" ? "fabrikam" : "contoso"]) {
            if (text.includes(c.number)) problems.push(`shows ${c.number}`);
            if (!ownNames.has(c.customerName) && text.includes(c.customerName)) problems.push(`shows ${c.customerName}`);
          }
        }
        // A claim the caller may not see at all (not merely a page their role does not use) leaves no trace.
        const seesClaim = claim !== null && (mine ? mine === org : !(caller === "reviewer1" && claim.status === "EDITING") && caller !== "signedOut");
        if (claim && !seesClaim && (text.includes(claim.number) || text.includes(claim.customerName))) problems.push("leaks the hidden claim");
        check(`${caller} ${url}`, problems);
      }
    }
  }
  // The not-found page for another organization's claim is byte-for-byte the one for a page that does not exist
  // (apart from the per-request nonce and build ids, compared as text without tags).
  const strip = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
  const hidden = await get("contosoAdmin", `/claims/${pick("fabrikam", "read").id}`);
  const missing = await get("contosoAdmin", "/claims/cmissing000000000000000000");
  check("contosoAdmin: another organization's claim vs a missing claim", strip(await hidden.text()) === strip(await missing.text()) && hidden.status() === missing.status() ? [] : ["the answers differ"]);
  expect(strip(await notFoundBody("contosoAdmin"))).toContain("Not found");

  recordProof({ category: "isolation", subject: "pages × 5 roles and signed out × own/other organization (production server)", tried, held });
  expect(failures).toEqual([]);
});
