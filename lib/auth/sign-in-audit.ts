// Sign-ins in the audit log (docs/domain.md Administration: "sign-in succeeded/failed"). A failure is recorded
// with the email tried and the reason; the sign-in page itself still answers every failure the same way.
import { recordAuditEvent } from "../audit/record-audit-event";
import type { UserRole } from "../claims/catalogue";
import type { Db } from "../db";
import type { EntraRefusal } from "./entra-link";

export type SignInFailure = "INVALID_INPUT" | "UNKNOWN_EMAIL" | "INACTIVE_USER" | "WRONG_PASSWORD" | EntraRefusal;

/** lastSignInAt and SIGN_IN_SUCCEEDED in one transaction. */
export async function recordSignInSucceeded(
  db: Db,
  user: { id: string; email: string; role: string; organizationId: string | null },
  method: string,
  now = new Date(),
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
    await recordAuditEvent(tx, {
      type: "SIGN_IN_SUCCEEDED",
      actor: { kind: "user", userId: user.id, role: user.role as UserRole, organizationId: user.organizationId },
      at: now,
      data: { userId: user.id, email: user.email, method },
    });
  });
}

export async function recordSignInFailed(
  db: Db,
  attempt: {
    email: string;
    reason: SignInFailure;
    user?: { id: string; organizationId: string | null } | null;
    /** An Entra sign-in: the token's tenant and object id, so an operator can tell identities apart. */
    entra?: { tenantId: string; objectId: string };
  },
  now = new Date(),
): Promise<void> {
  await db.$transaction((tx) =>
    recordAuditEvent(tx, {
      type: "SIGN_IN_FAILED",
      actor: null,
      organizationId: attempt.user?.organizationId ?? null,
      at: now,
      // Bounded: the field is whatever a client typed.
      data: {
        email: attempt.email.slice(0, 254),
        reason: attempt.reason,
        ...(attempt.user ? { userId: attempt.user.id } : {}),
        ...(attempt.entra ? { method: "azure-ad", entraTenantId: attempt.entra.tenantId, entraObjectId: attempt.entra.objectId } : {}),
      },
    }),
  );
}
