import { afterEach, describe, expect, it } from "vitest";
import { portalBaseUrl } from "../../lib/config";
import { consentTokenInNotice, consentTokenOfOutboxRow } from "../../lib/mail/consent-notice";
import { sealSecret } from "../../lib/mail/secret-box";

describe("consent token read back", () => {
  it("from a received notice's link, and nothing for a text without a link", () => {
    expect(consentTokenInNotice("Deny this association: https://portal.example/consent/abc_-1\n")).toBe("abc_-1");
    expect(consentTokenInNotice("Hello,\nno link here")).toBeNull();
  });

  it("from a queued outbox row's sealed secret, and nothing once it was wiped", () => {
    process.env.NEXTAUTH_SECRET ??= "unit-test-secret";
    expect(consentTokenOfOutboxRow({ secret: sealSecret("tok_123") })).toBe("tok_123");
    expect(consentTokenOfOutboxRow({ secret: null })).toBeNull();
  });
});

describe("portalBaseUrl", () => {
  const saved = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = saved;
  });

  it("is NEXTAUTH_URL without trailing slashes, else the local default", () => {
    process.env.NEXTAUTH_URL = "https://portal.example//";
    expect(portalBaseUrl()).toBe("https://portal.example");
    delete process.env.NEXTAUTH_URL;
    expect(portalBaseUrl()).toBe("http://localhost:3000");
  });
});
