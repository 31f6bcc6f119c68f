#!/usr/bin/env node
// A partner's integration and a reviewer's, end to end, through the REST API v1 only (README "REST API" and
// GET /api/v1/openapi.json): the partner creates a claim, edits it, uploads proof of execution and submits
// it; the reviewer asks for more information; the partner answers and resubmits, then reads the history and
// the comments; the reviewer approves.
//
// Plain Node (20+) ESM with fetch, no dependencies:
//   BASE_URL=http://localhost:3000 PARTNER_API_KEY=cpor_… REVIEWER_API_KEY=cpor_… node examples/partner-and-reviewer.mjs
// Optional: MPN_ID (the partner location to claim for; default: the one of the partner's latest claim, else 1234567).
import { createHash, randomUUID } from "node:crypto";

const BASE_URL = (process.env.BASE_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const API = `${BASE_URL}/api/v1`;
const PARTNER = process.env.PARTNER_API_KEY;
const REVIEWER = process.env.REVIEWER_API_KEY;
if (!PARTNER || !REVIEWER) {
  console.error("Set PARTNER_API_KEY and REVIEWER_API_KEY (create them in the portal: Settings → API keys).");
  process.exit(2);
}

class ApiError extends Error {
  constructor(method, path, status, problem) {
    super(`${method} ${path} → ${status} ${problem?.code ?? ""}: ${problem?.detail ?? "(no detail)"}`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * One API call. `json` is sent as JSON; `body` as raw bytes. Any status outside `expect` throws with the
 * problem's code and detail. A 429 is retried after Retry-After, as a well-behaved client does.
 */
async function api(key, method, path, { json, body, headers = {}, expect = [200] } = {}) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${API}${path}`, {
      method,
      headers: {
        ...(key ? { Authorization: `Bearer ${key}` } : {}),
        ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : body,
    });
    if (response.status === 429 && attempt < 5) {
      const seconds = Number(response.headers.get("retry-after") ?? 1);
      console.log(`  … rate limited, retrying in ${seconds} s`);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    const type = response.headers.get("content-type") ?? "";
    const data = type.includes("json") ? await response.json() : await response.text();
    if (!expect.includes(response.status)) throw new ApiError(method, path, response.status, typeof data === "object" ? data : undefined);
    return { status: response.status, headers: response.headers, data };
  }
}

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
  // 0. The document describes everything below.
  const { data: openapi } = await api(null, "GET", "/openapi.json");
  step(`${openapi.info.title} ${openapi.info.version}: ${Object.keys(openapi.paths).length} paths`);

  // 1. Partner: what can I see, and which MPN ID do I claim for?
  const { data: mine } = await api(PARTNER, "GET", "/claims?pageSize=1");
  const mpnId = process.env.MPN_ID ?? mine.items[0]?.mpnId ?? "1234567";
  step(`partner sees ${mine.total} claims (${Object.entries(mine.counts).map(([s, n]) => `${s} ${n}`).join(", ")}); MPN ID ${mpnId}`);

  // 2. Create a draft (EDITING). Unknown fields would be ignored; invalid ones come back as 422 with `errors`.
  const tenantId = randomUUID();
  const created = await api(PARTNER, "POST", "/claims", {
    expect: [201],
    json: {
      mpnId,
      program: "OSU",
      activity: "PRE_SALES",
      solutionArea: "MODERN_WORK",
      customer: { tenantId, domain: `example-${tenantId.slice(0, 8)}.com`, name: "Example Customer Ltd" },
      products: [{ kind: "WORKLOAD", name: "TEAMS" }],
      customerContact: { name: "Chris Customer", title: "CIO", email: "chris@example-customer.com" },
      partnerContact: { name: "Pat Partner", title: "Account manager", email: "pat@example-partner.com" },
    },
  });
  let claim = created.data;
  step(`created ${claim.number} (${claim.status}, version ${claim.version}) at ${created.headers.get("location")}`);

  // 3. Edit it: PATCH needs the version from the ETag as If-Match (a stale one is 409 CONFLICT).
  const { headers: etagHeaders } = await api(PARTNER, "GET", `/claims/${claim.id}`);
  const edited = await api(PARTNER, "PATCH", `/claims/${claim.id}`, {
    headers: { "If-Match": etagHeaders.get("etag") },
    json: {
      products: [{ kind: "WORKLOAD", name: "TEAMS" }, { kind: "WORKLOAD", name: "EXCHANGE" }],
      commentary: "Deployed Teams and Exchange Online; workshops in March.",
    },
  });
  claim = edited.data;
  step(`edited: ${claim.products.map((p) => p.name).join(" + ")} (version ${claim.version}, ETag ${edited.headers.get("etag")})`);

  // 4. Upload proof of execution: the raw bytes as the body, the name URL-encoded in X-File-Name.
  const pdf = samplePdf();
  const { data: poe } = await api(PARTNER, "POST", `/claims/${claim.id}/poe`, {
    expect: [201],
    body: pdf,
    headers: { "Content-Type": "application/pdf", "X-File-Name": encodeURIComponent("Statement of work (signed).pdf") },
  });
  const localHash = createHash("sha256").update(pdf).digest("hex");
  if (poe.sha256 !== localHash) throw new Error("The server's SHA-256 of the upload differs from ours");
  step(`uploaded "${poe.fileName}" (${poe.size} bytes, ${poe.contentType}, sha256 verified)`);

  // 5. Competing claims are a warning, never a block.
  const { data: conflicts } = await api(PARTNER, "GET", `/claims/${claim.id}/conflicts`);
  step(`competing claims: ${conflicts.items.length}`);

  // 6. Submit, with the version we hold (actions accept it in the body).
  const current = (await api(PARTNER, "GET", `/claims/${claim.id}`)).data;
  claim = (await api(PARTNER, "POST", `/claims/${claim.id}/actions/submit`, { json: { version: current.version } })).data;
  step(`submitted: ${claim.status}, due ${claim.dueAt}`);

  // 7. Reviewer: find it in the queue and start the review.
  const { data: queue } = await api(REVIEWER, "GET", `/claims?status=SUBMITTED&q=${encodeURIComponent(claim.number)}`);
  if (!queue.items.some((item) => item.id === claim.id)) throw new Error(`${claim.number} is not in the reviewer's queue`);
  claim = (await api(REVIEWER, "POST", `/claims/${claim.id}/actions/start-review`, { json: {} })).data;
  step(`reviewer started the review: ${claim.status}`);

  // 8. Reviewer asks for more information.
  claim = (
    await api(REVIEWER, "POST", `/claims/${claim.id}/actions/request-info`, {
      json: { reasonCodes: ["MISSING_CUSTOMER_ACKNOWLEDGMENT"], comment: "Please confirm the customer acknowledged the work." },
    })
  ).data;
  step(`reviewer requested information: ${claim.status} (${claim.reasonCodes.join(", ")})`);

  // 9. Partner answers in the comments and resubmits (the comment counts as the response).
  await api(PARTNER, "POST", `/claims/${claim.id}/comments`, {
    expect: [201],
    json: { body: "The customer's CIO acknowledged the work by email on page 2 of the statement of work." },
  });
  claim = (await api(PARTNER, "POST", `/claims/${claim.id}/actions/resubmit`, { json: {} })).data;
  step(`partner commented and resubmitted: ${claim.status}`);

  // 10. A partner cannot decide: the API says why, as problem+json.
  try {
    await api(PARTNER, "POST", `/claims/${claim.id}/actions/approve`, { json: {} });
    throw new Error("A partner key was allowed to approve");
  } catch (error) {
    if (!(error instanceof ApiError) || error.problem?.code !== "FORBIDDEN") throw error;
    step(`partner approving is refused: ${error.status} ${error.problem.code}`);
  }

  // 11. Reviewer approves with the version they read.
  const latest = (await api(REVIEWER, "GET", `/claims/${claim.id}`)).data;
  claim = (
    await api(REVIEWER, "POST", `/claims/${claim.id}/actions/approve`, {
      json: { version: latest.version, comment: "Approved: the acknowledgment is clear." },
    })
  ).data;
  step(`reviewer approved: ${claim.status}; the customer may deny until ${claim.consentEndsAt}`);

  // 12. Partner reads the history and the comments.
  const { data: history } = await api(PARTNER, "GET", `/claims/${claim.id}/history`);
  console.log("History:");
  for (const event of history.items) {
    const change = event.toStatus ? ` → ${event.toStatus}` : event.changes ? ` (${event.changes.map((c) => c.field).join(", ")})` : "";
    console.log(`  ${event.at}  ${event.actor.role.padEnd(15)} ${event.type}${change}`);
  }
  const { data: comments } = await api(PARTNER, "GET", `/claims/${claim.id}/comments`);
  console.log("Comments:");
  for (const comment of comments.items) console.log(`  ${comment.author.role.padEnd(15)} ${comment.body}`);

  console.log(`DONE ${claim.number} ${claim.status}`);
}

main().catch((error) => {
  console.error(`FAILED: ${error.message}`);
  process.exit(1);
});
