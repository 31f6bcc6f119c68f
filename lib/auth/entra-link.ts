// Which portal user an Entra ID sign-in reaches, or why it is refused. Pure: the caller loads the two candidate
// rows (lib/auth/entra-sign-in.ts) and applies the decision.
//
// Why not the email claim: in Entra ID `email` is a mutable, tenant-administered attribute, so matching on it
// lets anyone who can set their own email (or a tenant admin) become any user. The stable identity is the
// tenant id `tid` + object id `oid`. The email is used exactly once, to find the account to link at the first
// Entra sign-in of a user who has no Entra identity yet; after that only (tid, oid) counts.

export type EntraRefusal =
  /** The verified ID token lacks a GUID `tid` or `oid`. */
  | "ENTRA_CLAIMS_MISSING"
  /** The token's tenant is not in ENTRA_ALLOWED_TENANTS. */
  | "ENTRA_TENANT_NOT_ALLOWED"
  /** No identity link and no user with that email. */
  | "UNKNOWN_EMAIL"
  | "INACTIVE_USER"
  /** The email's user is already linked to another Entra identity: the email alone never re-links. */
  | "ENTRA_LINKED_ELSEWHERE";

export interface EntraCandidate {
  id: string;
  active: boolean;
  entraTenantId: string | null;
  entraObjectId: string | null;
}

export interface EntraIdentity {
  tenantId: string;
  objectId: string;
  /** Lower-cased and trimmed; null when the token has none. */
  email: string | null;
}

export type EntraDecision =
  | { outcome: "sign-in"; userId: string; link: boolean }
  | { outcome: "refuse"; reason: EntraRefusal; userId?: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `tid`, `oid` (GUIDs, compared lower-case) and `email` from verified ID-token claims; null without tid/oid. */
export function entraIdentity(claims: Record<string, unknown> | null | undefined): EntraIdentity | null {
  const tenantId = typeof claims?.tid === "string" ? claims.tid.trim().toLowerCase() : "";
  const objectId = typeof claims?.oid === "string" ? claims.oid.trim().toLowerCase() : "";
  if (!GUID.test(tenantId) || !GUID.test(objectId)) return null;
  const email = typeof claims?.email === "string" ? claims.email.trim().toLowerCase() : "";
  return { tenantId, objectId, email: email || null };
}

/**
 * ENTRA_ALLOWED_TENANTS: comma-separated tenant GUIDs. Anything that is not a GUID is dropped (a typo must not
 * widen the list); unset or empty means no tenant, so every Entra sign-in is refused.
 */
export function parseAllowedTenants(value: string | undefined): ReadonlySet<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter((entry) => GUID.test(entry)),
  );
}

/**
 * `linked`: the user already linked to (tid, oid), if any. `byEmail`: the user whose email equals the token's
 * email (case-insensitive), if any; only consulted when nobody is linked.
 */
export function decideEntraSignIn(input: {
  identity: EntraIdentity | null;
  allowedTenants: ReadonlySet<string>;
  linked: EntraCandidate | null;
  byEmail: EntraCandidate | null;
}): EntraDecision {
  const { identity, allowedTenants, linked, byEmail } = input;
  if (!identity) return { outcome: "refuse", reason: "ENTRA_CLAIMS_MISSING" };
  if (!allowedTenants.has(identity.tenantId)) return { outcome: "refuse", reason: "ENTRA_TENANT_NOT_ALLOWED" };
  if (linked) {
    return linked.active
      ? { outcome: "sign-in", userId: linked.id, link: false }
      : { outcome: "refuse", reason: "INACTIVE_USER", userId: linked.id };
  }
  if (!identity.email || !byEmail) return { outcome: "refuse", reason: "UNKNOWN_EMAIL" };
  if (byEmail.entraTenantId !== null || byEmail.entraObjectId !== null) {
    return { outcome: "refuse", reason: "ENTRA_LINKED_ELSEWHERE", userId: byEmail.id };
  }
  if (!byEmail.active) return { outcome: "refuse", reason: "INACTIVE_USER", userId: byEmail.id };
  return { outcome: "sign-in", userId: byEmail.id, link: true };
}
