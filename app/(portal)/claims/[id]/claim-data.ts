import "server-only";
// The claim a page shows, read once per request (the page and its metadata share it). A claim the user may
// not see is not found — exactly like a claim that does not exist.
import { notFound } from "next/navigation";
import { cache } from "react";
import { actorOf, requireUser } from "@/lib/auth/session";
import { isClaimError } from "@/lib/claims/errors";
import { findVisibleClaim } from "@/lib/claims/find-visible-claim";
import { getDb } from "@/lib/db";

export const loadClaimForPage = cache(async (claimId: string) => {
  const user = await requireUser();
  const actor = actorOf(user);
  try {
    const claim = await findVisibleClaim(getDb(), actor, claimId);
    return { user, actor, claim };
  } catch (error) {
    if (isClaimError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
