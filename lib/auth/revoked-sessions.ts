// Server-side end of a JWT session. next-auth's JWT sessions live only in the browser's cookie, so signing
// out alone would leave a copied cookie valid until it expires. Each session carries an id (`sid`, set at
// sign-in) and an absolute end (`sessionEndsAt` = sign-in + maxAge, not moved by refreshes); sign-out records
// the id here until that end, and getCurrentUser (lib/auth/session.ts) refuses a recorded id (one primary-key
// lookup, remembered per node until a sign-out announces it: lib/cache/). "Sign out everywhere" needs no row: it bumps the user's sessionVersion.
import type { NodeCache } from "../cache/node-cache";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/** The session lifetime (next-auth's maxAge): 8 hours, one working day. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** What a signed-in token carries about its session. */
export interface SessionClaims {
  sub?: string;
  sid?: string;
  sessionEndsAt?: number;
}

/** Records a signed-out session; signing out twice (two tabs) keeps the one row. */
export async function revokeSession(db: Db | Prisma.TransactionClient, token: SessionClaims): Promise<void> {
  if (!token.sid || !token.sub) return;
  const expiresAt = new Date(token.sessionEndsAt ?? Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  await db.revokedSession.upsert({
    where: { id: token.sid },
    create: { id: token.sid, userId: token.sub, expiresAt },
    update: {},
  });
}

/**
 * Whether the session may still be used at `now`: it has an id and an absolute end (tokens issued before
 * sessions had ids are refused: their users sign in once more), that end is not past, and it was not signed out.
 */
export async function isSessionLive(db: Db, token: SessionClaims, now: Date = new Date(), revokedCache?: NodeCache<boolean>): Promise<boolean> {
  const sid = token.sid;
  if (!sid || !token.sessionEndsAt || token.sessionEndsAt <= now.getTime()) return false;
  const loadRevoked = async () => (await db.revokedSession.findUnique({ where: { id: sid }, select: { id: true } })) !== null;
  // A node may remember "not signed out": a sign-out anywhere announces the id and drops that (lib/cache/).
  const revoked = revokedCache ? await revokedCache.get(sid, loadRevoked) : await loadRevoked();
  return !revoked;
}

/** The sweep's cleanup: rows whose session has ended are refused by their end time already. */
export async function purgeRevokedSessions(db: Db, now: Date): Promise<number> {
  const { count } = await db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}

/** "Sign out everywhere": every session of the user issued so far ends at its next request; other users' do not. */
export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
