// Per-organization upload limits (docs/api.md, quotas), in the rate-limit store every app node shares
// (lib/security/rate-limiter-store.ts), so N nodes do not grant N × the limit:
//   - files: UPLOAD_MAX_PER_ORG_PER_MINUTE upload attempts per fixed one-minute window (each authorized attempt
//     counts, refused or not: a flood of small uploads is what this stops);
//   - bytes: UPLOAD_MAX_BYTES_PER_ORG_PER_DAY stored per fixed 24-hour window from the first upload in it.
// Both answer 429 RATE_LIMITED with Retry-After (RateLimitedError). The store's counters are 32-bit integers,
// so bytes are counted in whole KiB (a file takes at least 1).
import type { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { uploadOrganizationLimits } from "../config";
import { createLimiter, defaultLimiterStore, type LimiterStore } from "../security/rate-limiter-store";
import { RateLimitedError } from "./errors";

const KIB = 1024;
const DAY_SECONDS = 24 * 60 * 60;

function kibOf(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / KIB));
}

function retryAfter(state: RateLimiterRes | null): number {
  return Math.max(1, Math.ceil((state?.msBeforeNext ?? 1000) / 1000));
}

/** rate-limiter-flexible rejects with the counter's state when over, with an Error when the store fails. */
function overLimit(rejection: unknown): RateLimiterRes {
  if (rejection instanceof Error) throw rejection;
  return rejection as RateLimiterRes;
}

export class UploadLimits {
  private readonly files: RateLimiterAbstract | null;
  private readonly bytes: RateLimiterAbstract | null;
  private readonly kibPerDay: number;

  constructor(
    store: LimiterStore,
    readonly limits: { perMinute: number; bytesPerDay: number },
  ) {
    this.kibPerDay = Math.floor(limits.bytesPerDay / KIB);
    this.files = limits.perMinute > 0 ? createLimiter(store, { keyPrefix: "upload-org-files", points: limits.perMinute, durationSeconds: 60 }) : null;
    this.bytes =
      limits.bytesPerDay > 0 ? createLimiter(store, { keyPrefix: "upload-org-bytes", points: this.kibPerDay, durationSeconds: DAY_SECONDS }) : null;
  }

  /** Counts one upload attempt of the organization; RateLimitedError past the per-minute limit. */
  async takeUpload(organizationId: string): Promise<void> {
    if (!this.files) return;
    try {
      await this.files.consume(organizationId, 1);
    } catch (rejection) {
      const state = overLimit(rejection);
      throw new RateLimitedError(
        `Your organization may upload ${this.limits.perMinute} files a minute. Try again in ${retryAfter(state)} s.`,
        retryAfter(state),
      );
    }
  }

  /** Bytes the organization may still store today (Infinity when off); RateLimitedError when none are left. */
  async bytesLeft(organizationId: string): Promise<number> {
    if (!this.bytes) return Infinity;
    const state = await this.bytes.get(organizationId);
    const leftKib = this.kibPerDay - (state?.consumedPoints ?? 0);
    if (leftKib <= 0) throw this.dailyBytesSpent(state);
    return leftKib * KIB;
  }

  /** Counts a stored file's bytes; RateLimitedError (nothing counted) when they exceed what is left today. */
  async takeBytes(organizationId: string, size: number): Promise<void> {
    if (!this.bytes) return;
    try {
      await this.bytes.consume(organizationId, kibOf(size));
    } catch (rejection) {
      const state = overLimit(rejection);
      // consume() counted the points before refusing: give them back, the file is not kept.
      await this.bytes.reward(organizationId, kibOf(size));
      throw this.dailyBytesSpent(state);
    }
  }

  /** Gives back the bytes of a file counted but then refused (the claim's transaction failed). */
  async refundBytes(organizationId: string, size: number): Promise<void> {
    await this.bytes?.reward(organizationId, kibOf(size));
  }

  /** The refusal when a file would exceed what is left today. */
  dailyBytesSpent(state: RateLimiterRes | null): RateLimitedError {
    const gib = Math.round((this.limits.bytesPerDay / KIB ** 3) * 10) / 10;
    const wait = retryAfter(state);
    return new RateLimitedError(
      `Your organization has used its upload allowance of ${gib} GB for the day, or this file would exceed it. Try again in ${Math.ceil(wait / 3600)} h.`,
      wait,
    );
  }

  /** The state of the daily bytes counter (for a refusal's Retry-After). */
  async bytesState(organizationId: string): Promise<RateLimiterRes | null> {
    return (await this.bytes?.get(organizationId)) ?? null;
  }
}

// On globalThis, like the database client: every route bundle of the server shares the limiters.
const holder = globalThis as typeof globalThis & { __cporUploadLimits?: UploadLimits };

/** This process's limits, rebuilt when the environment's settings change (tests change them). */
export async function uploadLimits(): Promise<UploadLimits> {
  const limits = uploadOrganizationLimits();
  const current = holder.__cporUploadLimits;
  if (current?.limits.perMinute !== limits.perMinute || current.limits.bytesPerDay !== limits.bytesPerDay) {
    holder.__cporUploadLimits = new UploadLimits(await defaultLimiterStore(), limits);
  }
  return holder.__cporUploadLimits!;
}
