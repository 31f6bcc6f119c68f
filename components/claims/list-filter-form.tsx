"use client";

import { useRouter } from "next/navigation";
import { useTransition, type FormEvent, type ReactNode } from "react";

/**
 * The claim lists' filter form: a plain GET form (works without JavaScript; the URL is the state, so links
 * are shareable and the back button works). With JavaScript it navigates client-side to the canonical URL
 * (empty fields and the page's defaults left out) and marks itself busy until the new list has rendered.
 * The fields are server-rendered children.
 */
export function ListFilterForm(props: {
  action: string;
  label: string;
  /** Field values that are the page's defaults: left out of the URL. */
  defaults: Record<string, string>;
  className?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, raw] of new FormData(event.currentTarget)) {
      const value = typeof raw === "string" ? raw.trim() : "";
      if (value && props.defaults[name] !== value) params.set(name, value);
    }
    const query = params.toString();
    startTransition(() => router.push(query ? `${props.action}?${query}` : props.action));
  }

  return (
    <form
      method="get"
      action={props.action}
      role="search"
      aria-label={props.label}
      aria-busy={pending}
      data-pending={pending ? "" : undefined}
      onSubmit={onSubmit}
      className={`group ${props.className ?? ""}`}
    >
      {props.children}
    </form>
  );
}
