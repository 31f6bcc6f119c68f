// Response shapes shared by several route handlers.
import { claimResource } from "../claims/resource";
import type { ClaimDetail } from "../claims/claim-detail";
import { json } from "./route";

export const API_BASE_PATH = "/api/v1";

/** A claim, with `ETag: "<version>"` (the value PATCH's If-Match and the actions' `version` expect). */
export function claimResponse(claim: ClaimDetail, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("ETag", `"${claim.version}"`);
  return json(claimResource(claim), { status: init.status, headers });
}

export function claimLocation(claimId: string): string {
  return `${API_BASE_PATH}/claims/${encodeURIComponent(claimId)}`;
}
