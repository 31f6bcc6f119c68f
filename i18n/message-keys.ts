// Typed message keys for values that come from data (a stored role, a product name, a history event's
// action): a value is narrowed to one of a known list before it is used as a key, and each list is checked
// against the English messages with `satisfies`, so a missing message fails `tsc` instead of a cast hiding it.
import { CLAIM_STATUSES, USER_ROLES, WORKLOADS } from "@/lib/claims/catalogue";
import { CLAIM_ACTIONS } from "@/lib/claims/lifecycle";
import type { Messages } from "@/messages";

/** `value` if it is one of `keys`, else undefined. */
export function oneOf<const K extends string>(keys: readonly K[], value: unknown): K | undefined {
  return (keys as readonly unknown[]).includes(value) ? (value as K) : undefined;
}

/** Every role an event or comment may name (people's roles plus the customer and the system). */
export const ROLE_KEYS = [...USER_ROLES, "CUSTOMER", "SYSTEM"] as const satisfies readonly (keyof Messages["roles"])[];

export const WORKLOAD_KEYS = WORKLOADS satisfies readonly (keyof Messages["workload"])[];
export const STATUS_KEYS = CLAIM_STATUSES satisfies readonly (keyof Messages["status"])[];

/** The history's name of each lifecycle action (claimHistory.action_<action>). */
export const HISTORY_ACTION_KEYS = CLAIM_ACTIONS.map((action) => `action_${action}` as const) satisfies readonly (keyof Messages["claimHistory"])[];
