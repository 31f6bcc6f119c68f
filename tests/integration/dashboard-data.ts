// Claim rows for the dashboard query tests, inserted directly (the lists read rows; how a claim reached its
// status is the service tests' business) with every listed attribute chosen, and a reference model in plain
// TypeScript of what each list must return: visibility, filters and order (ties and NULL deadlines included).
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Db } from "../../lib/db";
import { chainSessionOptions, resolveChainKey } from "../../lib/audit/chain-key.mjs";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { CLAIM_STATUSES, type ClaimStatus, type Program, type SolutionArea, type UserRole } from "../../lib/claims/catalogue";
import { formatClaimNumber, parseClaimNumber } from "../../lib/claims/claim-number";
import type { Actor } from "../../lib/claims/lifecycle";
import type { ClaimListFilters, ClaimSort } from "../../lib/claims/queries";
import { SLA_STAGES, isOverdue } from "../../lib/claims/sla";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface SeedRow {
  id: string;
  organizationId: string;
  status: ClaimStatus;
  program: Program;
  solutionArea: SolutionArea;
  customerName: string;
  customerDomain: string;
  customerTenantId: string;
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredRow extends SeedRow {
  number: number;
}

const NAMES = ["Contoso Ltd", "contoso-east", "Fabrikam", "Northwind Traders", "Tailspin Toys", "Wide World Importers"];

export function actor(role: UserRole, organizationId: string | null = null): Actor {
  return { kind: "user", userId: `user-${role}-${organizationId ?? "none"}`, role, organizationId };
}

/** A client that records each SQL statement it sends (with its parameters): which queries a list runs. */
export function recordingClient(url: string, sink: { query: string; params: string }[]): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, options: chainSessionOptions(resolveChainKey()) }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => sink.push({ query: event.query, params: event.params }));
  return client;
}

export async function createOrganization(db: Db, id: string): Promise<string> {
  await db.organization.create({ data: { id, name: `Organization ${id}` } });
  return id;
}

/**
 * `count` claims for an organization, spread over every status, program and solution area. Updated times
 * come in pairs (ties the id must order), deadlines repeat (more ties), EDITING and REJECTED have none except
 * a few leftover deadlines on REJECTED claims (which never make a claim overdue).
 */
export function claimRows(organizationId: string, count: number, now: Date, prefix = organizationId): SeedRow[] {
  const t0 = now.getTime() - 30 * DAY;
  return Array.from({ length: count }, (_, i) => {
    const status = CLAIM_STATUSES[(i * 5 + Math.floor(i / 6)) % CLAIM_STATUSES.length];
    const name = NAMES[i % NAMES.length];
    const slug = name.toLowerCase().replace(/[^a-z]+/g, "");
    let dueAt: Date | null = null;
    if ((SLA_STAGES as readonly ClaimStatus[]).includes(status)) dueAt = new Date(now.getTime() + ((i % 7) - 3) * DAY);
    else if (status === "APPROVED") dueAt = new Date(now.getTime() + 2 * DAY);
    else if (status === "REJECTED" && i % 4 === 0) dueAt = new Date(now.getTime() - DAY);
    return {
      id: `${prefix}_${String(i).padStart(4, "0")}`,
      organizationId,
      status,
      program: i % 2 === 0 ? "OSU" : "OSA",
      solutionArea: i % 3 === 0 ? "BUSINESS_APPLICATIONS" : "MODERN_WORK",
      customerName: `${name} ${i}`,
      customerDomain: `${slug}${i}.example`,
      customerTenantId: randomUUID(),
      dueAt,
      createdAt: new Date(t0 + i * HOUR),
      updatedAt: new Date(t0 + Math.floor(((i * 37) % count) / 2) * HOUR),
    };
  });
}

export async function insertClaims(db: Db, rows: SeedRow[]): Promise<void> {
  // Claim.createdById references a user: one inactive creator for every generated row.
  await db.user.upsert({
    where: { id: "seed" },
    create: { id: "seed", email: "seed@dashboard.invalid", name: "Dashboard seed", role: "PARTNER_ADMIN", active: false },
    update: {},
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await db.claim.createMany({
      data: rows.slice(i, i + 1000).map((r) => ({
        ...r,
        mpnId: "1234567",
        activity: "PRE_SALES" as const,
        customerNameLower: r.customerName.toLowerCase(),
        customerDomainLower: r.customerDomain.toLowerCase(),
        createdById: "seed",
      })),
    });
  }
}

export async function storedRows(db: Db): Promise<StoredRow[]> {
  return db.claim.findMany({
    select: {
      id: true, number: true, organizationId: true, status: true, program: true, solutionArea: true, customerName: true,
      customerDomain: true, customerTenantId: true, dueAt: true, createdAt: true, updatedAt: true,
    },
  });
}

// ───────────────────────────── the reference model ─────────────────────────────

export function visibleTo(a: Actor, row: StoredRow): boolean {
  if (a.kind !== "user") return false;
  if (a.role === "PARTNER_ADMIN" || a.role === "PARTNER_BILLING") return row.organizationId === a.organizationId;
  if (a.role === "REVIEWER") return row.status !== "EDITING";
  return true;
}

function matchesSearch(row: StoredRow, q: string): boolean {
  const text = q.trim();
  const number = parseClaimNumber(text);
  if (number !== null) return row.number === number;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return row.customerTenantId === text.toLowerCase();
  const prefix = text.toLowerCase();
  return row.customerName.toLowerCase().startsWith(prefix) || row.customerDomain.toLowerCase().startsWith(prefix);
}

/** The core's one rule (sla.isOverdue), so these tests hold the SQL filter to it. */
export function isOverdueRow(row: StoredRow, now: Date): boolean {
  return isOverdue(row, now);
}

export function expectedRows(rows: StoredRow[], a: Actor, f: Omit<ClaimListFilters, "page" | "pageSize">, now: Date): StoredRow[] {
  return rows
    .filter((r) => visibleTo(a, r))
    .filter((r) => !f.status || r.status === f.status)
    .filter((r) => !f.program || r.program === f.program)
    .filter((r) => !f.solutionArea || r.solutionArea === f.solutionArea)
    .filter((r) => f.overdue === undefined || isOverdueRow(r, now) === f.overdue)
    .filter((r) => !f.q?.trim() || matchesSearch(r, f.q))
    .sort(comparator(f.sort));
}

/** The documented order: the field, then id; a claim without a deadline counts as due last. */
export function comparator(sort: ClaimSort): (a: StoredRow, b: StoredRow) => number {
  const desc = sort.startsWith("-");
  const field = sort.replace(/^-/, "") as "updatedAt" | "createdAt" | "dueAt";
  const key = (r: StoredRow) => r[field]?.getTime() ?? Number.POSITIVE_INFINITY;
  return (a, b) => {
    const byField = key(a) - key(b);
    const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    const ascending = byField !== 0 && !Number.isNaN(byField) ? byField : byId;
    return desc ? -ascending : ascending;
  };
}

export function numbersOf(rows: { number: number }[]): string[] {
  return rows.map((r) => formatClaimNumber(r.number));
}
