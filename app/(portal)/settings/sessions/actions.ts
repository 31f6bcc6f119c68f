"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { endAllSessions } from "@/lib/auth/revoked-sessions";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

// next-auth's session cookie, plain and on HTTPS (__Secure-), with its chunks when the JWT is large.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** "Sign out everywhere": bumps sessionVersion (every session of this user ends), then this browser signs in again. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireUser();
  await endAllSessions(getDb(), user.id);
  const jar = await cookies();
  for (const { name } of jar.getAll()) if (SESSION_COOKIE.test(name)) jar.delete(name);
  redirect("/login");
}
