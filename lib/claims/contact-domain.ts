// Whether a claim's customer contact plausibly works for the customer: the contact's email domain should be
// the customer's primary domain or a subdomain of it (ada@contoso.com or ada@eu.contoso.com for contoso.com).
// A mismatch is not an error (consultants and shared mailboxes exist): the reviewer is warned, nothing is refused.
// Pure: no I/O.

/** The part after the last "@", lower-cased, without a trailing dot; null when there is none. */
function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 0 || at === email.length - 1) return null;
  return email.slice(at + 1).trim().toLowerCase().replace(/\.$/, "");
}

/**
 * True when the reviewer should be warned: both values are present and the email's domain is neither the
 * customer's domain nor one of its subdomains. "evilcontoso.com" is not a subdomain of "contoso.com" (the
 * match is on whole labels). Missing values answer false: there is nothing to compare yet.
 */
export function contactEmailOutsideCustomerDomain(email: string | null | undefined, customerDomain: string | null | undefined): boolean {
  if (!email || !customerDomain) return false;
  const domain = customerDomain.trim().toLowerCase().replace(/\.$/, "");
  const actual = emailDomain(email);
  if (!domain || !actual) return false;
  return actual !== domain && !actual.endsWith(`.${domain}`);
}
