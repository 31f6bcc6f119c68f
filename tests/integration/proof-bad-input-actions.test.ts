// Proof suite, "bad input" for the portal's server actions: fast-check sends hostile payloads and form fields
// (wrong types, nulls, huge and unicode strings, extra fields, prototype keys) to every server action that
// validates input, called in-process as the signed-in user. An action must answer with its form state (or
// Next's redirect / not-found), never throw and never answer the generic "Something went wrong" (what the
// browser would show for a 500); a refused action writes nothing. As in proof-isolation.test.ts, only the
// session lookup (getServerSession), next-intl's request-bound helpers and revalidatePath are stubbed.
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { claimIn, createWorld, type BuiltClaim, type TestUser, type World } from "../fixtures/claims";
import { IDLE, type ActionState } from "../../components/claims/action-state";
import { recordProof } from "../proof/report";
import { claimBody, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { changedTables, dbFingerprint } from "./proof-helpers";
import { pgAvailable } from "./test-db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { loadMessages } = await import("../../messages");
  const messages = await loadMessages("en");
  return {
    getLocale: async () => "en",
    getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages, namespace: namespace as never }),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined }));

const RUNS_PER_ACTION = 120;
const GENERIC_FAILURE = "Something went wrong";

const nasty = fc.constantFrom("", " ", "\u0000", "\uFEFF\u202E", "😀".repeat(5_000), "x".repeat(100_000), "<script>alert(1)</script>", "=1+1", "__proto__", "NaN", "-1", "1e309", "2026-02-30");
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: "grapheme", maxLength: 30 }), nasty);
const key = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf"));
const { value: anything } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(key, tie("value"), { maxKeys: 3 })),
}));
/** An object with the given fields (each maybe missing), hostile values, and maybe extra or prototype keys. */
const shaped = (fields: string[]) =>
  fc.tuple(fc.subarray(fields), fc.array(anything, { minLength: fields.length, maxLength: fields.length }), fc.dictionary(key, anything, { maxKeys: 2 })).map(([chosen, values, extra]) => ({
    ...extra,
    ...Object.fromEntries(chosen.map((name) => [name, values[fields.indexOf(name)]])),
  }));
/** Form fields: FormData carries strings only (and repeated names). */
const formOf = (fields: string[]) =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fields), key), text), { maxLength: 6 }).map((pairs) => {
    const form = new FormData();
    for (const [name, value] of pairs) form.append(name, value);
    return form;
  });

