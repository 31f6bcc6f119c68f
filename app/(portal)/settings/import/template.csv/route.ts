// The Import page's template download (the same file as GET /api/v1/claims/import/template.csv).
import { getCurrentUser } from "@/lib/auth/session";
import { importTemplateCsv } from "@/lib/claims/import/import-format";
import { problem } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

export async function GET() {
  if (!(await getCurrentUser())) return problem("UNAUTHENTICATED", "Sign in to download the template.");
  return new Response(importTemplateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="claims-import-template.csv"',
      "Cache-Control": "no-store",
    },
  });
}
