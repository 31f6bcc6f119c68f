"use client";

// The header's bell: a small client island that asks for the unread count after the page has loaded (the
// layout does no notification query), again every minute and when the tab regains focus.
import { useEffect, useState } from "react";

const REFRESH_MS = 60_000;

export function NotificationBell({ label, unreadLabel }: { label: string; unreadLabel: string }) {
  const [unread, setUnread] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const response = await fetch("/notifications/unread-count", { cache: "no-store" });
        if (!response.ok) return;
        const body = (await response.json()) as { unread: number };
        if (!cancelled) setUnread(body.unread);
      } catch {
        // Offline or signed out: keep the last count.
      }
    };
    void load();
    const timer = setInterval(load, REFRESH_MS);
    window.addEventListener("focus", load);
    return () => {
      cancelled = true;
      clearInterval(timer);
      window.removeEventListener("focus", load);
    };
  }, []);

  const count = unread ?? 0;
  return (
    <a
      href="/notifications"
      className="relative inline-flex items-center rounded px-2 py-1 hover:bg-blue-700"
      aria-label={count > 0 ? unreadLabel.replace("{count}", String(count)) : label}
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      <span
        data-testid="notification-count"
        data-count={count}
        // Set once the first count has arrived (it loads after the page): tests wait for it.
        data-loaded={unread !== null}
        className={count > 0 ? "ml-1 rounded-full bg-red-600 px-1.5 text-xs font-semibold" : "sr-only"}
      >
        {count}
      </span>
    </a>
  );
}
