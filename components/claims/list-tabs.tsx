"use client";

import Link from "next/link";

/** A status tab: [key (ALL or a status), name, count as shown, the list's URL with that status, current]. */
export type ListTab = [key: string, label: string, count: string, href: string, current: boolean];

/**
 * The claim lists' status tabs, with the maintained counts. A client component only so that its markup (long
 * utility classes, seven links) is written once, in the HTML, and the RSC payload carries the tabs' data.
 */
export function ListTabs(props: { label: string; tabs: ListTab[] }) {
  return (
    <nav aria-label={props.label}>
      <ul className="flex flex-wrap gap-2">
        {props.tabs.map(([key, label, count, href, current]) => (
          <li key={key}>
            <Link
              href={href}
              prefetch={false}
              aria-current={current ? "page" : undefined}
              data-testid={`tab-${key}`}
              className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm ${
                current ? "border-blue-800 bg-blue-800 font-medium text-white" : "border-slate-300 bg-white text-slate-900 hover:bg-slate-100"
              }`}
            >
              {label}
              <span data-testid={`tab-count-${key}`} className={`rounded-full px-2 text-xs tabular-nums ${current ? "bg-white/20" : "bg-slate-200"}`}>
                {count}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
