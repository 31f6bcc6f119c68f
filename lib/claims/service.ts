// The claim lifecycle's use cases. Every one: validate the input (zod) → find the claim the actor may
// see (else NOT_FOUND, the same answer as a missing claim) → ask the pure core (lifecycle/policy/sla) →
// one transaction holding the guarded update (`where id + version + status`: zero rows means somebody
// else won → CONFLICT) and the history event(s). Pages' server actions, the HTTP API, the sweep and the
// seed all call these functions; none re-implements a rule.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import {
  type ClaimField,
  type ClaimStatus,
  type InfoRequestReason,
  type RejectionReason,
} from "./catalogue";
import { formatClaimNumber } from "./claim-number";
import { conflictKey } from "./conflicts";
import { ClaimError, type FieldError } from "./errors";
import type { ClaimEventInput } from "./events";
import { actorRole, decide, type Actor, type ClaimAction, type ClaimState, type DecisionError } from "./lifecycle";
import { canViewClaim, checkComment, checkFieldEdit, checkPoeUpload, isPartner } from "./policy";
import {
  approveBodySchema,
  checkProducts,
  claimDraftSchema,
  claimPatchSchema,
  commentBodySchema,
  consentDenyBodySchema,
  disputeBodySchema,
  fieldErrorsFromZod,
  rejectBodySchema,
  requestInfoBodySchema,
  resolveDisputeBodySchema,
  resubmitBodySchema,
  startReviewBodySchema,
  submitBodySchema,
  withdrawBodySchema,
} from "./schemas";
import { getSlaSettings } from "./settings";
import { calendarOf, pauseReviewClock, resumeReviewClock, stageDueAt, type SlaSettings } from "./sla";

export type Tx = Prisma.TransactionClient;

export interface ServiceOptions {
  /** The instant the change happens at; tests and the seed pass it, everything else uses the clock. */
  now?: Date;
}

export const claimDetailInclude = {
  products: { orderBy: { position: "asc" } },
  poeFiles: { orderBy: { uploadedAt: "asc" } },
  dispute: true,
} satisfies Prisma.ClaimInclude;
export type ClaimDetail = Prisma.ClaimGetPayload<{ include: typeof claimDetailInclude }>;

// ───────────────────────────── shared steps ─────────────────────────────

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw new ClaimError("VALIDATION", "The request has invalid fields.", fieldErrorsFromZod(result.error));
  }
  return result.data;
}

function raise(error: DecisionError): never {
  throw new ClaimError(error.code, error.message, error.errors);
}

function contactComplete(value: unknown): boolean {
  const contact = value as { name?: string; title?: string; email?: string } | null;
  return Boolean(contact?.name && contact?.title && contact?.email);
}

export function claimStateOf(claim: ClaimDetail): ClaimState {
  return {
    status: claim.status,
    organizationId: claim.organizationId,
    rejectedAt: claim.rejectedAt,
    consentEndsAt: claim.consentEndsAt,
    sentForIncentiveAssessmentAt: claim.sentForIncentiveAssessmentAt,
    dispute: claim.dispute ? { status: claim.dispute.status } : null,
    rejectionReason: claim.rejectionReason,
    dueAt: claim.dueAt,
    productCount: claim.products.length,
    customerContactComplete: contactComplete(claim.customerContact),
    partnerContactComplete: contactComplete(claim.partnerContact),
    poeCount: claim.poeFiles.length,
    partnerRespondedSinceInfoRequest: Boolean(
      claim.infoRequestedAt && claim.partnerRespondedAt && claim.partnerRespondedAt > claim.infoRequestedAt,
    ),
  };
}

/** The claim if the actor may see it; NOT_FOUND otherwise (another organization's claim looks missing). */
export async function findVisibleClaim(db: Db | Tx, actor: Actor, claimId: string): Promise<ClaimDetail> {
  const claim = await db.claim.findUnique({ where: { id: claimId }, include: claimDetailInclude });
  if (!claim || !canViewClaim(actor, claim)) throw new ClaimError("NOT_FOUND", "Claim not found.");
  return claim;
}

