// Sign-in throttling (docs/api.md, sign-in limits): only FAILED sign-ins count, per account (the normalized
// email, hashed: the counter table holds no addresses of people) and per client address
// (lib/security/client-address.ts), in a store every node shares (lib/security/rate-limiter-store.ts).
// Past a limit the credentials callback answers 429 before next-auth runs, so no password is checked.
// A success clears its account's counter only: it must not clear the address counter, or one valid account
// would let its owner keep guessing other accounts' passwords from the same address.
import { createHash } from "node:crypto";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { SIGN_IN_WINDOW_SECONDS, signInFailureLimits } from "../config";
import { createLimiter, defaultLimiterStore, type LimiterStore } from "../security/rate-limiter-store";
import { Semaphore } from "../security/semaphore";

export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

export type SignInCheck = { blocked: false } | { blocked: true; retryAfterSeconds: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function accountKey(email: string): string {
  return createHash("sha256").update(normalizeEmail(email)).digest("hex");
}

export class SignInThrottle {
  private readonly account: RateLimiterAbstract | null;
  private readonly address: RateLimiterAbstract | null;

  constructor(
    store: LimiterStore,
    readonly limits: SignInLimits,
  ) {
    const spec = (keyPrefix: string, points: number) =>
      points > 0 ? createLimiter(store, { keyPrefix, points, durationSeconds: limits.windowSeconds }) : null;
    this.account = spec("signin-account", limits.perAccount);
    this.address = spec("signin-address", limits.perAddress);
  }

  /** Blocked when either counter has reached its limit; Retry-After is the later of the two windows' ends. */
  async check(email: string, address: string): Promise<SignInCheck> {
    const waits = await Promise.all([
      this.waitFor(this.account, accountKey(email), this.limits.perAccount),
      this.waitFor(this.address, address, this.limits.perAddress),
    ]);
    const wait = Math.max(...waits);
    return wait > 0 ? { blocked: true, retryAfterSeconds: wait } : { blocked: false };
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([this.account?.penalty(accountKey(email), 1), this.address?.penalty(address, 1)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.account?.delete(accountKey(email));
  }

  private async waitFor(limiter: RateLimiterAbstract | null, key: string, max: number): Promise<number> {
    if (!limiter) return 0;
    const state = await limiter.get(key);
    if (!state || state.consumedPoints < max) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }
}

// On globalThis: the route wrapper and next-auth's authorize() may live in different bundles.
const holder = globalThis as typeof globalThis & { __cporSignInThrottle?: SignInThrottle };

/** This process's throttle, rebuilt when the configured limits change (tests and operators change env). */
export async function signInThrottle(): Promise<SignInThrottle> {
  const limits = { ...signInFailureLimits(), windowSeconds: SIGN_IN_WINDOW_SECONDS };
  const current = holder.__cporSignInThrottle;
  if (
    current &&
    current.limits.perAccount === limits.perAccount &&
    current.limits.perAddress === limits.perAddress
  ) {
    return current;
  }
  holder.__cporSignInThrottle = new SignInThrottle(await defaultLimiterStore(), limits);
  return holder.__cporSignInThrottle;
}

/** Concurrent password checks per node; more wait up to PASSWORD_CHECK_WAIT_MS, then are told to retry. */
export const MAX_CONCURRENT_PASSWORD_CHECKS = 8;
export const PASSWORD_CHECK_WAIT_MS = 5_000;

const gateHolder = globalThis as typeof globalThis & { __cporPasswordGate?: Semaphore };

export function passwordCheckGate(): Semaphore {
  gateHolder.__cporPasswordGate ??= new Semaphore(MAX_CONCURRENT_PASSWORD_CHECKS);
  return gateHolder.__cporPasswordGate;
}