describe.skipIf(!pgAvailable)("proof · bad input: hostile payloads to every validating server action (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  const claims = {} as Record<"EDITING" | "SUBMITTED" | "UNDER_REVIEW" | "PARTNER_ACTION_REQUIRED" | "APPROVED" | "REJECTED" | "DISPUTED", BuiltClaim>;
  let tried = 0;
  let held = 0;

  beforeAll(async () => {
    env = await startApiTestEnv();
    process.env.WEBHOOKS_ALLOW_INSECURE = "1";
    w = await createWorld(env.t.db);
    for (const target of Object.keys({ EDITING: 1, SUBMITTED: 1, UNDER_REVIEW: 1, PARTNER_ACTION_REQUIRED: 1, APPROVED: 1, REJECTED: 1, DISPUTED: 1 }) as (keyof typeof claims)[]) {
      claims[target] = await claimIn(env.t.db, w, target, { start: new Date(Date.now() - 3 * 86_400_000) });
    }
  });
  afterAll(async () => {
    delete process.env.WEBHOOKS_ALLOW_INSECURE;
    session.current = null;
    if (tried) recordProof({ category: "bad-input", subject: "hostile payloads and form fields × server actions (in-process)", tried, held });
    await stopApiTestEnv(env);
  });

  function signIn(user: TestUser) {
    session.current = { user: { id: user.id, sid: randomUUID(), sessionEndsAt: Date.now() + 3_600_000, sessionVersion: 0 }, expires: new Date(Date.now() + 3_600_000).toISOString() };
  }

  const claimActions = () => import("../../app/(portal)/claims/[id]/actions");
  const reviewerActions = () => import("../../app/(portal)/claims/[id]/reviewer-actions");
  const DECISION = ["reasonCodes", "reason", "comment", "outcome", "email"];
  const id = (target: keyof typeof claims) => claims[target].claim.id;
  const version = (target: keyof typeof claims) => claims[target].claim.version;

  /** Each validating action: who calls it, and a property input → the call. */
  const ACTIONS: Record<string, { as: () => TestUser; input: fc.Arbitrary<unknown>; run: (input: never) => Promise<unknown> }> = {
    createClaimAction: {
      as: () => w.partnerA,
      input: fc.oneof(shaped(Object.keys(claimBody("1"))), fc.tuple(fc.constantFrom(...Object.keys(claimBody("1"))), anything).map(([field, bad]) => ({ ...claimBody(w.orgA.mpnIds[0]), [field]: bad }))),
      run: async (input: Record<string, unknown>) => (await import("../../app/(portal)/claims/new/actions")).createClaimAction(IDLE, { input }),
    },
    updateClaimAction: {
      as: () => w.partnerA,
      input: fc.tuple(fc.oneof(fc.constant(1), anything), shaped(["commentary", "customer", "products", "customerContact", "partnerContact", "program", "activity", "mpnId"])),
      run: async ([v, input]: [unknown, Record<string, unknown>]) => (await claimActions()).updateClaimAction(id("EDITING"), IDLE, { version: v as number, input }),
    },
    addCommentAction: { as: () => w.partnerA, input: shaped(["text"]), run: async (p: object) => (await claimActions()).addCommentAction(id("SUBMITTED"), IDLE, p) },
    openDisputeAction: { as: () => w.partnerA, input: shaped(["text", "details"]), run: async (p: object) => (await claimActions()).openDisputeAction(id("REJECTED"), IDLE, p as never) },
    resubmitClaimAction: { as: () => w.partnerA, input: shaped(["text"]), run: async (p: object) => (await claimActions()).resubmitClaimAction(id("PARTNER_ACTION_REQUIRED"), version("PARTNER_ACTION_REQUIRED"), IDLE, p) },
    withdrawClaimAction: { as: () => w.partnerA, input: shaped(["text", "withdrawReason"]), run: async (p: object) => (await claimActions()).withdrawClaimAction(id("SUBMITTED"), version("SUBMITTED"), IDLE, p) },
    requestInfoAction: { as: () => w.reviewer, input: shaped(DECISION), run: async (p: object) => (await reviewerActions()).requestInfoAction(id("UNDER_REVIEW"), version("UNDER_REVIEW"), IDLE, p) },
    approveAction: { as: () => w.reviewer, input: shaped(DECISION), run: async (p: object) => (await reviewerActions()).approveAction(id("UNDER_REVIEW"), version("UNDER_REVIEW"), IDLE, p) },
    rejectAction: { as: () => w.reviewer, input: shaped(DECISION), run: async (p: object) => (await reviewerActions()).rejectAction(id("UNDER_REVIEW"), version("UNDER_REVIEW"), IDLE, p) },
    resolveDisputeAction: {
      as: () => w.reviewer,
      input: shaped(DECISION),
      run: async (p: object) => (await reviewerActions()).resolveDisputeAction(id("DISPUTED"), claims.DISPUTED.claim.dispute!.id, IDLE, p),
    },
    addNoteAction: { as: () => w.reviewer, input: shaped(["body"]), run: async (p: object) => (await reviewerActions()).addNoteAction(id("SUBMITTED"), IDLE, p) },
    resendConsentAction: { as: () => w.reviewer, input: shaped(DECISION), run: async (p: object) => (await reviewerActions()).resendConsentAction(id("APPROVED"), version("APPROVED"), IDLE, p) },
    createKeyAction: { as: () => w.partnerA, input: formOf(["name", "expiresInDays"]), run: async (f: FormData) => (await import("../../app/(portal)/settings/api-keys/actions")).createKeyAction({ status: "idle" } as never, f) },
    createWebhookAction: { as: () => w.partnerA, input: formOf(["url", "events"]), run: async (f: FormData) => (await import("../../app/(portal)/settings/webhooks/actions")).createWebhookAction({ status: "idle" } as never, f) },
    createUserAction: { as: () => w.admin, input: formOf(["email", "name", "role", "organizationId"]), run: async (f: FormData) => (await import("../../app/(portal)/admin/users/actions")).createUserAction({ ok: true, seq: 0 } as never, f) },
    updateUserAction: { as: () => w.admin, input: formOf(["userId", "intent", "role"]), run: async (f: FormData) => (await import("../../app/(portal)/admin/users/actions")).updateUserAction({ ok: true, seq: 0 } as never, f) },
    createOrganizationAction: { as: () => w.admin, input: formOf(["name", "mpnIds"]), run: async (f: FormData) => (await import("../../app/(portal)/admin/organizations/actions")).createOrganizationAction({ ok: true, seq: 0 } as never, f) },
    updateOrganizationAction: {
      as: () => w.admin,
      input: formOf(["organizationId", "name", "addMpnIds", "retire"]),
      run: async (f: FormData) => (await import("../../app/(portal)/admin/organizations/actions")).updateOrganizationAction({ ok: true, seq: 0 } as never, f),
    },
    saveSlaSettings: { as: () => w.admin, input: formOf(["timeZone", "reviewDays", "partnerDays", "consentDays"]), run: async (f: FormData) => (await import("../../app/(portal)/admin/settings/actions")).saveSlaSettings({} as never, f) },
    addHolidayAction: { as: () => w.admin, input: formOf(["date", "name"]), run: async (f: FormData) => (await import("../../app/(portal)/admin/settings/actions")).addHolidayAction({} as never, f) },
  };

  it("regressions the fuzzing found: a non-string decision comment, U+0000 in a note or a key name", async () => {
    signIn(w.reviewer);
    const before = await dbFingerprint(env.t.db);
    const approve = (await reviewerActions()).approveAction(id("UNDER_REVIEW"), version("UNDER_REVIEW"), IDLE, { comment: -405478820 as never });
    await expect(approve).resolves.toMatchObject({ status: "error" });
    expect(JSON.stringify(await approve)).not.toContain(GENERIC_FAILURE);
    const note = await (await reviewerActions()).addNoteAction(id("SUBMITTED"), IDLE, { body: "\u0000" });
    expect(note).toMatchObject({ status: "error" });
    expect(JSON.stringify(note)).not.toContain(GENERIC_FAILURE);
    expect(changedTables(before, await dbFingerprint(env.t.db))).toEqual([]);
    signIn(w.partnerA);
    const form = new FormData();
    form.set("name", "CI\u0000 key");
    const created = await (await import("../../app/(portal)/settings/api-keys/actions")).createKeyAction({ status: "idle" } as never, form);
    expect(created).toMatchObject({ status: "created", name: "CI key" });
  });

  it("fuzzes at least 2,000 action calls", () => {
    expect(Object.keys(ACTIONS).length * RUNS_PER_ACTION).toBeGreaterThanOrEqual(2_000);
  });

  for (const [name, action] of Object.entries(ACTIONS)) {
    it(`${name}: answers a form state, never a generic failure; a refusal writes nothing`, async () => {
      signIn(action.as());
      let before = await dbFingerprint(env.t.db);
      await fc.assert(
        fc.asyncProperty(action.input, async (input) => {
          tried++;
          let state: unknown;
          try {
            state = await action.run(input as never);
          } catch (error) {
            const digest = (error as { digest?: string }).digest ?? "";
            // Next's own control flow (a redirect after success, the not-found page) is an answer, not a failure.
            if (!digest.startsWith("NEXT_")) throw error;
            state = { digest };
          }
          const after = await dbFingerprint(env.t.db);
          const changed = changedTables(before, after);
          before = after;
          const text = JSON.stringify(state) ?? "";
          expect(text, `${name} answered the generic failure`).not.toContain(GENERIC_FAILURE);
          const refused = (state as Partial<ActionState> | undefined)?.status === "error" || (state as { ok?: boolean } | undefined)?.ok === false;
          if (refused) expect(changed, `${name} refused (${text.slice(0, 200)}) but changed tables`).toEqual([]);
          held++;
        }),
        { numRuns: RUNS_PER_ACTION, endOnFailure: true },
      );
      // Generous: a timed-out property would keep calling in the background and spoil the next one's snapshots.
    }, 300_000);
  }
});
