import type { UserRole } from "./claims/catalogue";

// Fixed by domain.md § Demo data: the README, docs and black-box tests rely on these names.
export const DEMO_PASSWORD = "Demo-Pass-2026!";

export const DEMO_ORGANIZATIONS = [
  { key: "contoso", name: "Contoso Partners Ltd", mpnIds: ["1234567", "1234568"] },
  { key: "fabrikam", name: "Fabrikam Consulting", mpnIds: ["7654321", "7654322"] },
] as const;

export const DEMO_USERS: { email: string; name: string; role: UserRole; organization: string | null }[] = [
  { email: "admin@contoso-partner.example", name: "Avery Contoso", role: "PARTNER_ADMIN", organization: "Contoso Partners Ltd" },
  { email: "billing@contoso-partner.example", name: "Blake Contoso", role: "PARTNER_BILLING", organization: "Contoso Partners Ltd" },
  { email: "admin@fabrikam-partner.example", name: "Farah Fabrikam", role: "PARTNER_ADMIN", organization: "Fabrikam Consulting" },
  { email: "reviewer1@review.example", name: "Riley Reviewer", role: "REVIEWER", organization: null },
  { email: "reviewer2@review.example", name: "Robin Reviewer", role: "REVIEWER", organization: null },
  { email: "admin@portal.example", name: "Alex Admin", role: "ADMIN", organization: null },
];
