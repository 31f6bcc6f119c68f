// What the admin console's server actions answer, in a shape the client forms render (client-safe).
import { isClaimError } from "../claims/errors";

export interface AdminFormState {
  ok: boolean;
  /** Grows with every answer so two identical answers still re-render. */
  seq: number;
  message?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

export const ADMIN_FORM_IDLE: AdminFormState = { ok: false, seq: 0 };

/** Expected errors become the form's state; anything else is a real failure and propagates. */
export function adminFormError(error: unknown, previous: AdminFormState, values?: Record<string, string>): AdminFormState {
  if (!isClaimError(error)) throw error;
  return {
    ok: false,
    seq: previous.seq + 1,
    message: error.message,
    errors: Object.fromEntries((error.errors ?? []).map((e) => [e.path, e.message])),
    values,
  };
}
