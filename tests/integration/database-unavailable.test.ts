// A database that cannot be reached answers 503 UNAVAILABLE (api-v1), through the real route wrapper and the
// real PostgreSQL driver adapter: the handlers are pointed at a port where nothing listens.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "../../lib/db";
import { call, expectProblem } from "./api-helpers";
import { pgAvailable } from "./test-db";

describe.skipIf(!pgAvailable)("database unreachable", () => {
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    await closeDb();
    // Port 1 on the loopback: nothing listens there, so every connection is refused at once.
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/postgres";
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = saved;
    vi.restoreAllMocks();
  });

  it("an API request answers 503 problem+json UNAVAILABLE with Retry-After, nothing of the cause shown", async () => {
    const result = await call("GET", "/claims", { key: "cpor_abcdefgh_0123456789abcdef0123456789abcdef" });
    const problem = expectProblem(result, 503, "UNAVAILABLE");
    expect(result.headers.get("retry-after")).toBe("30");
    expect(problem.detail).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|5432|:1\b/);
  });
});
