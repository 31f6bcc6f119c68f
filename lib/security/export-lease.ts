// One export at a time per user (docs/api.md, quotas): a CSV export holds a lease in the rate-limit store every
// node shares (lib/security/rate-limiter-store.ts) while it streams. A second export by the same user, through
// the portal or the API, claims or audit events, is refused 429 RATE_LIMITED with Retry-After. The lease is
// released when the stream ends, fails or is cancelled (the client went away); it also expires on its own after
// EXPORT_LEASE_SECONDS, renewed while the export keeps streaming, so a crashed node blocks nobody for long.
import type { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitedError } from "../claims/errors";
import { relayStream } from "../http/pull-stream";
import { createLimiter, defaultLimiterStore, type LimiterStore } from "./rate-limiter-store";

/** How long a lease lives without renewal: a node that dies mid-export blocks its user at most this long. */
export const EXPORT_LEASE_SECONDS = 120;
/** A streaming export renews its lease at most this often. */
const RENEW_AFTER_MS = 30_000;

export class ExportLeases {
  private readonly leases: RateLimiterAbstract;

  constructor(
    store: LimiterStore,
    private readonly leaseSeconds = EXPORT_LEASE_SECONDS,
  ) {
    // One point per window: the first consume takes the lease, a second one inside the window is refused.
    this.leases = createLimiter(store, { keyPrefix: "export-lease", points: 1, durationSeconds: leaseSeconds });
  }

  /** Takes the user's export lease; RateLimitedError when another export of theirs holds it. */
  async acquire(userId: string): Promise<ExportLease> {
    try {
      await this.leases.consume(userId, 1);
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      const wait = Math.max(1, Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000));
      throw new RateLimitedError(`You already have an export running; one export at a time. Try again when it has finished (at most ${wait} s).`, wait);
    }
    return new ExportLease(this.leases, userId, this.leaseSeconds);
  }
}

export class ExportLease {
  private released = false;
  private renewedAt = Date.now();

  constructor(
    private readonly leases: RateLimiterAbstract,
    private readonly userId: string,
    private readonly leaseSeconds: number,
  ) {}

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.leases.delete(this.userId).catch((error: unknown) => {
      // The lease then expires on its own; the export itself succeeded.
      console.warn(`Export lease not released (${error instanceof Error ? error.message : String(error)})`);
    });
  }

  private async renew(): Promise<void> {
    if (this.released || Date.now() - this.renewedAt < RENEW_AFTER_MS) return;
    this.renewedAt = Date.now();
    await this.leases.set(this.userId, 1, this.leaseSeconds).catch(() => undefined);
  }

  /**
   * The export's body: the same bytes, read from `source` only as the reader asks (lib/http/pull-stream.ts), with
   * the lease renewed while it streams and released at its end, failure or cancellation. `first` (the portal's
   * byte order mark) goes out before the source's bytes.
   */
  wrap(source: ReadableStream<Uint8Array>, first?: Uint8Array): ReadableStream<Uint8Array> {
    return relayStream(source, { first, onChunk: () => this.renew(), onEnd: () => this.release() });
  }
}

const holder = globalThis as typeof globalThis & { __cporExportLeases?: Promise<ExportLeases> };

function exportLeases(): Promise<ExportLeases> {
  holder.__cporExportLeases ??= defaultLimiterStore().then((store) => new ExportLeases(store));
  return holder.__cporExportLeases;
}

/**
 * The export's stream under the user's lease; RateLimitedError when another export of theirs is running. The
 * caller builds the stream first, so that its own checks (role, filters) answer before the lease is looked at;
 * a refused export's stream is cancelled unread.
 */
export async function exportUnderLease(userId: string, source: ReadableStream<Uint8Array>, first?: Uint8Array): Promise<ReadableStream<Uint8Array>> {
  let lease: ExportLease;
  try {
    lease = await (await exportLeases()).acquire(userId);
  } catch (error) {
    await source.cancel().catch(() => undefined);
    throw error;
  }
  return lease.wrap(source, first);
}

/** The portal's answer to a second export while one runs: a short text the browser shows instead of a download. */
export function exportBusyResponse(error: RateLimitedError): Response {
  return new Response(error.message, {
    status: 429,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(error.retryAfterSeconds), "Cache-Control": "no-store" },
  });
}
