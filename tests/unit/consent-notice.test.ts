import { afterEach, describe, expect, it } from "vitest";
import { portalBaseUrl } from "../../lib/config";
import { consentNoticeMessage, consentTokenInNotice } from "../../lib/mail/consent-notice";

describe("consentNoticeMessage", () => {
  const input = {
    claimNumber: "CPOR-000042",
    customerName: "Fabrikam",
    customerDomain: "fabrikam.example",
    link: "https://portal.example/consent/abc",
    endsAt: new Date("2026-03-10T12:00:00Z"),
  };

  it("names the customer, the claim, the deadline and the link", () => {
    const { subject, body } = consentNoticeMessage({ ...input, contactName: "Ana" });
    expect(subject).toBe("A Microsoft partner is now associated with Fabrikam");
    expect(body.split("\n")[0]).toBe("Hello Ana,");
    expect(body).toContain("(CPOR-000042)");
    expect(body).toContain("Fabrikam (fabrikam.example)");
    expect(body).toContain("before 2026-03-10T12:00:00.000Z:\nhttps://portal.example/consent/abc\n");
  });

  it("gives its link's token back to whoever holds the notice, and nothing for a text without a link", () => {
    expect(consentTokenInNotice(consentNoticeMessage(input).body)).toBe("abc");
    expect(consentTokenInNotice("Hello,\nno link here")).toBeNull();
  });

  it("greets without a name when the claim has no contact name", () => {
    expect(consentNoticeMessage(input).body.split("\n")[0]).toBe("Hello,");
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
