import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CLAIM_FIELDS, INFO_REQUEST_REASONS, REJECTION_REASONS, type ClaimField } from "@/lib/claims/catalogue";
import type { HistoryItem } from "@/lib/claims/claim-reads";
import { CLAIM_EVENT_TYPES } from "@/lib/claims/events";
import { formatBytes } from "@/lib/claims/upload-poe";
import { HISTORY_ACTION_KEYS, oneOf, ROLE_KEYS, STATUS_KEYS } from "@/i18n/message-keys";
import type { FieldFormatter } from "./field-format";

type Data = Record<string, unknown>;

const actionKey = (action: unknown) => oneOf(HISTORY_ACTION_KEYS, `action_${String(action)}`);

function isField(value: unknown): value is ClaimField {
  return (CLAIM_FIELDS as readonly string[]).includes(String(value));
}

/** Comments are shown whole in the comment thread: the history names each with its opening words only. */
const COMMENT_EXCERPT_CHARS = 120;
const excerpt = (text: string) => (text.length > COMMENT_EXCERPT_CHARS ? `${text.slice(0, COMMENT_EXCERPT_CHARS).trimEnd()}…` : text);

/**
 * A window of a claim's events (claim-history.ts), newest first: what happened, who (name and role), when, and its details — field
 * edits as old → new per field, status changes with their reasons and comment, files with size and SHA-256.
 * Text written by people (comments, reasons) is rendered as text, never as HTML.
 */
