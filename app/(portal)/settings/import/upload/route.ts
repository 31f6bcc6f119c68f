// POST /settings/import/upload[?dryRun=true] — the Import page's upload: the raw CSV, streamed to the same
// service as POST /api/v1/claims/import, authorized by the session. The dry run's field errors come back in
// the partner's language (the API answers in English).
import { NextResponse } from "next/server";
import { fieldErrorMap } from "@/components/claims/action-errors";
import { actorOf, getCurrentUser } from "@/lib/auth/session";
import { dryRunImport, importClaims } from "@/lib/claims/service";
import { getDb } from "@/lib/db";
import { problem, problemFromError } from "@/lib/http/problem";
import { isSameOrigin } from "@/lib/http/same-origin";
import { markReadPrimary } from "@/lib/read-your-writes";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  if (!isSameOrigin(request)) return problem("FORBIDDEN", "Imports are accepted from the portal's own pages only.");
  const user = await getCurrentUser();
  if (!user) return problem("UNAUTHENTICATED", "Sign in to import claims.");
  const actor = actorOf(user);
  const body = request.body ?? "";
  try {
    if (new URL(request.url).searchParams.get("dryRun") === "true") {
      const result = await dryRunImport(getDb(), actor, body);
      const rows = await Promise.all(
        result.rows.map(async (row) => ({ ...row, errors: Object.entries(await fieldErrorMap(row.errors)).map(([path, message]) => ({ path, message })) })),
      );
      return Response.json({ ...result, rows }, { headers: { "Cache-Control": "no-store" } });
    }
    // The imported drafts are in the primary now: this browser's next lists read it (lib/read-your-writes.ts).
    return markReadPrimary(request, NextResponse.json(await importClaims(getDb(), actor, body), { status: 201, headers: { "Cache-Control": "no-store" } }));
  } catch (error) {
    return problemFromError(error);
  }
}
