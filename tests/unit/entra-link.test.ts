import { describe, expect, it } from "vitest";
import { decideEntraSignIn, entraIdentity, parseAllowedTenants, type EntraCandidate } from "@/lib/auth/entra-link";

const TENANT = "11111111-1111-4111-8111-111111111111";
const OTHER_TENANT = "22222222-2222-4222-8222-222222222222";
const OID = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const OTHER_OID = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const allowed = parseAllowedTenants(TENANT);

const unlinked = (over: Partial<EntraCandidate> = {}): EntraCandidate => ({
  id: "u1",
  active: true,
  entraTenantId: null,
  entraObjectId: null,
  ...over,
});
const identity = (over: Record<string, unknown> = {}) => entraIdentity({ tid: TENANT, oid: OID, email: "Ana@Contoso.example", ...over });

describe("entraIdentity", () => {
  it("reads tid, oid and a lower-cased email", () => {
    expect(identity()).toEqual({ tenantId: TENANT, objectId: OID, email: "ana@contoso.example" });
    expect(entraIdentity({ tid: TENANT.toUpperCase(), oid: OID })).toEqual({ tenantId: TENANT, objectId: OID, email: null });
  });

  it("is null without GUID tid and oid", () => {
    expect(entraIdentity({ oid: OID, email: "a@b.example" })).toBeNull();
    expect(entraIdentity({ tid: TENANT, email: "a@b.example" })).toBeNull();
    expect(entraIdentity({ tid: "contoso", oid: OID })).toBeNull();
    expect(entraIdentity({ tid: TENANT, oid: 42 })).toBeNull();
    expect(entraIdentity(null)).toBeNull();
  });
});

describe("parseAllowedTenants", () => {
  it("keeps GUIDs only, lower-cased; unset allows none", () => {
    expect([...parseAllowedTenants(` ${TENANT.toUpperCase()}, not-a-guid ,,${OTHER_TENANT}`)]).toEqual([TENANT, OTHER_TENANT]);
    expect(parseAllowedTenants(undefined).size).toBe(0);
    expect(parseAllowedTenants("").size).toBe(0);
    expect(parseAllowedTenants("*").size).toBe(0);
  });
});

describe("decideEntraSignIn", () => {
  it("links the unlinked active user with the token's email on first sign-in", () => {
    expect(decideEntraSignIn({ identity: identity(), allowedTenants: allowed, linked: null, byEmail: unlinked() })).toEqual({
      outcome: "sign-in",
      userId: "u1",
      link: true,
    });
  });

  it("signs the linked user in whatever the email claim says", () => {
    const linked = unlinked({ id: "u1", entraTenantId: TENANT, entraObjectId: OID });
    const other = unlinked({ id: "u2" });
    expect(
      decideEntraSignIn({ identity: identity({ email: "renamed@contoso.example" }), allowedTenants: allowed, linked, byEmail: other }),
    ).toEqual({ outcome: "sign-in", userId: "u1", link: false });
    expect(decideEntraSignIn({ identity: identity({ email: undefined }), allowedTenants: allowed, linked, byEmail: null })).toEqual({
      outcome: "sign-in",
      userId: "u1",
      link: false,
    });
  });

  it("never re-links a user already linked to another identity by email", () => {
    const elsewhere = unlinked({ entraTenantId: TENANT, entraObjectId: OTHER_OID });
    expect(decideEntraSignIn({ identity: identity(), allowedTenants: allowed, linked: null, byEmail: elsewhere })).toEqual({
      outcome: "refuse",
      reason: "ENTRA_LINKED_ELSEWHERE",
      userId: "u1",
    });
  });

  it("refuses tenants outside the allow-list, before looking at any user", () => {
    const linked = unlinked({ entraTenantId: OTHER_TENANT, entraObjectId: OID });
    const refusal = { outcome: "refuse", reason: "ENTRA_TENANT_NOT_ALLOWED" };
    expect(decideEntraSignIn({ identity: identity({ tid: OTHER_TENANT }), allowedTenants: allowed, linked, byEmail: null })).toEqual(refusal);
    expect(decideEntraSignIn({ identity: identity(), allowedTenants: new Set(), linked: null, byEmail: unlinked() })).toEqual(refusal);
  });

  it("refuses deactivated users, linked or not", () => {
    const linked = unlinked({ active: false, entraTenantId: TENANT, entraObjectId: OID });
    expect(decideEntraSignIn({ identity: identity(), allowedTenants: allowed, linked, byEmail: null })).toMatchObject({ reason: "INACTIVE_USER" });
    expect(
      decideEntraSignIn({ identity: identity(), allowedTenants: allowed, linked: null, byEmail: unlinked({ active: false }) }),
    ).toMatchObject({ reason: "INACTIVE_USER" });
  });

  it("refuses unknown emails and tokens without tid/oid", () => {
    expect(decideEntraSignIn({ identity: identity(), allowedTenants: allowed, linked: null, byEmail: null })).toMatchObject({
      reason: "UNKNOWN_EMAIL",
    });
    expect(decideEntraSignIn({ identity: identity({ email: "" }), allowedTenants: allowed, linked: null, byEmail: unlinked() })).toMatchObject({
      reason: "UNKNOWN_EMAIL",
    });
    expect(decideEntraSignIn({ identity: null, allowedTenants: allowed, linked: null, byEmail: unlinked() })).toMatchObject({
      reason: "ENTRA_CLAIMS_MISSING",
    });
  });
});
