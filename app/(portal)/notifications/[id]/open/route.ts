import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { markNotificationRead } from "@/lib/notifications/inbox";

export const runtime = "nodejs";

/**
 * Opening a notification marks it read and lands on its claim (plain links: no prefetch marks anything); the
 * reviewers' overdue digest names many claims and lands on the review queue's overdue view.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const item = await markNotificationRead(getDb(), user.id, id).catch(() => null);
  if (item?.claimId) redirect(`/claims/${encodeURIComponent(item.claimId)}`);
  redirect(item?.type === "REVIEW_OVERDUE" ? "/review?overdue=true" : "/notifications");
}
