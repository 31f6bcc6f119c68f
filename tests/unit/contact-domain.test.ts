import { describe, expect, it } from "vitest";
import { contactEmailOutsideCustomerDomain as outside } from "../../lib/claims/contact-domain";

describe("contactEmailOutsideCustomerDomain", () => {
  it("accepts the customer's domain and its subdomains, whatever the case or a trailing dot", () => {
    expect(outside("ada@contoso.com", "contoso.com")).toBe(false);
    expect(outside("Ada@EU.Contoso.COM", "contoso.com")).toBe(false);
    expect(outside("ada@mail.eu.contoso.com", "contoso.com.")).toBe(false);
  });

  it("warns for another domain, a look-alike that only ends with the same letters, or a parent domain", () => {
    expect(outside("ada@fabrikam.com", "contoso.com")).toBe(true);
    expect(outside("ada@evilcontoso.com", "contoso.com")).toBe(true);
    expect(outside("ada@contoso.com.evil.test", "contoso.com")).toBe(true);
    expect(outside("ada@contoso.com", "eu.contoso.com")).toBe(true);
  });

  it("says nothing when there is nothing to compare", () => {
    expect(outside(undefined, "contoso.com")).toBe(false);
    expect(outside("ada@contoso.com", null)).toBe(false);
    expect(outside("not-an-email", "contoso.com")).toBe(false);
  });
});