async function actorName(tx: Tx, actor: Actor): Promise<string> {
  if (actor.kind === "customer") return "Customer";
  if (actor.kind === "system") return "System";
  const user = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  return user?.name ?? "Unknown user";
}

async function appendEvents(
  tx: Tx,
  claimId: string,
  actor: Actor,
  at: Date,
  events: (ClaimEventInput & { fromStatus?: ClaimStatus; toStatus?: ClaimStatus })[],
): Promise<void> {
  if (events.length === 0) return;
  const name = await actorName(tx, actor);
  await tx.claimEvent.createMany({
    data: events.map((event) => ({
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

/**
 * The optimistic guard: the row changes only if nobody changed it since we read it. Zero rows means
 * another request won the race: CONFLICT, and the transaction rolls back.
 */
async function guardedUpdate(tx: Tx, claim: Pick<ClaimDetail, "id" | "version" | "status">, data: Prisma.ClaimUncheckedUpdateManyInput, now: Date) {
  const { count } = await tx.claim.updateMany({
    where: { id: claim.id, version: claim.version, status: claim.status },
    data: { ...data, version: { increment: 1 }, updatedAt: now },
  });
  if (count !== 1) throw new ClaimError("CONFLICT", "The claim was changed by someone else. Reload it and try again.");
}

function checkVersion(claim: { version: number }, version: number | undefined): void {
  if (version !== undefined && version !== claim.version) {
    throw new ClaimError(
      "CONFLICT",
      `The claim was changed by someone else (you have version ${version}, the current one is ${claim.version}). Reload it and try again.`,
    );
  }
}

async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 10_000, timeout: 20_000 });
}

async function reload(db: Db, claimId: string): Promise<ClaimDetail> {
  return db.claim.findUniqueOrThrow({ where: { id: claimId }, include: claimDetailInclude });
}

function requirePartner(actor: Actor): asserts actor is Extract<Actor, { kind: "user" }> {
  if (!isPartner(actor)) throw new ClaimError("FORBIDDEN", "Only partner users can do this.");
}

// ───────────────────────────── create and edit ─────────────────────────────

type ClaimValues = z.infer<typeof claimDraftSchema>;
type ProductValue = NonNullable<ClaimValues["products"]>[number];

function productRows(tenantId: string, program: ClaimValues["program"], products: readonly ProductValue[]) {
  return products.map((product, position) => ({
    kind: product.kind,
    name: product.name,
    subscriptionId: product.kind === "DYNAMICS" ? product.subscriptionId : null,
    conflictKey: conflictKey(tenantId, program, product),
    position,
  }));
}

async function checkMpnId(tx: Tx | Db, organizationId: string, mpnId: string): Promise<FieldError[]> {
  const location = await tx.partnerLocation.findUnique({ where: { mpnId } });
  return location?.organizationId === organizationId
    ? []
    : [{ path: "mpnId", message: "Choose one of your organization's MPN IDs." }];
}

export async function createClaim(db: Db, actor: Actor, input: unknown, options: ServiceOptions = {}): Promise<ClaimDetail> {
  requirePartner(actor);
  const values = parseInput(claimDraftSchema, input);
  const now = options.now ?? new Date();
  const organizationId = actor.organizationId!;
  const problems = [...(await checkMpnId(db, organizationId, values.mpnId)), ...checkProducts(values.solutionArea, values.products ?? [])];
  if (problems.length) throw new ClaimError("VALIDATION", "The claim has invalid fields.", problems);
  const id = await transaction(db, async (tx) => {
    const claim = await tx.claim.create({
      data: {
        organizationId,
        createdById: actor.userId,
        mpnId: values.mpnId,
        program: values.program,
        activity: values.activity,
        solutionArea: values.solutionArea,
        customerTenantId: values.customer.tenantId,
        customerDomain: values.customer.domain,
        customerName: values.customer.name,
        customerNameLower: values.customer.name.toLowerCase(),
        customerDomainLower: values.customer.domain.toLowerCase(),
        customerContact: (values.customerContact ?? undefined) as Prisma.InputJsonValue | undefined,
        partnerContact: (values.partnerContact ?? undefined) as Prisma.InputJsonValue | undefined,
        commentary: values.commentary ?? "",
        createdAt: now,
        updatedAt: now,
        products: { create: productRows(values.customer.tenantId, values.program, values.products ?? []) },
      },
    });
    await appendEvents(tx, claim.id, actor, now, [
      {
        type: "CLAIM_CREATED",
        toStatus: "EDITING",
        data: { number: formatClaimNumber(claim.number), values: fieldValues(values) },
      },
    ]);
    return claim.id;
  });
  return reload(db, id);
}

/** A claim's editable values in the shape of the API and the forms (for diffs and history). */
type JsonValue = z.infer<ReturnType<typeof z.json>>;

export function fieldValues(claim: ClaimValues): Record<ClaimField, JsonValue> {
  return {
    mpnId: claim.mpnId,
    program: claim.program,
    activity: claim.activity,
    solutionArea: claim.solutionArea,
    customer: claim.customer,
    products: (claim.products ?? []) as JsonValue,
    customerContact: (claim.customerContact ?? null) as JsonValue,
    partnerContact: (claim.partnerContact ?? null) as JsonValue,
    commentary: claim.commentary ?? "",
  };
}

export function claimValuesOf(claim: ClaimDetail): ClaimValues {
  return {
    mpnId: claim.mpnId,
    program: claim.program,
    activity: claim.activity,
    solutionArea: claim.solutionArea,
    customer: { tenantId: claim.customerTenantId, domain: claim.customerDomain, name: claim.customerName },
    products: claim.products.map((p) =>
      p.kind === "DYNAMICS"
        ? { kind: "DYNAMICS" as const, name: p.name as never, subscriptionId: p.subscriptionId ?? "" }
        : { kind: "WORKLOAD" as const, name: p.name as never },
    ),
    customerContact: (claim.customerContact ?? undefined) as ClaimValues["customerContact"],
    partnerContact: (claim.partnerContact ?? undefined) as ClaimValues["partnerContact"],
    commentary: claim.commentary,
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Edits whole top-level fields, all or nothing: a field not editable in the current status refuses the
 * whole edit; `version` must be the one the editor read (CONFLICT otherwise).
 */
export async function updateClaim(
  db: Db,
  actor: Actor,
  claimId: string,
  version: number,
  input: unknown,
  options: ServiceOptions = {},
): Promise<ClaimDetail> {
  const now = options.now ?? new Date();
  const claim = await findVisibleClaim(db, actor, claimId);
  requirePartner(actor);
  const patch = parseInput(claimPatchSchema, input) as Partial<ClaimValues>;
  const fields = (Object.keys(patch) as ClaimField[]).filter((f) => patch[f] !== undefined);
  // api-v1 order: version (409 CONFLICT) before what the current status allows; a stale editor reloads first.
  checkVersion(claim, version);
  const refused = checkFieldEdit(actor, claim, fields);
  if (refused) raise(refused);

  const before = claimValuesOf(claim);
  const after: ClaimValues = { ...before, ...patch };
  const changed = fields.filter((f) => !sameJson(fieldValues(before)[f], fieldValues(after)[f]));
  const problems = [
    ...(changed.includes("mpnId") ? await checkMpnId(db, claim.organizationId, after.mpnId) : []),
    ...(changed.some((f) => f === "products" || f === "solutionArea") ? checkProducts(after.solutionArea, after.products ?? []) : []),
  ];
  if (problems.length) throw new ClaimError("VALIDATION", "The claim has invalid fields.", problems);
  if (changed.length === 0) return claim;

  await transaction(db, async (tx) => {
    await guardedUpdate(
      tx,
      claim,
      {
        mpnId: after.mpnId,
        program: after.program,
        activity: after.activity,
        solutionArea: after.solutionArea,
        customerTenantId: after.customer.tenantId,
        customerDomain: after.customer.domain,
        customerName: after.customer.name,
        customerNameLower: after.customer.name.toLowerCase(),
        customerDomainLower: after.customer.domain.toLowerCase(),
        customerContact: (after.customerContact ?? undefined) as Prisma.InputJsonValue | undefined,
        partnerContact: (after.partnerContact ?? undefined) as Prisma.InputJsonValue | undefined,
        commentary: after.commentary ?? "",
        partnerRespondedAt: now,
      },
      now,
    );
    // Keys depend on tenant, program and products: rewrite the product rows when any of them changed.
    if (changed.some((f) => f === "products" || f === "customer" || f === "program")) {
      await tx.claimProduct.deleteMany({ where: { claimId } });
      await tx.claimProduct.createMany({
        data: productRows(after.customer.tenantId, after.program, after.products ?? []).map((row) => ({ ...row, claimId })),
      });
    }
    await appendEvents(tx, claimId, actor, now, [
      {
        type: "FIELDS_UPDATED",
        data: {
          changes: changed.map((field) => ({
            field,
            from: fieldValues(before)[field],
            to: fieldValues(after)[field],
          })),
        },
      },
    ]);
  });
  return reload(db, claimId);
}

// ───────────────────────────── PoE and comments ─────────────────────────────

export interface PoeFileRecord {
  fileName: string;
  size: number;
  sha256: string;
  contentType: string;
  storageKey: string;
}

/** Records a PoE file already written to storage (lib/storage). The caller deletes the file on error. */
export async function recordPoeFile(
  db: Db,
  actor: Actor,
  claimId: string,
  file: PoeFileRecord,
  options: ServiceOptions = {},
): Promise<ClaimDetail["poeFiles"][number]> {
  const now = options.now ?? new Date();
  const claim = await findVisibleClaim(db, actor, claimId);
  const refused = checkPoeUpload(actor, claimStateOf(claim));
  if (refused) raise(refused);
  return transaction(db, async (tx) => {
    await guardedUpdate(tx, claim, { partnerRespondedAt: now }, now);
    const poe = await tx.poeFile.create({
      data: { claimId, ...file, uploadedAt: now, uploadedById: actor.kind === "user" ? actor.userId : null },
    });
    await appendEvents(tx, claimId, actor, now, [
      { type: "POE_UPLOADED", data: { poeId: poe.id, fileName: file.fileName, size: file.size, sha256: file.sha256 } },
    ]);
    return poe;
  });
}

async function insertComment(tx: Tx, claimId: string, actor: Extract<Actor, { kind: "user" }>, body: string, now: Date) {
  const name = await actorName(tx, actor);
  const comment = await tx.comment.create({
    data: { claimId, authorId: actor.userId, authorRole: actor.role, authorName: name, body, createdAt: now },
  });
  await appendEvents(tx, claimId, actor, now, [{ type: "COMMENT_ADDED", data: { commentId: comment.id, body } }]);
  return comment;
}

/**
 * A comment does not bump the claim's version: it changes no field, and a partner's comment must not
 * make a reviewer's pending decision stale. It does record the partner's response time (resubmit guard).
 */
export async function addComment(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  const now = options.now ?? new Date();
  const claim = await findVisibleClaim(db, actor, claimId);
  const refused = checkComment(actor, claimStateOf(claim), now);
  if (refused?.code === "FORBIDDEN") raise(refused);
  if (actor.kind !== "user") throw new ClaimError("FORBIDDEN", "Only signed-in users can comment.");
  // api-v1 order: body (422) before status (409: comments closed on a final claim).
  const { body } = parseInput(commentBodySchema, input);
  if (refused) raise(refused);
  return transaction(db, async (tx) => {
    const comment = await insertComment(tx, claimId, actor, body, now);
    await tx.claim.update({
      where: { id: claimId },
      data: { updatedAt: now, ...(isPartner(actor) ? { partnerRespondedAt: now } : {}) },
    });
    return comment;
  });
}

// ───────────────────────────── transitions ─────────────────────────────

interface TransitionPlan {
  data: Prisma.ClaimUncheckedUpdateManyInput;
  events?: ClaimEventInput[];
  /** Runs inside the transaction after the guarded update (outbox, tokens, dispute rows, comments). */
  also?: (tx: Tx) => Promise<void>;
}

/**
 * The one path of every status-changing action: visibility → role → body → version → status → guards
 * (api-v1.md's order), then the guarded update, the STATUS_CHANGED event and the plan's own effects.
 */
async function runTransition<S extends z.ZodType>(
  db: Db,
  actor: Actor,
  claimId: string,
  action: ClaimAction,
  schema: S,
  input: unknown,
  options: ServiceOptions,
  plan: (ctx: { claim: ClaimDetail; body: z.infer<S>; now: Date; settings: SlaSettings }) => TransitionPlan | Promise<TransitionPlan>,
  /** What the body itself contributes to the guards (resubmit: its comment counts as the partner's response). */
  stateWithBody: (state: ClaimState, body: z.infer<S>) => ClaimState = (state) => state,
): Promise<ClaimDetail> {
  const now = options.now ?? new Date();
  const claim = await findVisibleClaim(db, actor, claimId);
  const state = claimStateOf(claim);
  const roleCheck = decide(state, action, actor, now);
  if (!roleCheck.ok && roleCheck.error.code === "FORBIDDEN") raise(roleCheck.error);
  const body = parseInput(schema, input) as z.infer<S> & { version?: number };
  checkVersion(claim, body.version);
  const decision = decide(stateWithBody(state, body), action, actor, now);
  if (!decision.ok) raise(decision.error);
  const settings = await getSlaSettings(db);
  const planned = await plan({ claim, body, now, settings });
  await transaction(db, async (tx) => {
    await guardedUpdate(tx, claim, { status: decision.to, ...planned.data }, now);
    // A dispute opened or upheld leaves the claim REJECTED: its own event (DISPUTE_*) tells the story, and a
    // "Rejected → Rejected" row would only add noise to the history.
    const statusChange: ClaimEventInput[] =
      decision.to === claim.status
        ? []
        : [
            {
              type: "STATUS_CHANGED",
              data: {
                action,
                fromStatus: claim.status,
                toStatus: decision.to,
                ...statusEventDetails(planned.data, body as { comment?: string }),
              },
            },
          ];
    await appendEvents(tx, claimId, actor, now, [
      ...statusChange.map((event) => ({ ...event, fromStatus: claim.status, toStatus: decision.to })),
      ...(planned.events ?? []),
    ]);
    await planned.also?.(tx);
  });
  return reload(db, claimId);
}

function statusEventDetails(data: Prisma.ClaimUncheckedUpdateManyInput, body: { comment?: string }) {
  const details: { reasonCodes?: InfoRequestReason[]; rejectionReason?: RejectionReason; comment?: string } = {};
  if (Array.isArray(data.reasonCodes) && data.reasonCodes.length) details.reasonCodes = data.reasonCodes as InfoRequestReason[];
  if (typeof data.rejectionReason === "string") details.rejectionReason = data.rejectionReason as RejectionReason;
  if (body.comment) details.comment = body.comment;
  return details;
}

function userActor(actor: Actor): Extract<Actor, { kind: "user" }> {
  if (actor.kind !== "user") throw new ClaimError("FORBIDDEN", "Only signed-in users can do this.");
  return actor;
}

/** A comment given to an action is also posted to the claim's comments, where the other side reads it. */
function postComment(actor: Actor, claimId: string, comment: string | undefined, now: Date) {
  return async (tx: Tx) => {
    if (comment) await insertComment(tx, claimId, userActor(actor), comment, now);
  };
}

export function submitClaim(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "submit", submitBodySchema, input, options, ({ now, settings }) => ({
    data: { submittedAt: now, dueAt: stageDueAt("SUBMITTED", now, settings), overdue: false },
  }));
}

export function startReview(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  const reviewer = userActor(actor);
  return runTransition(db, actor, claimId, "start-review", startReviewBodySchema, input, options, ({ now, settings }) => ({
    data: {
      reviewerId: reviewer.userId,
      reviewStartedAt: now,
      dueAt: stageDueAt("UNDER_REVIEW", now, settings),
      overdue: false,
    },
    events: [{ type: "REVIEWER_ASSIGNED", data: { reviewerId: reviewer.userId } }],
  }));
}

export function requestPartnerInfo(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "request-info", requestInfoBodySchema, input, options, ({ claim, body, now, settings }) => ({
    data: {
      reasonCodes: body.reasonCodes,
      infoRequestedAt: now,
      // The review clock pauses while the partner works; resubmit resumes it with what was left.
      reviewDaysRemaining: claim.dueAt ? pauseReviewClock(now, claim.dueAt, calendarOf(settings)) : settings.underReviewBusinessDays,
      dueAt: stageDueAt("PARTNER_ACTION_REQUIRED", now, settings),
      overdue: false,
    },
    also: postComment(actor, claimId, body.comment, now),
  }));
}

export function resubmitClaim(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  return runTransition(
    db,
    actor,
    claimId,
    "resubmit",
    resubmitBodySchema,
    input,
    options,
    ({ claim, body, now, settings }) => ({
      data: {
        reasonCodes: [],
        dueAt: resumeReviewClock(now, claim.reviewDaysRemaining ?? settings.underReviewBusinessDays, calendarOf(settings)),
        reviewDaysRemaining: null,
        overdue: false,
        partnerActionSeconds: {
          increment: claim.infoRequestedAt ? Math.max(0, Math.round((now.getTime() - claim.infoRequestedAt.getTime()) / 1000)) : 0,
        },
        ...(body.comment ? { partnerRespondedAt: now } : {}),
      },
      // Posted in the same transaction as the status change: a refused or failed resubmit leaves no comment.
      also: postComment(actor, claimId, body.comment, now),
    }),
    // The resubmit's own comment counts as the partner's response (api-v1).
    (state, body) => (body.comment ? { ...state, partnerRespondedSinceInfoRequest: true } : state),
  );
}

/** A customer's consent link: the raw token goes out in the notice only; the database keeps its hash. */
export function hashConsentToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function appBaseUrl(): string {
  return (process.env.NEXTAUTH_URL || process.env.APP_URL || "http://localhost:3000").replace(/\/$/, "");
}

export async function approveClaim(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  let consentToken = "";
  const claim = await runTransition(db, actor, claimId, "approve", approveBodySchema, input, options, ({ claim, body, now, settings }) => {
    const consentEndsAt = stageDueAt("APPROVED", now, settings);
    consentToken = randomBytes(32).toString("base64url");
    const contact = claim.customerContact as { email?: string; name?: string } | null;
    return {
      data: { approvedAt: now, decidedAt: now, consentEndsAt, dueAt: consentEndsAt, overdue: false, reasonCodes: [] },
      events: [{ type: "CONSENT_REQUESTED", data: { consentEndsAt: consentEndsAt.toISOString() } }],
      also: async (tx) => {
        await tx.consentToken.create({
          data: { claimId, tokenHash: hashConsentToken(consentToken), expiresAt: consentEndsAt, createdAt: now },
        });
        await tx.outboxMessage.create({
          data: {
            kind: "CUSTOMER_CONSENT_NOTICE",
            dedupeKey: `consent:${claimId}:${now.toISOString()}`,
            recipient: contact?.email ?? "",
            subject: `A Microsoft partner is now associated with ${claim.customerName}`,
            body: consentNoticeBody(claim, consentToken, consentEndsAt),
            claimId,
            createdAt: now,
            availableAt: now,
          },
        });
        await postComment(actor, claimId, body.comment, now)(tx);
      },
    };
  });
  return Object.assign(claim, { consentToken });
}

function consentNoticeBody(claim: ClaimDetail, token: string, endsAt: Date): string {
  return [
    `Hello${(claim.customerContact as { name?: string } | null)?.name ? ` ${(claim.customerContact as { name: string }).name}` : ""},`,
    "",
    `Microsoft approved a partner's claim (${formatClaimNumber(claim.number)}) that it helped ${claim.customerName} (${claim.customerDomain}) use Microsoft products.`,
    `If you do not want this partner associated with your organization, deny the association before ${endsAt.toISOString()}:`,
    `${appBaseUrl()}/consent/${token}`,
    "",
    "If this is correct, you need not do anything.",
  ].join("\n");
}

export function rejectClaim(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "reject", rejectBodySchema, input, options, ({ body, now }) => ({
    data: {
      rejectionReason: body.reason,
      rejectionComment: body.comment ?? null,
      rejectedAt: now,
      decidedAt: now,
      dueAt: null,
      overdue: false,
    },
    also: postComment(actor, claimId, body.comment, now),
  }));
}

export function withdrawClaim(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "withdraw", withdrawBodySchema, input, options, ({ body, now }) => ({
    data: {
      rejectionReason: "PARTNER_REQUEST",
      rejectionComment: body.comment,
      rejectedAt: now,
      decidedAt: now,
      dueAt: null,
      overdue: false,
    },
    also: postComment(actor, claimId, body.comment, now),
  }));
}

// ───────────────────────────── customer consent ─────────────────────────────

/** The customer denies the association through the single-use link (no account: the token is the credential). */
export async function denyConsent(db: Db, token: string, input: unknown = {}, options: ServiceOptions = {}) {
  const now = options.now ?? new Date();
  const customer: Actor = { kind: "customer" };
  // The token is the credential: an unknown one is NOT_FOUND whatever the body (api-v1 order).
  const row = await db.consentToken.findUnique({ where: { tokenHash: hashConsentToken(token) } });
  if (!row) throw new ClaimError("NOT_FOUND", "This link is not valid.");
  const { reason } = parseInput(consentDenyBodySchema, input);
  if (row.usedAt) throw new ClaimError("GONE", "This link was already used.");
  const claim = await db.claim.findUniqueOrThrow({ where: { id: row.claimId }, include: claimDetailInclude });
  const decision = decide(claimStateOf(claim), "deny-consent", customer, now);
  if (!decision.ok) {
    throw decision.error.code === "GONE" || decision.error.code === "INVALID_TRANSITION"
      ? new ClaimError("GONE", "The time to deny this association has ended.")
      : new ClaimError(decision.error.code, decision.error.message);
  }
  await transaction(db, async (tx) => {
    const used = await tx.consentToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw new ClaimError("GONE", "This link was already used.");
    await guardedUpdate(
      tx,
      claim,
      {
        status: decision.to,
        rejectionReason: "CUSTOMER_DECLINE",
        rejectionComment: reason ?? null,
        rejectedAt: now,
        decidedAt: now,
        dueAt: null,
      },
      now,
    );
    await appendEvents(tx, claim.id, customer, now, [
      {
        type: "STATUS_CHANGED",
        fromStatus: claim.status,
        toStatus: decision.to,
        data: { action: "deny-consent", fromStatus: claim.status, toStatus: decision.to, rejectionReason: "CUSTOMER_DECLINE" },
      },
      { type: "CONSENT_DENIED", data: reason ? { reason } : {} },
    ]);
  });
  return { claimNumber: formatClaimNumber(claim.number) };
}

/** What the consent page shows before the customer decides (nothing about the partner beyond its name). */
export async function findConsentRequest(db: Db, token: string, now = new Date()) {
  const row = await db.consentToken.findUnique({
    where: { tokenHash: hashConsentToken(token) },
    include: { claim: { include: { organization: true, products: { orderBy: { position: "asc" } } } } },
  });
  if (!row) return null;
  const open = !row.usedAt && row.claim.status === "APPROVED" && !row.claim.sentForIncentiveAssessmentAt && now < row.expiresAt;
  return {
    open,
    used: Boolean(row.usedAt),
    expiresAt: row.expiresAt,
    claimNumber: formatClaimNumber(row.claim.number),
    partnerName: row.claim.organization.name,
    customerName: row.claim.customerName,
    products: row.claim.products.map((p) => p.name),
  };
}

// ───────────────────────────── disputes ─────────────────────────────

export async function openDispute(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  let disputeId = "";
  await runTransition(db, actor, claimId, "open-dispute", disputeBodySchema, input, options, ({ claim, body, now }) => {
    // The body does not carry the solution area, so the product kinds are checked against the claim here.
    const problems = body.products ? checkProducts(claim.solutionArea, body.products) : [];
    if (problems.length) throw new ClaimError("VALIDATION", "The disputed products do not match the claim.", problems);
    return {
      data: {},
      also: async (tx) => {
        const user = userActor(actor);
        const dispute = await tx.dispute.create({
          data: {
            claimId,
            details: body.details,
            products: (body.products ?? claimValuesOf(claim).products) as Prisma.InputJsonValue,
            openedById: user.userId,
            createdAt: now,
          },
        });
        disputeId = dispute.id;
        await appendEvents(tx, claimId, actor, now, [
          { type: "DISPUTE_OPENED", data: { disputeId: dispute.id, details: body.details } },
        ]);
      },
    };
  });
  return db.dispute.findUniqueOrThrow({ where: { id: disputeId } });
}

export async function resolveDispute(db: Db, actor: Actor, disputeId: string, input: unknown, options: ServiceOptions = {}) {
  const dispute = await db.dispute.findUnique({ where: { id: disputeId } });
  if (!dispute) throw new ClaimError("NOT_FOUND", "Dispute not found.");
  const parsed = resolveDisputeBodySchema.safeParse(input ?? {});
  const action: ClaimAction = parsed.success && parsed.data.outcome === "OVERTURN" ? "overturn-dispute" : "uphold-dispute";
  const reviewer = actor.kind === "user" ? actor.userId : null;
  await runTransition(db, actor, dispute.claimId, action, resolveDisputeBodySchema, input, options, ({ body, now, settings }) => ({
    data:
      body.outcome === "OVERTURN"
        ? {
            reviewerId: reviewer,
            reviewStartedAt: now,
            dueAt: stageDueAt("UNDER_REVIEW", now, settings),
            rejectionReason: null,
            rejectionComment: null,
            rejectedAt: null,
            decidedAt: null,
            overdue: false,
            // Back under review from scratch: nothing of an earlier request or approval still applies.
            reasonCodes: [],
            approvedAt: null,
            consentEndsAt: null,
            reviewDaysRemaining: null,
          }
        : {},
    events: [{ type: "DISPUTE_RESOLVED", data: { disputeId, outcome: body.outcome, comment: body.comment } }],
    also: async (tx) => {
      const resolved = await tx.dispute.updateMany({
        where: { id: disputeId, status: "OPEN" },
        data: {
          status: body.outcome === "OVERTURN" ? "OVERTURNED" : "UPHELD",
          resolvedAt: now,
          resolvedById: reviewer,
          comment: body.comment,
        },
      });
      if (resolved.count !== 1) throw new ClaimError("INVALID_TRANSITION", "This dispute was already resolved.");
      await postComment(actor, dispute.claimId, body.comment, now)(tx);
    },
  }));
  return db.dispute.findUniqueOrThrow({ where: { id: disputeId } });
}
