#!/usr/bin/env node
// @ts-check
// A partner's integration and a reviewer's, end to end, through the REST API v1 only (README "REST API" and
// GET /api/v1/openapi.json): the partner finds its MPN ID, creates a claim, edits it, uploads proof of
// execution and submits it; the reviewer asks for more information; the partner answers and resubmits, then
// reads the history and the comments; the reviewer approves.
//
// Plain Node (20+) ESM with one small dependency, openapi-fetch (`npm install openapi-fetch`), a typed fetch
// client. The types come from the OpenAPI document (`npx openapi-typescript <BASE_URL>/api/v1/openapi.json -o
// types/generated/api-v1.d.ts`); the project's CI generates them and type-checks this file against them
// strictly (scripts/check-api-client.ts), so every path, parameter and body below is the document's.
//   BASE_URL=http://localhost:3000 PARTNER_API_KEY=cpor_… REVIEWER_API_KEY=cpor_… node examples/partner-and-reviewer.mjs
// Optional: MPN_ID (the partner location to claim for; default: the first active one from GET /me).
import { createHash, randomUUID } from "node:crypto";
import createClient from "openapi-fetch";

/** @typedef {import("../types/generated/api-v1").paths} Paths */
/** @typedef {import("../types/generated/api-v1").components["schemas"]} Schemas */
/** @typedef {import("openapi-fetch").Client<Paths>} Api */

