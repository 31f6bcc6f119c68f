import "server-only";
import { getServerSession, type Session } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { UserRole } from "../claims/catalogue";
import type { Actor } from "../claims/lifecycle";
import { defineNodeCache } from "../cache/invalidation";
import { getDb, isProcessClient, type Db } from "../db";
import { authOptions } from "./options";
import { isSessionLive } from "./revoked-sessions";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  organizationId: string | null;
  organizationName: string | null;
}

/**
 * The signed-in user, re-read from the database once per request: a deactivated user or a changed role
 * takes effect at the next request, not when the JWT expires. A session whose sessionVersion is older than
 * the user's (role change, deactivation, password change, "sign out everywhere") is over, and so is one that
 * was signed out or has passed its absolute end (lib/auth/revoked-sessions.ts): the user signs in again.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> =>
  sessionUser(getDb(), await getServerSession(authOptions)),
);

type UserRow = Awaited<ReturnType<typeof loadUserRow>>;
function loadUserRow(db: Db, id: string) {
  return db.user.findUnique({ where: { id }, include: { organization: true } });
}

// Per node, dropped at once when the row changes anywhere (lib/cache/): a deactivation, role change or
// "sign out everywhere" still ends the session at its next request.
const userRows = defineNodeCache<UserRow>("user", 20_000);
const revokedSessions = defineNodeCache<boolean>("session", 50_000);

/** The user a decoded session stands for, or null when the session is over (getCurrentUser's rule). */
export async function sessionUser(db: Db, session: Session | null): Promise<SessionUser | null> {
  const id = session?.user?.id;
  if (!session || !id) return null;
  // Two indexed lookups — the user row (sessionVersion, active) and the revoked-session row — each served from
  // this node's cache when the process's own client asks (lib/cache/node-cache.ts says why that is safe).
  const cached = isProcessClient(db);
  const claims = { sub: id, sid: session.user.sid ?? undefined, sessionEndsAt: session.user.sessionEndsAt ?? undefined };
  const [user, live] = await Promise.all([
    cached ? userRows.get(id, () => loadUserRow(db, id)) : loadUserRow(db, id),
    isSessionLive(db, claims, new Date(), cached ? revokedSessions : undefined),
  ]);
  if (!user || !live || !isSessionCurrent(user, session.user.sessionVersion)) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role as UserRole,
    organizationId: user.organizationId,
    organizationName: user.organization?.name ?? null,
  };
}

/** Whether a session issued with `sessionVersion` still belongs to this user row. */
export function isSessionCurrent(user: { active: boolean; sessionVersion: number }, sessionVersion: number | undefined): boolean {
  return user.active && user.sessionVersion === (sessionVersion ?? 0);
}

/** Pages and server actions call this first. Wrong role answers not-found: a page's existence is not leaked. */
export async function requireUser(allowed?: readonly UserRole[]): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (allowed && !allowed.includes(user.role)) notFound();
  return user;
}

export function actorOf(user: Pick<SessionUser, "id" | "role" | "organizationId">): Actor {
  return { kind: "user", userId: user.id, role: user.role, organizationId: user.organizationId };
}

export function homePathFor(role: UserRole): string {
  switch (role) {
    case "REVIEWER":
      return "/review";
    case "ADMIN":
      return "/admin";
    default:
      return "/claims";
  }
}
