import { describe, expect, it } from "vitest";
import { signInFailureLimits, trustedProxyHops } from "../../lib/config";
import { clientAddress, DIRECT_BUCKET } from "../../lib/security/client-address";
import { Semaphore } from "../../lib/security/semaphore";

describe("clientAddress", () => {
  const headers = new Headers({ "X-Forwarded-For": "10.0.0.1, 203.0.113.7, 192.168.1.2" });

  it("ignores X-Forwarded-For without trusted proxies", () => {
    expect(clientAddress(headers, 0)).toBe(DIRECT_BUCKET);
  });

  it("takes the entry the outermost trusted proxy wrote", () => {
    expect(clientAddress(headers, 1)).toBe("192.168.1.2");
    expect(clientAddress(headers, 2)).toBe("203.0.113.7");
    expect(clientAddress({ "x-forwarded-for": "198.51.100.9" }, 1)).toBe("198.51.100.9");
  });

  it("falls back to the direct bucket when fewer proxies wrote than are configured", () => {
    expect(clientAddress(headers, 4)).toBe(DIRECT_BUCKET);
    expect(clientAddress(new Headers(), 1)).toBe(DIRECT_BUCKET);
  });
});

describe("sign-in settings", () => {
  it("default to 5 per account and 100 per address; 0 is allowed; nonsense is refused", () => {
    expect(signInFailureLimits({})).toEqual({ perAccount: 5, perAddress: 100 });
    expect(signInFailureLimits({ SIGNIN_MAX_FAILURES_PER_ACCOUNT: "0", SIGNIN_MAX_FAILURES_PER_ADDRESS: "7" })).toEqual({
      perAccount: 0,
      perAddress: 7,
    });
    expect(() => signInFailureLimits({ SIGNIN_MAX_FAILURES_PER_ACCOUNT: "-1" })).toThrow(/SIGNIN_MAX_FAILURES_PER_ACCOUNT/);
    expect(trustedProxyHops({})).toBe(0);
    expect(() => trustedProxyHops({ TRUSTED_PROXIES: "yes" })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("Semaphore", () => {
  it("admits `max` holders, queues the next in order and times out waiters", async () => {
    const gate = new Semaphore(2);
    const a = await gate.acquire(10);
    const b = await gate.acquire(10);
    expect(a && b).toBeTruthy();
    expect(await gate.acquire(5)).toBeNull();
    const waiting = gate.acquire(1_000);
    a!();
    a!(); // releasing twice frees one slot only
    const c = await waiting;
    expect(c).toBeTruthy();
    expect(gate.inUse).toBe(2);
    expect(await gate.acquire(5)).toBeNull();
    b!();
    c!();
    expect(gate.inUse).toBe(0);
  });
});
