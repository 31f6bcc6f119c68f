import type { NextAuthOptions } from "next-auth";
import AzureADProvider from "next-auth/providers/azure-ad";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import type { UserRole } from "../claims/catalogue";
import { getDb } from "../db";
import { languageFromAcceptLanguage } from "../notifications/catalogue";
import { verifyPassword } from "./password";
import { revokeSession, SESSION_MAX_AGE_SECONDS } from "./revoked-sessions";
import { recordSignInFailed, recordSignInSucceeded, type SignInFailure } from "./sign-in-audit";

const credentialsSchema = z.object({ email: z.email().trim().toLowerCase(), password: z.string().min(1).max(200) });

/** Microsoft Entra ID (OIDC) signs users in only when it is configured; it never creates users. */
function entraProvider() {
  const { ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET, ENTRA_TENANT_ID } = process.env;
  if (!ENTRA_CLIENT_ID || !ENTRA_CLIENT_SECRET || !ENTRA_TENANT_ID) return [];
  return [
    AzureADProvider({ clientId: ENTRA_CLIENT_ID, clientSecret: ENTRA_CLIENT_SECRET, tenantId: ENTRA_TENANT_ID }),
  ];
}

export function isEntraEnabled(): boolean {
  return entraProvider().length > 0;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) {
          const email = typeof raw?.email === "string" ? raw.email : "";
          await recordSignInFailed(getDb(), { email, reason: "INVALID_INPUT" });
          return null;
        }
        const user = await getDb().user.findUnique({ where: { email: parsed.data.email } });
        // Verify even when the user is missing or inactive so timing does not reveal which emails exist.
        const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
        const failure: SignInFailure | null = !user ? "UNKNOWN_EMAIL" : !user.active ? "INACTIVE_USER" : !ok ? "WRONG_PASSWORD" : null;
        if (!user || failure) {
          await recordSignInFailed(getDb(), { email: parsed.data.email, reason: failure ?? "UNKNOWN_EMAIL", user });
          return null;
        }
        if (user.language === null) {
          // First sign-in: the browser's language becomes the user's email language (Settings → Notifications changes it).
          const header = request?.headers?.["accept-language"] as string | string[] | undefined;
          const language = languageFromAcceptLanguage(Array.isArray(header) ? header.join(",") : header);
          await getDb().user.updateMany({ where: { id: user.id, language: null }, data: { language } });
        }
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    ...entraProvider(),
  ],
  events: {
    // JWT strategy: the event gets the decoded token of the session being signed out.
    async signOut({ token }) {
      if (token) await revokeSession(getDb(), token);
    },
  },
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider === "credentials") return true;
      // Entra ID: only known, active users, matched by email.
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const known = await getDb().user.findUnique({ where: { email } });
      return Boolean(known?.active);
    },
    async jwt({ token, user, account }) {
      if (user) {
        const row = await getDb().user.findUnique({ where: { email: (user.email ?? "").toLowerCase() } });
        if (row) {
          token.sub = row.id;
          token.role = row.role as UserRole;
          token.organizationId = row.organizationId;
          token.name = row.name;
          // Compared with the user's row on every request (lib/auth/session.ts): a bump ends this session.
          token.sessionVersion = row.sessionVersion;
          // The session's id and absolute end: sign-out revokes the id server-side (lib/auth/revoked-sessions.ts).
          token.sid = crypto.randomUUID();
          token.sessionEndsAt = Date.now() + SESSION_MAX_AGE_SECONDS * 1000;
          // `user` is present only at sign-in: this is the one place every provider's success passes.
          await recordSignInSucceeded(getDb(), row, account?.provider ?? "credentials");
        }
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.sub ?? "",
        role: token.role as UserRole,
        organizationId: (token.organizationId as string | null) ?? null,
        sessionVersion: token.sessionVersion ?? 0,
        sid: token.sid ?? null,
        sessionEndsAt: token.sessionEndsAt ?? null,
      };
      return session;
    },
  },
};

// A valid argon2id hash of a random string: verifying against it costs what a real check costs.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$hCFOnfG1BlfWAlDBUGl2ZQ$azPyKG8aZSqoMubiONnpFcEIdj/6tUTsKHOQj/5/zBQ";
