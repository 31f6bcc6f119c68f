import { json, publicRoute, unsupportedMethods } from "@/lib/api/route";
import { readJsonBody, withJsonBody } from "@/lib/api/request";
import { denyConsent } from "@/lib/claims/service";

export const runtime = "nodejs";

/**
 * POST /consent/{token}/deny: the customer denies the association. No API key: the single-use token from
 * the customer's notice is the credential (404 unknown, 410 used or window ended). Every attempt counts
 * against the client address's unauthenticated budget, so tokens cannot be guessed at speed.
 */
export const POST = publicRoute<{ token: string }>(async ({ request, params, db }) => {
  const body = await readJsonBody(request);
  const result = await withJsonBody(body, (input) => denyConsent(db, params.token, input));
  return json({ denied: true, claimNumber: result.claimNumber });
}, { limitByAddress: true });

export const { GET, PUT, PATCH, DELETE } = unsupportedMethods(["POST"]);
