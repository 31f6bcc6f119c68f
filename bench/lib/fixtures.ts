// Data the API benchmarks need: one partner organization with a user, an API key and claims, written through
// the same use cases as the product (lib/claims), then the database is closed so that the server may open it.
import { createApiKeyForEmail } from "../../lib/claims/api-keys";
import { createClaim } from "../../lib/claims/service";
import { SLA_SETTINGS_KEY } from "../../lib/claims/settings";
import { closeDb, getDb } from "../../lib/db";

export interface ApiFixture {
  key: string;
  claimIds: string[];
}

export async function seedApiFixture(databaseUrl: string, options: { claims: number; poeMaxBytes?: number }): Promise<ApiFixture> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const db = getDb();
    const organization = await db.organization.create({
      data: { name: "Bench Partners", locations: { create: [{ mpnId: "5550001", name: "Bench HQ" }] } },
    });
    const user = await db.user.create({
      data: { email: "bench@partner.example", name: "Bench Partner", role: "PARTNER_ADMIN", organizationId: organization.id },
    });
    const actor = { kind: "user" as const, userId: user.id, role: "PARTNER_ADMIN" as const, organizationId: organization.id };
    if (options.poeMaxBytes) {
      await db.setting.create({ data: { key: SLA_SETTINGS_KEY, value: { poeMaxBytes: options.poeMaxBytes } } });
    }
    const claimIds: string[] = [];
    for (let i = 0; i < options.claims; i++) {
      const claim = await createClaim(db, actor, {
        mpnId: "5550001",
        program: "OSU",
        activity: "PRE_SALES",
        solutionArea: "MODERN_WORK",
        customer: { tenantId: crypto.randomUUID(), domain: `bench-${i}.example`, name: `Bench customer ${i}` },
        products: [{ kind: "WORKLOAD", name: "TEAMS" }],
        customerContact: { name: "Chris Customer", title: "CIO", email: "chris@customer.example" },
        partnerContact: { name: "Pat Partner", title: "Account manager", email: "pat@partner.example" },
      });
      claimIds.push(claim.id);
    }
    const { secret } = await createApiKeyForEmail(db, user.email, "bench");
    return { key: secret, claimIds };
  } finally {
    await closeDb();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}
