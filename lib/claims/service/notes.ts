// Internal notes: reviewers write, reviewers and admins read (policy.canReadNotes / canWriteNotes; the read is
// claim-reads.listNotes). A note is not a change of the claim: no version bump, no history event, no
// notification, nothing a partner can reach.
import type { Db } from "../../db";
import { ClaimError } from "../errors";
import { findClaimForNotes } from "../find-visible-claim";
import type { Actor } from "../lifecycle";
import { canWriteNotes } from "../policy";
import { noteBodySchema } from "../schemas";
import { parseInput, userActor, type ServiceOptions } from "./steps";

/** Visibility (404) → partners 404 → role (admins read only: 403) → body (422). */
export async function addNote(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  await findClaimForNotes(db, actor, claimId);
  if (!canWriteNotes(actor)) throw new ClaimError("FORBIDDEN", "Only reviewers write internal notes; admins read them.");
  const { body } = parseInput(noteBodySchema, input);
  const author = userActor(actor);
  return db.claimNote.create({
    data: { claimId, authorId: author.userId, body, createdAt: options.now ?? new Date() },
    include: { author: { select: { id: true, name: true } } },
  });
}
