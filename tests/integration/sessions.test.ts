// Server-side session end (issue 14): sign-out revokes the session's id, "sign out everywhere" bumps the
// user's sessionVersion, and the sweep forgets revoked ids whose session has ended. The session goes through
// next-auth's real JWT cookie encoding and callbacks; the check is getCurrentUser's (sessionUser). Real PostgreSQL.
import type { Session } from "next-auth";
import { decode, encode, type JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type TestUser, type World } from "../fixtures/claims";
import { authOptions } from "../../lib/auth/options";
import { endAllSessions, SESSION_MAX_AGE_SECONDS } from "../../lib/auth/revoked-sessions";
import { sessionUser } from "../../lib/auth/session";
import { runSweep } from "../../lib/claims/sweep";
import { startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

const secret = "sessions-test-secret-of-enough-length-0123456789";

describe.skipIf(!pgAvailable)("sessions end server-side (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
  });
  afterAll(async () => {
    await stopApiTestEnv(env);
  });

  /** Signs in as next-auth does and returns the session cookie's value (the encrypted JWT). */
  async function signIn(user: TestUser): Promise<string> {
    const token = await authOptions.callbacks!.jwt!({ token: { sub: user.id }, user: { id: user.id, email: user.email } } as never);
    return encode({ token, secret });
  }

  /** What a request carrying the cookie gets: the decoded JWT through the session callback, then the check. */
  async function requestWith(cookie: string) {
    const token = (await decode({ token: cookie, secret })) as JWT;
    const session = await authOptions.callbacks!.session!({ session: { user: {} } as Session, token } as never);
    return sessionUser(env.t.db, session as Session);
  }

  async function signOut(cookie: string): Promise<void> {
    const token = (await decode({ token: cookie, secret })) as JWT;
    await authOptions.events!.signOut!({ token } as never);
  }

  it("each sign-in gets its own session id and an absolute end 8 hours on", async () => {
    const before = Date.now();
    const [one, two] = [await signIn(w.partnerA), await signIn(w.partnerA)];
    const [a, b] = [(await decode({ token: one, secret }))!, (await decode({ token: two, secret }))!];
    expect(a.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.sid).not.toBe(b.sid);
    expect(a.sessionEndsAt).toBeGreaterThanOrEqual(before + SESSION_MAX_AGE_SECONDS * 1000);
    expect((await requestWith(one))?.id).toBe(w.partnerA.id);
  });

  it("a signed-out session cookie is refused; the user's other sessions go on", async () => {
    const signedOut = await signIn(w.partnerA);
    const other = await signIn(w.partnerA);
    await signOut(signedOut);
    expect(await requestWith(signedOut)).toBeNull();
    expect((await requestWith(other))?.id).toBe(w.partnerA.id);
    await signOut(signedOut); // a second tab signing out the same session keeps one row
    const sid = (await decode({ token: signedOut, secret }))!.sid as string;
    expect(await env.t.db.revokedSession.count({ where: { id: sid } })).toBe(1);
  });

  it("a session without an id (issued before sessions had one) or past its absolute end is refused", async () => {
    const old = await encode({ token: { sub: w.partnerA.id, sessionVersion: 0 }, secret });
    expect(await requestWith(old)).toBeNull();
    const row = await env.t.db.user.findUniqueOrThrow({ where: { id: w.partnerA.id } });
    const ended = await encode({ token: { sub: row.id, sessionVersion: row.sessionVersion, sid: crypto.randomUUID(), sessionEndsAt: Date.now() - 1 }, secret });
    expect(await requestWith(ended)).toBeNull();
  });

  it("sign out everywhere refuses every older session of that user and not other users'", async () => {
    const [laptop, phone, colleague, otherOrg] = [
      await signIn(w.billingA),
      await signIn(w.billingA),
      await signIn(w.partnerA),
      await signIn(w.partnerB),
    ];
    await endAllSessions(env.t.db, w.billingA.id);
    expect(await requestWith(laptop)).toBeNull();
    expect(await requestWith(phone)).toBeNull();
    expect((await requestWith(colleague))?.id).toBe(w.partnerA.id);
    expect((await requestWith(otherOrg))?.id).toBe(w.partnerB.id);
    // Signing in again afterwards works.
    expect((await requestWith(await signIn(w.billingA)))?.id).toBe(w.billingA.id);
  });

  it("the sweep forgets revoked sessions once their absolute end has passed, and only those", async () => {
    await env.t.db.revokedSession.deleteMany();
    const ended = await signIn(w.partnerB);
    const current = await signIn(w.partnerB);
    await signOut(ended);
    await signOut(current);
    const endedSid = (await decode({ token: ended, secret }))!.sid as string;
    await env.t.db.revokedSession.update({ where: { id: endedSid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const summary = await runSweep(env.t.db, new Date());
    expect(summary.sessionsPurged).toBe(1);
    expect((await env.t.db.revokedSession.findMany()).map((r) => r.id)).toEqual([(await decode({ token: current, secret }))!.sid]);
    expect(await requestWith(current)).toBeNull();
  });
});
