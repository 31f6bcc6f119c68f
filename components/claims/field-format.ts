import "server-only";
// One way to show a claim field's value as text (history diffs, the saved value after a stale edit, the
// read-only claim details), in the reader's language.
import { getTranslations } from "next-intl/server";
import { WORKLOADS, type ClaimField } from "@/lib/claims/catalogue";

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
  const label = (t: (key: never) => string, value: unknown) => {
    try {
      return t(String(value) as never);
    } catch {
      return String(value);
    }
  };
  const product = (p: Product) => {
    const name = p.kind === "WORKLOAD" && (WORKLOADS as readonly string[]).includes(p.name ?? "") ? tWorkload(p.name as never) : (p.name ?? "");
    return p.kind === "DYNAMICS" && p.subscriptionId ? `${name} (${p.subscriptionId})` : name;
  };
  const format: FieldFormatter = (field, value) => {
    if (value === null || value === undefined || value === "") return "";
    switch (field) {
      case "program":
        return label(tProgram as never, value);
      case "activity":
        return label(tActivity as never, value);
      case "solutionArea":
        return label(tArea as never, value);
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
