import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { unreadCount } from "@/lib/notifications/inbox";

export const runtime = "nodejs";

/** The bell's count for the signed-in user (session cookie; the API's equivalent is GET /api/v1/notifications). */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ unread: 0 }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return Response.json({ unread: await unreadCount(getDb(), user.id) }, { headers: { "Cache-Control": "no-store" } });
}
