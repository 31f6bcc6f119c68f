// The shared steps of every use case: parse the input, refuse with the core's error, the optimistic guard,
// the transaction and the history rows. Use cases compose these; none re-implements one.
import { z } from "zod";
import type { Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { ClaimStatus } from "../catalogue";
import { claimDetailInclude, type ClaimDetail } from "../claim-detail";
import { ClaimError } from "../errors";
import type { ClaimEventInput } from "../events";
import { actorRole, type Actor, type DecisionError } from "../lifecycle";
import { isPartner } from "../policy";
import { fieldErrorsFromZod } from "../schemas";

export type Tx = Prisma.TransactionClient;

export interface ServiceOptions {
  /** The instant the change happens at; tests and the seed pass it, everything else uses the clock. */
  now?: Date;
}

export type UserActor = Extract<Actor, { kind: "user" }>;

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw new ClaimError("VALIDATION", "The request has invalid fields.", fieldErrorsFromZod(result.error));
  }
  return result.data;
}

export function raise(error: DecisionError): never {
  throw new ClaimError(error.code, error.message, error.errors);
}

export function requirePartner(actor: Actor): asserts actor is UserActor {
  if (!isPartner(actor)) throw new ClaimError("FORBIDDEN", "Only partner users can do this.");
}

export function userActor(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new ClaimError("FORBIDDEN", "Only signed-in users can do this.");
  return actor;
}

export function checkVersion(claim: { version: number }, version: number | undefined): void {
  if (version !== undefined && version !== claim.version) {
    throw new ClaimError(
      "CONFLICT",
      `The claim was changed by someone else (you have version ${version}, the current one is ${claim.version}). Reload it and try again.`,
    );
  }
}

/**
 * The optimistic guard: the row changes only if nobody changed it since we read it. Zero rows means
 * another request won the race: CONFLICT, and the transaction rolls back.
 */
export async function guardedUpdate(
  tx: Tx,
  claim: Pick<ClaimDetail, "id" | "version" | "status">,
  data: Prisma.ClaimUncheckedUpdateManyInput,
  now: Date,
) {
  const { count } = await tx.claim.updateMany({
    where: { id: claim.id, version: claim.version, status: claim.status },
    data: { ...data, version: { increment: 1 }, updatedAt: now },
  });
  if (count !== 1) throw new ClaimError("CONFLICT", "The claim was changed by someone else. Reload it and try again.");
}

export async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 10_000, timeout: 20_000 });
}

export async function reload(db: Db, claimId: string): Promise<ClaimDetail> {
  return db.claim.findUniqueOrThrow({ where: { id: claimId }, include: claimDetailInclude });
}

export async function actorName(tx: Tx | Db, actor: Actor): Promise<string> {
  if (actor.kind === "customer") return "Customer";
  if (actor.kind === "system") return "System";
  const user = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  return user?.name ?? "Unknown user";
}

export type HistoryEvent = ClaimEventInput & { fromStatus?: ClaimStatus; toStatus?: ClaimStatus };

/**
 * The claim's history rows, written in the transaction of the change they record. `seq`, `mac` and `keyId` are
 * set by the database's INSERT trigger (the tamper-evident chain, docs/architecture.md), never here.
 */
export async function appendEvents(tx: Tx, claimId: string, actor: Actor, at: Date, events: HistoryEvent[]): Promise<void> {
  await appendEventsOfClaims(tx, actor, at, events.map((event) => ({ claimId, event })));
}

/** History rows of several claims by one actor at one instant (a bulk import), in one statement. */
export async function appendEventsOfClaims(tx: Tx, actor: Actor, at: Date, entries: { claimId: string; event: HistoryEvent }[]): Promise<void> {
  if (entries.length === 0) return;
  const name = await actorName(tx, actor);
  await tx.claimEvent.createMany({
    data: entries.map(({ claimId, event }) => ({
      claimId,
      type: event.type,
      actorId: actor.kind === "user" ? actor.userId : null,
      actorRole: actorRole(actor),
      actorName: name,
      at,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      data: event.data as Prisma.InputJsonValue,
    })),
  });
}
