// The durations that status meanings and hints quote ("the review SLA is {reviewDays} business days"), taken
// from the SLA settings admins change (and the dispute window of the lifecycle), never written into the
// messages. Every message that quotes a duration receives this one object as its ICU arguments.
import { DISPUTE_WINDOW_CALENDAR_DAYS } from "@/lib/claims/catalogue";
import type { SlaSettings } from "@/lib/claims/sla";

// A type, not an interface: it must fit next-intl's Record<string, number> arguments.
export type SlaWording = {
  submittedDays: number;
  reviewDays: number;
  partnerDays: number;
  consentDays: number;
  disputeDays: number;
};

export function slaWording(settings: SlaSettings): SlaWording {
  return {
    submittedDays: settings.submittedBusinessDays,
    reviewDays: settings.underReviewBusinessDays,
    partnerDays: settings.partnerActionBusinessDays,
    consentDays: settings.consentCalendarDays,
    disputeDays: DISPUTE_WINDOW_CALENDAR_DAYS,
  };
}
