import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { oneOf, ROLE_KEYS } from "@/i18n/message-keys";

export interface CommentItem {
  id: string;
  body: string;
  author: { name: string; role: string };
  createdAt: string;
}

/**
 * The comment thread between the partner and the PoE reviewer, oldest first (a conversation). Comments are
 * plain text: React escapes them; line breaks are kept with CSS.
 */
export async function CommentsThread(props: {
  comments: CommentItem[];
  formatInstant: (d: string) => string;
  form: ReactNode;
  /** Where the comments before these are shown; absent when these reach back to the first comment. */
  earlierHref?: string;
  /** Where the latest comments are shown, when this is an earlier window. */
  latestHref?: string;
}) {
  const [t, tRoles] = await Promise.all([getTranslations("claimComments"), getTranslations("roles")]);
  const roleLabel = (role: string) => {
    const key = oneOf(ROLE_KEYS, role);
    return key ? tRoles(key) : role;
  };
  return (
    <section aria-labelledby="comments-title" className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="comments-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {props.earlierHref ? (
        <p className="text-sm">
          <Link href={props.earlierHref} className="text-blue-700 underline" data-testid="comments-earlier">
            {t("earlier")}
          </Link>
        </p>
      ) : null}
      {props.comments.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ol className="space-y-3" data-testid="comments">
          {props.comments.map((c) => {
            const fromPartner = c.author.role === "PARTNER_ADMIN" || c.author.role === "PARTNER_BILLING";
            return (
              <li
                key={c.id}
                data-testid="comment"
                className={`rounded border p-3 ${fromPartner ? "border-slate-200 bg-slate-50" : "border-indigo-200 bg-indigo-50"}`}
              >
                <p className="flex flex-wrap justify-between gap-x-4 text-sm">
                  <span className="font-medium" data-testid="comment-author">
                    {t("by", { name: c.author.name, role: roleLabel(c.author.role) })}
                  </span>
                  <time dateTime={c.createdAt} className="text-slate-600">
                    {props.formatInstant(c.createdAt)}
                  </time>
                </p>
                <p className="mt-1 whitespace-pre-wrap break-words" data-testid="comment-body">
                  {c.body}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {props.latestHref ? (
        <p className="text-sm">
          <Link href={props.latestHref} className="text-blue-700 underline" data-testid="comments-latest">
            {t("latest")}
          </Link>
        </p>
      ) : null}
      {props.form}
    </section>
  );
}
