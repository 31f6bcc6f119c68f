// The read-your-writes cookie (lib/read-your-writes.ts): a state-changing request through the portal answers with
// it when a replica is configured, so this browser's next lists read the primary; reads never set it.
import { NextRequest, NextResponse } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { markReadPrimary, READ_PRIMARY_COOKIE, readPrimarySeconds } from "../../lib/read-your-writes";

const answer = (method: string) => markReadPrimary(new NextRequest("https://portal.example/claims", { method }), NextResponse.next());

describe("read-your-writes cookie", () => {
  afterEach(() => {
    delete process.env.DATABASE_REPLICA_URL;
  });

  it("a POST (server action, form) sets it for a few seconds when a replica is configured", () => {
    process.env.DATABASE_REPLICA_URL = "postgresql://reader@replica:5432/cpor";
    const cookie = answer("POST").headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`${READ_PRIMARY_COOKIE}=1`);
    expect(cookie).toMatch(/Max-Age=15/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
  });

  it("a route handler the proxy leaves alone (PoE upload, CSV import) sets it on its own answer from a plain Request", () => {
    process.env.DATABASE_REPLICA_URL = "postgresql://reader@replica:5432/cpor";
    const uploaded = markReadPrimary(new Request("http://127.0.0.1:3000/claims/c1/poe", { method: "POST" }), NextResponse.json({}, { status: 201 }));
    const cookie = uploaded.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`${READ_PRIMARY_COOKIE}=1`);
    expect(cookie).not.toMatch(/Secure/i);
    expect(uploaded.status).toBe(201);
  });

  it("a GET never sets it, and nothing is set without a replica", () => {
    process.env.DATABASE_REPLICA_URL = "postgresql://reader@replica:5432/cpor";
    expect(answer("GET").headers.get("set-cookie")).toBeNull();
    delete process.env.DATABASE_REPLICA_URL;
    expect(answer("POST").headers.get("set-cookie")).toBeNull();
  });

  it("its lifetime comes from DATABASE_REPLICA_READ_PRIMARY_SECONDS (0 turns it off)", () => {
    expect(readPrimarySeconds({})).toBe(15);
    expect(readPrimarySeconds({ DATABASE_REPLICA_READ_PRIMARY_SECONDS: "30" })).toBe(30);
    expect(readPrimarySeconds({ DATABASE_REPLICA_READ_PRIMARY_SECONDS: "0" })).toBe(0);
    expect(readPrimarySeconds({ DATABASE_REPLICA_READ_PRIMARY_SECONDS: "soon" })).toBe(15);
  });
});
