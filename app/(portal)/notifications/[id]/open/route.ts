import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { markNotificationRead } from "@/lib/notifications/inbox";

export const runtime = "nodejs";

/** Opening a notification marks it read and lands on its claim (plain links: no prefetch marks anything). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const item = await markNotificationRead(getDb(), user.id, id).catch(() => null);
  redirect(item?.claimId ? `/claims/${encodeURIComponent(item.claimId)}` : "/notifications");
}
