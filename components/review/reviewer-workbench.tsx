// The reviewer's and admin's panels on a claim page (issue 11): who holds the claim (with take-over),
// the competing claims side by side, and the internal notes. Server components reading through the read
// side (claim-reads), so each panel is authorized like the claim; the decisions stay in ReviewerPanel,
// whose buttons the holder rule (lifecycle) already narrows to the holder.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ActionState } from "@/components/claims/action-state";
import { competingClaimsOf, notesOf, type CompetingClaim } from "@/lib/claims/claim-reads";
import type { Actor } from "@/lib/claims/lifecycle";
import { getDb } from "@/lib/db";
import { NoteForm, TakeOverForm } from "./workbench-forms";

export async function HolderPanel(props: {
  holder: { id: string; name: string } | null;
  viewerId: string;
  /** Bound server action when the viewer may take the claim over now (policy.availableActions), else absent. */
  takeOver?: (prev: ActionState) => Promise<ActionState>;
}) {
  const t = await getTranslations("workbench");
  const text = !props.holder
    ? t("unheld")
    : props.holder.id === props.viewerId
      ? t("heldByYou")
      : t("heldBy", { name: props.holder.name });
  return (
    <section aria-labelledby="holder-title" className="space-y-2 rounded border border-slate-200 bg-white p-4" data-testid="holder-panel">
      <h2 id="holder-title" className="text-lg font-semibold">
        {t("holderTitle")}
      </h2>
      <p data-testid="holder-text">{text}</p>
      {props.takeOver ? <TakeOverForm action={props.takeOver} /> : null}
    </section>
  );
}

export async function CompetingClaimsPanel(props: { claims: CompetingClaim[]; formatInstant: (d: Date) => string }) {
  const [t, tStatus] = await Promise.all([getTranslations("workbench"), getTranslations("status")]);
  return (
    <section aria-labelledby="competing-title" className="space-y-2 rounded border border-amber-300 bg-amber-50 p-4" data-testid="competing-claims">
      <h2 id="competing-title" className="text-lg font-semibold">
        {t("competingTitle")}
      </h2>
      <p className="text-sm text-slate-700">{t("competingIntro")}</p>
      {props.claims.length === 0 ? (
        <p className="text-sm" data-testid="competing-none">
          {t("competingNone")}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full bg-white text-left text-sm">
            <thead className="bg-slate-100 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("competingClaim")}</th>
                <th scope="col" className="px-3 py-2">{t("competingOrganization")}</th>
                <th scope="col" className="px-3 py-2">{t("competingStatus")}</th>
                <th scope="col" className="px-3 py-2">{t("competingProducts")}</th>
                <th scope="col" className="px-3 py-2">{t("competingSubmitted")}</th>
                <th scope="col" className="px-3 py-2">{t("competingUpdated")}</th>
              </tr>
            </thead>
            <tbody>
              {props.claims.map((claim) => (
                <tr key={claim.id} className="border-t border-slate-100" data-testid="competing-row">
                  <td className="px-3 py-2">
                    <Link href={`/claims/${encodeURIComponent(claim.id)}`} className="font-mono text-blue-700 underline">
                      {claim.number}
                    </Link>
                  </td>
                  <td className="px-3 py-2" data-testid="competing-organization">{claim.organizationName}</td>
                  <td className="px-3 py-2">{tStatus(claim.status)}</td>
                  <td className="px-3 py-2">{claim.sharedProducts.join(", ")}</td>
                  <td className="whitespace-nowrap px-3 py-2">{claim.submittedAt ? props.formatInstant(claim.submittedAt) : "—"}</td>
                  <td className="whitespace-nowrap px-3 py-2">{props.formatInstant(claim.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export async function NotesPanel(props: {
  notes: { id: string; body: string; author: { name: string }; createdAt: string }[];
  formatInstant: (d: Date) => string;
  /** Reviewers write; admins only read (no form). */
  addNote?: (prev: ActionState, payload: { body: string }) => Promise<ActionState>;
}) {
  const t = await getTranslations("workbench");
  return (
    <section aria-labelledby="notes-title" className="space-y-3 rounded border border-slate-300 bg-slate-50 p-4" data-testid="notes-panel">
      <h2 id="notes-title" className="text-lg font-semibold">
        {t("notesTitle")}
      </h2>
      <p className="text-sm text-slate-700">{t("notesIntro")}</p>
      {props.notes.length === 0 ? (
        <p className="text-sm">{t("notesEmpty")}</p>
      ) : (
        <ol className="space-y-2">
          {props.notes.map((note) => (
            <li key={note.id} className="rounded border border-slate-200 bg-white p-3" data-testid="note">
              <p className="text-sm text-slate-600">
                {note.author.name} · <time dateTime={note.createdAt}>{props.formatInstant(new Date(note.createdAt))}</time>
              </p>
              <p className="whitespace-pre-wrap break-words">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      {props.addNote ? <NoteForm action={props.addNote} /> : null}
    </section>
  );
}

/**
 * Everything the workbench adds to a claim page for staff, in one element so the claim page carries one hunk:
 * reviewers get the holder panel (with take-over when policy offers it), competing claims and notes with a
 * form; admins read competing claims and notes. Partners get nothing (the caller renders this for staff only,
 * and every read below refuses partners again).
 */
export async function ReviewerWorkbench(props: {
  /** The claim as the page found it visible (findVisibleClaim): the panels read off it, not find it again. */
  claim: { id: string; reviewer: { id: string; name: string } | null; products: { conflictKey: string; name: string }[] };
  actor: Actor;
  viewerId: string;
  canTakeOver: boolean;
  formatInstant: (d: Date) => string;
  takeOver: (prev: ActionState) => Promise<ActionState>;
  addNote: (prev: ActionState, payload: { body: string }) => Promise<ActionState>;
}) {
  const db = getDb();
  const isReviewer = props.actor.kind === "user" && props.actor.role === "REVIEWER";
  const [competing, notes] = await Promise.all([
    competingClaimsOf(db, props.actor, props.claim),
    notesOf(db, props.actor, props.claim.id),
  ]);
  return (
    <>
      {isReviewer ? (
        <HolderPanel holder={props.claim.reviewer} viewerId={props.viewerId} takeOver={props.canTakeOver ? props.takeOver : undefined} />
      ) : null}
      <CompetingClaimsPanel claims={competing} formatInstant={props.formatInstant} />
      <NotesPanel notes={notes} formatInstant={props.formatInstant} addNote={isReviewer ? props.addNote : undefined} />
    </>
  );
}