const BASE_URL = (process.env.BASE_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const PARTNER_KEY = process.env.PARTNER_API_KEY;
const REVIEWER_KEY = process.env.REVIEWER_API_KEY;
if (!PARTNER_KEY || !REVIEWER_KEY) {
  console.error("Set PARTNER_API_KEY and REVIEWER_API_KEY (create them in the portal: Settings → API keys).");
  process.exit(2);
}

class ApiError extends Error {
  /**
   * @param {Response} response
   * @param {Partial<Schemas["Problem"]> | undefined} problem
   */
  constructor(response, problem) {
    super(`${new URL(response.url).pathname} → ${response.status} ${problem?.code ?? ""}: ${problem?.detail ?? "(no detail)"}`);
    this.status = response.status;
    this.problem = problem;
  }
}

/**
 * fetch that waits out a 429 (Retry-After, in seconds) and tries again, as a well-behaved client does.
 * @param {Request} request
 * @returns {Promise<Response>}
 */
async function fetchWithRetry(request) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(request.clone());
    if (response.status !== 429 || attempt >= 5) return response;
    const seconds = Number(response.headers.get("retry-after") ?? 1);
    console.log(`  … rate limited, retrying in ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}

/**
 * A client acting as one API key's user.
 * @param {string | undefined} key
 * @returns {Api}
 */
function clientFor(key) {
  return createClient({
    baseUrl: `${BASE_URL}/api/v1`,
    headers: key ? { Authorization: `Bearer ${key}` } : {},
    fetch: fetchWithRetry,
  });
}

/**
 * The data of a successful call; any error answer throws with the problem's code and detail.
 * @template T
 * @param {Promise<{ data?: T; error?: unknown; response: Response }>} call
 * @returns {Promise<{ data: T; response: Response }>}
 */
async function ok(call) {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    throw new ApiError(response, /** @type {Partial<Schemas["Problem"]> | undefined} */ (error));
  }
  return { data, response };
}

/** @param {string} text */
function step(text) {
  console.log(`• ${text}`);
}

/** A minimal, valid PDF: the portal checks the file's content, not only its name. */
function samplePdf() {
  return new TextEncoder().encode(
    [
      "%PDF-1.4",
      "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
      "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj",
      `% Statement of work signed by the customer, ${new Date().toISOString()}`,
      "trailer << /Root 1 0 R >>",
      "%%EOF",
      "",
    ].join("\n"),
  );
}

async function main() {
  const anonymous = clientFor(undefined);
  const partner = clientFor(PARTNER_KEY);
  const reviewer = clientFor(REVIEWER_KEY);

  // 0. The document describes everything below.
  const { data: openapi } = await ok(anonymous.GET("/openapi.json"));
  const info = /** @type {{ info: { title: string; version: string }; paths: Record<string, unknown> }} */ (openapi);
  step(`${info.info.title} ${info.info.version}: ${Object.keys(info.paths).length} paths`);

  // 1. Partner: who am I, which MPN ID do I claim for, and what can I see?
  const { data: me } = await ok(partner.GET("/me"));
  const mpnId = process.env.MPN_ID ?? me.organization?.mpnIds.find((location) => location.active)?.mpnId ?? "1234567";
  const { data: mine } = await ok(partner.GET("/claims", { params: { query: { pageSize: 1 } } }));
  const counts = Object.entries(mine.counts).map(([status, n]) => `${status} ${n}`).join(", ");
  step(`partner ${me.name} (${me.role}) sees ${mine.total} claims (${counts}); MPN ID ${mpnId}`);

  // 2. Create a draft (EDITING). Unknown fields would be ignored; invalid ones come back as 422 with `errors`.
  const tenantId = randomUUID();
  const created = await ok(
    partner.POST("/claims", {
      body: {
        mpnId,
        program: "OSU",
        activity: "PRE_SALES",
        solutionArea: "MODERN_WORK",
        customer: { tenantId, domain: `example-${tenantId.slice(0, 8)}.com`, name: "Example Customer Ltd" },
        products: [{ kind: "WORKLOAD", name: "TEAMS" }],
        customerContact: { name: "Chris Customer", title: "CIO", email: "chris@example-customer.com" },
        partnerContact: { name: "Pat Partner", title: "Account manager", email: "pat@example-partner.com" },
      },
    }),
  );
  let claim = created.data;
  const id = claim.id;
  step(`created ${claim.number} (${claim.status}, version ${claim.version}) at ${created.response.headers.get("location")}`);

  // 3. Edit it: PATCH needs the version from the ETag as If-Match (a stale one is 409 CONFLICT).
  const read = await ok(partner.GET("/claims/{id}", { params: { path: { id } } }));
  const edited = await ok(
    partner.PATCH("/claims/{id}", {
      params: { path: { id }, header: { "If-Match": read.response.headers.get("etag") ?? String(read.data.version) } },
      body: {
        products: [
          { kind: "WORKLOAD", name: "TEAMS" },
          { kind: "WORKLOAD", name: "EXCHANGE" },
        ],
        commentary: "Deployed Teams and Exchange Online; workshops in March.",
      },
    }),
  );
  claim = edited.data;
  step(`edited: ${claim.products.map((p) => p.name).join(" + ")} (version ${claim.version}, ETag ${edited.response.headers.get("etag")})`);

  // 4. Upload proof of execution: the raw bytes as the body, the name URL-encoded in X-File-Name.
  const pdf = samplePdf();
  const { data: poe } = await ok(
    partner.POST("/claims/{id}/poe", {
      params: { path: { id }, header: { "X-File-Name": encodeURIComponent("Statement of work (signed).pdf") } },
      body: new Blob([pdf]),
      headers: { "Content-Type": "application/octet-stream" },
      // openapi-fetch sends JSON by default; a file goes as it is.
      bodySerializer: (body) => body,
    }),
  );
  const localHash = createHash("sha256").update(pdf).digest("hex");
  if (poe.sha256 !== localHash) throw new Error("The server's SHA-256 of the upload differs from ours");
  step(`uploaded "${poe.fileName}" (${poe.size} bytes, ${poe.contentType}, sha256 verified)`);

  // 5. Competing claims are a warning, never a block.
  const { data: conflicts } = await ok(partner.GET("/claims/{id}/conflicts", { params: { path: { id } } }));
  step(`competing claims: ${conflicts.items.length}`);

  // 6. Submit, with the version we hold (actions accept it in the body).
  const current = (await ok(partner.GET("/claims/{id}", { params: { path: { id } } }))).data;
  claim = (await ok(partner.POST("/claims/{id}/actions/submit", { params: { path: { id } }, body: { version: current.version } }))).data;
  step(`submitted: ${claim.status}, due ${claim.dueAt}`);

  // 7. Reviewer: find it in the queue and start the review.
  const { data: queue } = await ok(reviewer.GET("/claims", { params: { query: { status: "SUBMITTED", q: claim.number } } }));
  if (!queue.items.some((item) => item.id === id)) throw new Error(`${claim.number} is not in the reviewer's queue`);
  claim = (await ok(reviewer.POST("/claims/{id}/actions/start-review", { params: { path: { id } }, body: {} }))).data;
  step(`reviewer started the review: ${claim.status}`);

  // 8. Reviewer asks for more information.
  claim = (
    await ok(
      reviewer.POST("/claims/{id}/actions/request-info", {
        params: { path: { id } },
        body: { reasonCodes: ["MISSING_CUSTOMER_ACKNOWLEDGMENT"], comment: "Please confirm the customer acknowledged the work." },
      }),
    )
  ).data;
  step(`reviewer requested information: ${claim.status} (${claim.reasonCodes.join(", ")})`);

  // 9. Partner answers in the comments and resubmits (the comment counts as the response).
  await ok(
    partner.POST("/claims/{id}/comments", {
      params: { path: { id } },
      body: { body: "The customer's CIO acknowledged the work by email on page 2 of the statement of work." },
    }),
  );
  claim = (await ok(partner.POST("/claims/{id}/actions/resubmit", { params: { path: { id } }, body: {} }))).data;
  step(`partner commented and resubmitted: ${claim.status}`);

  // 10. A partner cannot decide: the API says why, as problem+json.
  const refused = await partner.POST("/claims/{id}/actions/approve", { params: { path: { id } }, body: {} });
  if (refused.error?.code !== "FORBIDDEN") throw new Error(`A partner key approving answered ${refused.response.status}`);
  step(`partner approving is refused: ${refused.response.status} ${refused.error.code}`);

  // 11. Reviewer approves with the version they read.
  const latest = (await ok(reviewer.GET("/claims/{id}", { params: { path: { id } } }))).data;
  claim = (
    await ok(
      reviewer.POST("/claims/{id}/actions/approve", {
        params: { path: { id } },
        body: { version: latest.version, comment: "Approved: the acknowledgment is clear." },
      }),
    )
  ).data;
  step(`reviewer approved: ${claim.status}; the customer may deny until ${claim.consentEndsAt}`);

  // 12. Partner reads the history and the comments.
  const { data: history } = await ok(partner.GET("/claims/{id}/history", { params: { path: { id } } }));
  console.log("History:");
  for (const event of history.items) {
    const change = event.toStatus ? ` → ${event.toStatus}` : event.changes ? ` (${event.changes.map((c) => c.field).join(", ")})` : "";
    console.log(`  ${event.at}  ${event.actor.role.padEnd(15)} ${event.type}${change}`);
  }
  const { data: comments } = await ok(partner.GET("/claims/{id}/comments", { params: { path: { id } } }));
  console.log("Comments:");
  for (const comment of comments.items) console.log(`  ${comment.author.role.padEnd(15)} ${comment.body}`);

  console.log(`DONE ${claim.number} ${claim.status}`);
}

main().catch((error) => {
  console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
