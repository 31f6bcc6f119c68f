import { describe, expect, it } from "vitest";
import { connectTimeoutMs } from "../../lib/db";
import { isDatabaseUnavailable } from "../../lib/http/database-unavailable";
import { problemFromError } from "../../lib/http/problem";

describe("isDatabaseUnavailable", () => {
  it("recognises Prisma's connection codes, socket errors, adapter kinds and their wrapped causes", () => {
    for (const code of ["P1001", "P1002", "P2024", "ECONNREFUSED", "57P01", "53300"]) {
      expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code })), code).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error("Can't reach database server at `db:5432`"))).toBe(true);
    // node-postgres when the connect timeout (lib/db.ts) runs out: a stalled server, or a pool with no free connection.
    expect(isDatabaseUnavailable(new Error("Connection terminated due to connection timeout"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("adapter"), { cause: { kind: "DatabaseNotReachable" } }))).toBe(true);
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: new AggregateError([refused]) }))).toBe(true);
  });

  it("leaves other failures alone: unique violations, plain bugs, non-errors", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("undefined is not a function"))).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it("makes problemFromError answer 503 UNAVAILABLE with Retry-After, and 500 INTERNAL otherwise", async () => {
    const quiet = console.error;
    console.error = () => {};
    try {
      const unavailable = problemFromError(Object.assign(new Error("no db"), { code: "P1001" }));
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get("retry-after")).toBe("30");
      expect(await unavailable.json()).toMatchObject({ code: "UNAVAILABLE", status: 503 });
      expect(problemFromError(new Error("bug")).status).toBe(500);
    } finally {
      console.error = quiet;
    }
  });
});

describe("connectTimeoutMs", () => {
  it("bounds the wait for a connection: 5 s by default, DATABASE_CONNECT_TIMEOUT_MS when it is a positive number", () => {
    expect(connectTimeoutMs({})).toBe(5000);
    expect(connectTimeoutMs({ DATABASE_CONNECT_TIMEOUT_MS: "1500" })).toBe(1500);
    // Zero or garbage would mean "wait forever" to node-postgres: the default stands instead.
    for (const value of ["0", "-1", "soon", ""]) expect(connectTimeoutMs({ DATABASE_CONNECT_TIMEOUT_MS: value }), value).toBe(5000);
  });
});
