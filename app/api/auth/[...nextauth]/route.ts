import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withSignInThrottle } from "@/lib/auth/sign-in-guard";

const handler = NextAuth(authOptions);
// Password sign-ins are throttled before next-auth runs (lib/auth/sign-in-guard.ts).
const post = withSignInThrottle(handler);
export { handler as GET, post as POST };
