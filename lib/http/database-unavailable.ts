// "The database cannot be reached" as the errors of Prisma, its driver adapters and node-postgres show it.
// Those answers are 503 UNAVAILABLE (api-v1), not 500: the request was fine and may be retried later.
// The checks are on stable codes first (Prisma's P-codes, the driver adapter's error kind, Node's errno,
// PostgreSQL's SQLSTATE), messages last, and they follow `cause` chains because adapters wrap the driver's error.

/** Prisma: can't reach the server (P1001), timed out (P1002), no pool connection in time (P2024). */
const PRISMA_CODES = new Set(["P1001", "P1002", "P2024"]);
/** Node's socket errors and PostgreSQL's "shutting down / starting up / too many clients" SQLSTATEs. */
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03", "53300"]);
/** Prisma driver-adapter error kinds (DriverAdapterError.cause.kind) that mean no connection. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "DatabaseDoesNotExist", "SocketTimeout", "TooManyConnections", "ConnectionClosed"]);
// "timeout exceeded when trying to connect": node-postgres' pool, when no connection came within
// DATABASE_CONNECT_TIMEOUT_MS (lib/db.ts) because every one is busy or stuck.
const MESSAGES = /Can't reach database server|Connection terminated|connection timeout|ECONNREFUSED|timed out fetching a new connection|timeout exceeded when trying to connect/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; errorCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || CONNECTION_CODES.has(e.code))) return true;
  if (typeof e.errorCode === "string" && PRISMA_CODES.has(e.errorCode)) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  // Node reports a refused connection to every address of a host as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
