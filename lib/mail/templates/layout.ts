// The one layout every email uses: a template fills a MailContent with PLAIN text; this file alone writes HTML,
// escaping every string it is given, so user text (comments, names) can never inject markup.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { enGB, fr } from "date-fns/locale";
import type { Language } from "../../notifications/catalogue";

export interface MailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Someone's own words (a comment, a reason), set apart in both parts. */
  quote?: { by: string; text: string };
  facts?: [label: string, value: string][];
  /** Linked items after the paragraphs (a digest's claims), then a closing line (e.g. "and 12 more"). */
  list?: { items: { text: string; url: string }[]; more?: string };
  action: { label: string; url: string };
  footer: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface RenderContext {
  baseUrl: string;
  /** The portal's time zone (SLA settings): dates are written for people in it. */
  timeZone: string;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** "Friday 4 December 2026, 23:59 UTC" / "vendredi 4 décembre 2026, 23:59 UTC", in the portal's time zone. */
export function formatDateForPeople(instant: Date | string, language: Language, timeZone: string): string {
  const date = new TZDate(new Date(instant).getTime(), timeZone);
  const text = format(date, "EEEE d MMMM yyyy, HH:mm", { locale: language === "fr" ? fr : enGB });
  return `${text} ${timeZone}`;
}

export function renderLayout(content: MailContent): RenderedMail {
  const text = [
    content.greeting,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.quote ? [`${content.quote.by}:`, ...content.quote.text.split("\n").map((line) => `> ${line}`), ""] : []),
    ...(content.facts?.length ? [...content.facts.map(([label, value]) => `${label}: ${value}`), ""] : []),
    ...(content.list ? [...content.list.items.map((item) => `- ${item.text}\n  ${item.url}`), ...(content.list.more ? [content.list.more] : []), ""] : []),
    `${content.action.label}: ${content.action.url}`,
    "",
    "-- ",
    content.footer,
  ].join("\n");
  const p = (s: string) => `<p style="margin:0 0 12px">${escapeHtml(s).replace(/\n/g, "<br>")}</p>`;
  const html = [
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    `<body style="font-family:Segoe UI,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1b1b1b">`,
    p(content.greeting),
    ...content.paragraphs.map(p),
    content.quote
      ? `<p style="margin:0 0 4px">${escapeHtml(content.quote.by)}:</p><blockquote style="margin:0 0 12px;padding-left:12px;border-left:3px solid #ccc">${escapeHtml(content.quote.text).replace(/\n/g, "<br>")}</blockquote>`
      : "",
    content.facts?.length
      ? `<table style="border-collapse:collapse;margin:0 0 12px">${content.facts
          .map(([label, value]) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
          .join("")}</table>`
      : "",
    content.list
      ? `<ul style="margin:0 0 12px;padding-left:20px">${content.list.items
          .map((item) => `<li><a href="${escapeHtml(item.url)}">${escapeHtml(item.text)}</a></li>`)
          .join("")}</ul>${content.list.more ? p(content.list.more) : ""}`
      : "",
    `<p style="margin:16px 0"><a href="${escapeHtml(content.action.url)}" style="background:#0f6cbd;color:#fff;padding:8px 14px;border-radius:4px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>`,
    `<p style="margin:0 0 12px;font-size:13px;color:#555">${escapeHtml(content.action.url)}</p>`,
    `<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:12px;color:#666">${escapeHtml(content.footer)}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject: content.subject, text, html };
}
