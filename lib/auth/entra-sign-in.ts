// The Prisma side of an Entra ID sign-in: load the candidates, let lib/auth/entra-link.ts decide, store the link.
// Called from next-auth's signIn callback with the claims of the ID token openid-client has already verified
// (signature, issuer, audience, nonce/state).
import { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { decideEntraSignIn, entraIdentity, type EntraRefusal } from "./entra-link";
import { recordSignInFailed } from "./sign-in-audit";

export type EntraSignInResult = { ok: true; userId: string } | { ok: false; reason: EntraRefusal };

const candidate = { id: true, active: true, entraTenantId: true, entraObjectId: true, organizationId: true } as const;

export async function entraSignIn(
  db: Db,
  claims: Record<string, unknown> | null | undefined,
  allowedTenants: ReadonlySet<string>,
): Promise<EntraSignInResult> {
  const identity = entraIdentity(claims);
  const allowed = identity !== null && allowedTenants.has(identity.tenantId);
  // No database read for a token from a tenant that is not allowed.
  const linked = allowed
    ? await db.user.findUnique({
        where: { entraTenantId_entraObjectId: { entraTenantId: identity.tenantId, entraObjectId: identity.objectId } },
        select: candidate,
      })
    : null;
  const byEmail =
    allowed && !linked && identity.email
      ? await db.user.findFirst({ where: { email: { equals: identity.email, mode: "insensitive" } }, select: candidate })
      : null;
  const decision = decideEntraSignIn({ identity, allowedTenants, linked, byEmail });

  let refusal: EntraRefusal | null = decision.outcome === "refuse" ? decision.reason : null;
  if (decision.outcome === "sign-in" && decision.link && identity) {
    // Guarded: a concurrent first sign-in of another identity with the same email links at most one of them
    // (the WHERE), and one identity links at most one user (the unique index).
    try {
      const { count } = await db.user.updateMany({
        where: { id: decision.userId, active: true, entraTenantId: null, entraObjectId: null },
        data: { entraTenantId: identity.tenantId, entraObjectId: identity.objectId },
      });
      if (count !== 1) refusal = "ENTRA_LINKED_ELSEWHERE";
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      refusal = "ENTRA_LINKED_ELSEWHERE";
    }
  }
  if (refusal) {
    // The account concerned, when there is one (the audit event names it and its organization).
    const user = [linked, byEmail].find((row) => row !== null && row.id === decision.userId) ?? null;
    await recordSignInFailed(db, {
      email: identity?.email ?? (typeof claims?.email === "string" ? claims.email : ""),
      reason: refusal,
      user,
      entra: identity ? { tenantId: identity.tenantId, objectId: identity.objectId } : undefined,
    });
    return { ok: false, reason: refusal };
  }
  return { ok: true, userId: decision.userId as string };
}