export async function HistoryList(props: {
  items: HistoryItem[];
  format: FieldFormatter;
  formatInstant: (d: Date | string) => string;
  /** Where the events older than these are shown; absent when these reach back to the first event. */
  olderHref?: string;
  /** Where the latest events are shown, when this is an older window. */
  latestHref?: string;
}) {
  const [t, tRoles, tStatus, tField, tReasons] = await Promise.all([
    getTranslations("claimHistory"),
    getTranslations("roles"),
    getTranslations("status"),
    getTranslations("claimFields"),
    getTranslations("claimReasons"),
  ]);
  const items = [...props.items].reverse();
  if (items.length === 0) return <p>{t("empty")}</p>;
  const empty = <span className="italic text-slate-500">{t("emptyValue")}</span>;
  const value = (field: string, v: unknown) => {
    const text = props.format(field, v);
    return text ? <span className="whitespace-pre-wrap break-words">{text}</span> : empty;
  };
  const infoReason = (code: unknown) => {
    const known = oneOf(INFO_REQUEST_REASONS, code);
    return known ? tReasons(`info.${known}.label`) : String(code);
  };
  const rejectionReason = (code: unknown) => {
    const known = oneOf(REJECTION_REASONS, code);
    return known ? tReasons(`rejection.${known}.label`) : String(code);
  };
  const roleLabel = (role: string) => {
    const key = oneOf(ROLE_KEYS, role);
    return key ? tRoles(key) : role;
  };

  function details(item: HistoryItem) {
    const data = (item.data ?? {}) as Data;
    switch (item.type) {
      case "FIELDS_UPDATED":
      case "CLAIM_CREATED": {
        const rows =
          item.type === "FIELDS_UPDATED"
            ? (item.changes ?? []).map((c) => ({ field: c.field, from: c.from, to: c.to, showFrom: true }))
            : Object.entries((data.values ?? {}) as Data).map(([field, to]) => ({ field, from: undefined, to, showFrom: false }));
        if (rows.length === 0) return null;
        return (
          <table className="mt-2 w-full table-fixed text-left text-sm">
            <caption className="sr-only">{item.type === "FIELDS_UPDATED" ? t("FIELDS_UPDATED") : t("initialValues")}</caption>
            <thead className="text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="w-1/4 py-1 pr-2">
                  {t("field")}
                </th>
                {item.type === "FIELDS_UPDATED" ? (
                  <th scope="col" className="py-1 pr-2">
                    {t("oldValue")}
                  </th>
                ) : null}
                <th scope="col" className="py-1">
                  {t("newValue")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.field} className="border-t border-slate-100 align-top" data-testid="history-change" data-field={row.field}>
                  <th scope="row" className="py-1 pr-2 font-medium">
                    {isField(row.field) ? tField(row.field) : row.field}
                  </th>
                  {row.showFrom ? (
                    <td className="py-1 pr-2 text-slate-700" data-testid="history-from">
                      <del className="no-underline">{value(row.field, row.from)}</del>
                    </td>
                  ) : null}
                  <td className="py-1" data-testid="history-to">
                    {row.showFrom ? <span aria-hidden="true">→ </span> : null}
                    {value(row.field, row.to)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      }
      case "STATUS_CHANGED": {
        const codes = Array.isArray(data.reasonCodes) ? (data.reasonCodes as unknown[]) : [];
        const action = actionKey(data.action);
        return (
          <div className="mt-1 space-y-1 text-sm">
            <p>
              {item.fromStatus && item.toStatus
                ? t("statusChange", { from: tStatus(item.fromStatus), to: tStatus(item.toStatus) })
                : null}
              {action ? <span className="text-slate-600"> · {t(action)}</span> : null}
            </p>
            {codes.length ? <p>{t("reasonCodes", { reasons: codes.map(infoReason).join(", ") })}</p> : null}
            {data.rejectionReason ? <p>{t("rejectionReason", { reason: rejectionReason(data.rejectionReason) })}</p> : null}
            {typeof data.comment === "string" ? <p className="whitespace-pre-wrap break-words">{t("comment", { comment: data.comment })}</p> : null}
          </div>
        );
      }
      case "POE_UPLOADED":
        return (
          <p className="mt-1 break-all text-sm">
            {t("file", { name: String(data.fileName ?? ""), size: formatBytes(Number(data.size ?? 0)), sha256: String(data.sha256 ?? "") })}
          </p>
        );
      case "COMMENT_ADDED":
        return <p className="mt-1 whitespace-pre-wrap break-words text-sm">{excerpt(String(data.body ?? ""))}</p>;
      case "SLA_OVERDUE":
      case "REMINDER_QUEUED": {
        const stage = oneOf(STATUS_KEYS, data.stage);
        return (
          <p className="mt-1 text-sm">
            {stage ? `${tStatus(stage)} · ` : ""}
            {typeof data.dueAt === "string" ? t("dueAt", { date: props.formatInstant(data.dueAt) }) : null}
          </p>
        );
      }
      case "CONSENT_REQUESTED":
        return typeof data.consentEndsAt === "string" ? (
          <p className="mt-1 text-sm">{t("consentEndsAt", { date: props.formatInstant(data.consentEndsAt) })}</p>
        ) : null;
      case "CONSENT_DENIED":
        return typeof data.reason === "string" ? <p className="mt-1 whitespace-pre-wrap text-sm">{t("reason", { reason: data.reason })}</p> : null;
      case "CONSENT_RESENT":
        return <p className="mt-1 break-all text-sm">{t("consentResent", { from: String(data.fromEmail ?? ""), to: String(data.toEmail ?? "") })}</p>;
      case "DISPUTE_OPENED":
        return <p className="mt-1 whitespace-pre-wrap break-words text-sm">{t("details", { details: String(data.details ?? "") })}</p>;
      case "DISPUTE_RESOLVED":
        return (
          <div className="mt-1 text-sm">
            <p>{data.outcome === "OVERTURN" ? t("outcomeOVERTURN") : t("outcomeUPHOLD")}</p>
            {typeof data.comment === "string" ? <p className="whitespace-pre-wrap break-words">{t("comment", { comment: data.comment })}</p> : null}
          </div>
        );
      case "CLAIM_TAKEN_OVER": {
        const from = data.from as { name?: string } | null | undefined;
        const to = data.to as { name?: string } | undefined;
        return (
          <p className="mt-1 text-sm">
            {from?.name ? t("takenOverFrom", { from: from.name, to: to?.name ?? "" }) : t("takenOverUnheld", { to: to?.name ?? "" })}
          </p>
        );
      }
      default:
        return null;
    }
  }

  const known = new Set<string>(CLAIM_EVENT_TYPES);

  const link = "text-blue-700 underline";
  return (
    <>
      {props.latestHref ? (
        <p className="mb-3 text-sm">
          <Link href={props.latestHref} className={link} data-testid="history-latest">
            {t("latestEvents")}
          </Link>
        </p>
      ) : null}
      <ol className="space-y-3" data-testid="history-list">
        {items.map((item) => (
          <li key={item.id} className="rounded border border-slate-200 p-3" data-testid="history-item" data-type={item.type}>
            <div className="flex flex-wrap items-baseline justify-between gap-x-4">
              <p className="font-medium">{known.has(item.type) ? t(item.type as "CLAIM_CREATED") : t("unknown")}</p>
              <time dateTime={item.at} className="text-sm text-slate-600">
                {props.formatInstant(item.at)}
              </time>
            </div>
            <p className="text-sm text-slate-700" data-testid="history-actor">
              {t("actor", { name: item.actor.name, role: roleLabel(item.actor.role) })}
            </p>
            {details(item)}
          </li>
        ))}
      </ol>
      {props.olderHref ? (
        <p className="mt-3 text-sm">
          <span className="text-slate-600">{t("windowNote")}</span>{" "}
          <Link href={props.olderHref} className={link} data-testid="history-older">
            {t("olderEvents")}
          </Link>
        </p>
      ) : null}
    </>
  );
}
