import "server-only";
// One way to show a claim field's value as text (history diffs, the saved value after a stale edit, the
// read-only claim details), in the reader's language.
import { getTranslations } from "next-intl/server";
import { oneOf, WORKLOAD_KEYS } from "@/i18n/message-keys";
import { ACTIVITIES, PROGRAMS, SOLUTION_AREAS, type ClaimField } from "@/lib/claims/catalogue";

export type FieldFormatter = (field: ClaimField | string, value: unknown) => string;

type Contact = { name?: string; title?: string; email?: string; phone?: string };
type Product = { kind?: string; name?: string; subscriptionId?: string | null };

export async function getFieldFormatter(): Promise<{
  format: FieldFormatter;
  product: (p: Product) => string;
}> {
  const [tProgram, tActivity, tArea, tWorkload] = await Promise.all([
    getTranslations("program"),
    getTranslations("activity"),
    getTranslations("solutionArea"),
    getTranslations("workload"),
  ]);
  const product = (p: Product) => {
    const workload = p.kind === "WORKLOAD" ? oneOf(WORKLOAD_KEYS, p.name) : undefined;
    const name = workload ? tWorkload(workload) : (p.name ?? "");
    return p.kind === "DYNAMICS" && p.subscriptionId ? `${name} (${p.subscriptionId})` : name;
  };
  const format: FieldFormatter = (field, value) => {
    if (value === null || value === undefined || value === "") return "";
    switch (field) {
      // A stored value outside today's list (an older code) is shown as it is.
      case "program": {
        const program = oneOf(PROGRAMS, value);
        return program ? tProgram(program) : String(value);
      }
      case "activity": {
        const activity = oneOf(ACTIVITIES, value);
        return activity ? tActivity(activity) : String(value);
      }
      case "solutionArea": {
        const area = oneOf(SOLUTION_AREAS, value);
        return area ? tArea(area) : String(value);
      }
      case "customer": {
        const c = value as { tenantId?: string; domain?: string; name?: string };
        return `${c.name ?? ""} (${c.domain ?? ""}) — ${c.tenantId ?? ""}`;
      }
      case "products":
        return Array.isArray(value) ? (value as Product[]).map(product).join("; ") : String(value);
      case "customerContact":
      case "partnerContact": {
        const c = value as Contact;
        return [c.name, c.title, c.email, c.phone].filter(Boolean).join(", ");
      }
      default:
        return typeof value === "string" ? value : JSON.stringify(value);
    }
  };
  return { format, product };
}
