import type { NextAuthOptions } from "next-auth";
import AzureADProvider from "next-auth/providers/azure-ad";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import type { UserRole } from "../claims/catalogue";
import { getDb } from "../db";
import { languageFromAcceptLanguage } from "../notifications/catalogue";
import { entraIdentity, parseAllowedTenants } from "./entra-link";
import { entraSignIn } from "./entra-sign-in";
import { verifyPassword } from "./password";
import { revokeSession, SESSION_MAX_AGE_SECONDS } from "./revoked-sessions";
import { recordSignInFailed, recordSignInSucceeded, type SignInFailure } from "./sign-in-audit";

const credentialsSchema = z.object({ email: z.email().trim().toLowerCase(), password: z.string().min(1).max(200) });

/**
 * Microsoft Entra ID (OIDC) signs users in only when it is configured, including at least one allowed tenant;
 * it never creates users. ENTRA_ISSUER replaces login.microsoftonline.com (a sovereign cloud, or a local
 * OpenID provider in tests/integration/entra-sign-in.test.ts).
 */
function entraProvider() {
  const { ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET, ENTRA_TENANT_ID, ENTRA_ISSUER } = process.env;
  if (!ENTRA_CLIENT_ID || !ENTRA_CLIENT_SECRET || !ENTRA_TENANT_ID) return [];
  if (entraAllowedTenants().size === 0) return [];
  const issuer = (ENTRA_ISSUER || `https://login.microsoftonline.com/${ENTRA_TENANT_ID}/v2.0`).replace(/\/+$/, "");
  return [
    AzureADProvider({
      clientId: ENTRA_CLIENT_ID,
      clientSecret: ENTRA_CLIENT_SECRET,
      tenantId: ENTRA_TENANT_ID,
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      // openid-client verifies the ID token (signature, issuer, audience) and these; next-auth then hands
      // its claims to the signIn callback as `profile`.
      checks: ["pkce", "state", "nonce"],
      // Replaces the default, which fetches a photo from Microsoft Graph: the portal shows none.
      profile: (claims) => ({ id: String(claims.sub), name: claims.name ?? null, email: claims.email ?? null }),
    }),
  ];
}

function entraAllowedTenants(): ReadonlySet<string> {
  return parseAllowedTenants(process.env.ENTRA_ALLOWED_TENANTS);
}

export function isEntraEnabled(): boolean {
  return entraProvider().length > 0;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Errors (an Entra sign-in refused: AccessDenied) land on the sign-in page, which names them.
  pages: { signIn: "/login", error: "/login" },
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
    async signIn({ account, profile }) {
      if (account?.provider === "credentials") return true;
      if (account?.provider !== "azure-ad") return false;
      // Entra ID: by tenant + object id, linked once by email (lib/auth/entra-link.ts).
      const result = await entraSignIn(getDb(), profile as Record<string, unknown> | undefined, entraAllowedTenants());
      return result.ok;
    },
    async jwt({ token, user, account, profile }) {
      if (user) {
        const row =
          account?.provider === "azure-ad"
            ? await entraLinkedUser(profile as Record<string, unknown> | undefined)
            : await getDb().user.findUnique({ where: { id: user.id } });
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

/** The user the signIn callback linked to the token's (tid, oid). */
async function entraLinkedUser(claims: Record<string, unknown> | undefined) {
  const identity = entraIdentity(claims);
  if (!identity) return null;
  return getDb().user.findUnique({
    where: { entraTenantId_entraObjectId: { entraTenantId: identity.tenantId, entraObjectId: identity.objectId } },
  });
}

// A valid argon2id hash of a random string: verifying against it costs what a real check costs.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$hCFOnfG1BlfWAlDBUGl2ZQ$azPyKG8aZSqoMubiONnpFcEIdj/6tUTsKHOQj/5/zBQ";
