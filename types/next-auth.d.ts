import type { DefaultSession } from "next-auth";
import type { UserRole } from "../lib/claims/catalogue";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & {
      id: string;
      role: UserRole;
      organizationId: string | null;
      sessionVersion: number;
      sid: string | null;
      sessionEndsAt: number | null;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: UserRole;
    organizationId?: string | null;
    sessionVersion?: number;
    /** This session's id (lib/auth/revoked-sessions.ts): set at sign-in, kept across refreshes. */
    sid?: string;
    /** Absolute end of the session (epoch ms): sign-in + maxAge, not moved by refreshes. */
    sessionEndsAt?: number;
  }
}
