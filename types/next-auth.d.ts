import type { DefaultSession } from "next-auth";
import type { UserRole } from "../lib/claims/catalogue";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; role: UserRole; organizationId: string | null; sessionVersion: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: UserRole;
    organizationId?: string | null;
    sessionVersion?: number;
  }
}
