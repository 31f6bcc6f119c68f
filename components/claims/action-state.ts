// What a claim page's server action answers, in a shape the client forms render (client-safe: types only).
import type { ClaimStatus } from "@/lib/claims/catalogue";

export interface ActionState {
  status: "idle" | "ok" | "error";
  /** Grows with every answer, so the form can tell two identical answers apart (and move focus again). */
  seq: number;
  /** One translated sentence for the summary at the top of the form. */
  message?: string;
  /** Field errors, translated, keyed by the form's field path (e.g. customer.tenantId, products.Power BI.subscriptionId). */
  errors?: Record<string, string>;
  /** What a successful action wants shown (e.g. the claim number a customer just declined). */
  data?: Record<string, string>;
  /** A stale edit: the claim changed since the form was opened. */
  conflict?: {
    version: number;
    status: ClaimStatus;
    /** The saved value of each top-level field that differs from what the user sent, formatted for reading. */
    saved: Record<string, string>;
  };
}

export const IDLE: ActionState = { status: "idle", seq: 0 };

/** A claim form's request: the fields to send and the version the user edited. */
export interface ClaimFormPayload {
  version?: number;
  input: Record<string, unknown>;
}
