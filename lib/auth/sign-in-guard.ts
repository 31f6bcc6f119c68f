// The wrapper around next-auth's POST handler (app/api/auth/[...nextauth]/route.ts) that throttles password
// sign-ins (lib/auth/sign-in-throttle.ts). For POST /api/auth/callback/credentials it:
//   1. answers 429 RATE_LIMITED with Retry-After when the account or the client address is over its limit,
//      before next-auth runs: no password is checked, no argon2 memory is spent;
//   2. takes one of this node's password-check slots (waiting briefly; 429 with Retry-After: 1 when none frees);
//   3. reads next-auth's answer: a CredentialsSignin error counts one failure for the account and the address;
//      a session cookie set is a success, which clears the account's counter. Anything else (a bad CSRF
//      token, a malformed body) is neither: it checked no password.
import { problem } from "../http/problem";
import { clientAddress } from "../security/client-address";
import { PASSWORD_CHECK_WAIT_MS, passwordCheckGate, signInThrottle, type SignInThrottle } from "./sign-in-throttle";

const CREDENTIALS_CALLBACK = "/api/auth/callback/credentials";

type Handler<C> = (request: Request, context: C) => Response | Promise<Response>;

export interface SignInGuardDeps {
  throttle?: () => Promise<SignInThrottle>;
}

export function withSignInThrottle<C>(handler: Handler<C>, deps: SignInGuardDeps = {}): Handler<C> {
  const throttleOf = deps.throttle ?? signInThrottle;
  return async (request, context) => {
    if (request.method !== "POST" || !new URL(request.url).pathname.endsWith(CREDENTIALS_CALLBACK)) {
      return handler(request, context);
    }
    const email = await submittedEmail(request);
    const address = clientAddress(request.headers);
    const throttle = await throttleOf();
    const check = await throttle.check(email, address);
    if (check.blocked) return tooManyAttempts(check.retryAfterSeconds);

    const release = await passwordCheckGate().acquire(PASSWORD_CHECK_WAIT_MS);
    if (!release) {
      return problem("RATE_LIMITED", "Too many sign-ins are being checked right now. Try again in a moment.", {
        headers: { "Retry-After": "1" },
      });
    }
    let response: Response;
    try {
      response = await handler(request, context);
    } finally {
      release();
    }
    const outcome = await signInOutcome(response);
    if (outcome === "failed") await throttle.recordFailure(email, address);
    else if (outcome === "succeeded") await throttle.recordSuccess(email);
    return response;
  };
}

export function tooManyAttempts(retryAfterSeconds: number): Response {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return problem("RATE_LIMITED", `Too many failed sign-in attempts. Try again in ${minutes} minutes.`, {
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}

async function submittedEmail(request: Request): Promise<string> {
  try {
    const form = await request.clone().formData();
    const email = form.get("email");
    return typeof email === "string" ? email : "";
  } catch {
    return "";
  }
}

type Outcome = "failed" | "succeeded" | "none";

/** next-auth answers a credentials callback with a redirect (or `{ url }` for `json=true`) and cookies. */
async function signInOutcome(response: Response): Promise<Outcome> {
  const setCookies = response.headers.getSetCookie?.() ?? [];
  if (setCookies.some((cookie) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=[^;]+/.test(cookie))) return "succeeded";
  let target = response.headers.get("Location");
  if (!target && response.headers.get("Content-Type")?.includes("application/json")) {
    const body = (await response.clone().json().catch(() => null)) as { url?: unknown } | null;
    target = typeof body?.url === "string" ? body.url : null;
  }
  if (!target) return "none";
  try {
    return new URL(target, "http://localhost").searchParams.get("error") === "CredentialsSignin" ? "failed" : "none";
  } catch {
    return "none";
  }
}
