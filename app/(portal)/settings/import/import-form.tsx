"use client";

// Upload → dry run table (line, OK / errors) → confirm → the created drafts with links. The file goes to
// /settings/import/upload as the raw body (not a server action, which would buffer it and cap it at 1 MB).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { buttonClass, secondaryButtonClass } from "@/components/ui/button";

interface DryRun {
  rows: { line: number; ok: boolean; errors: { path: string; message: string }[] }[];
  valid: number;
  invalid: number;
}
interface Created {
  created: { line: number; id: string; number: string }[];
}

async function send(file: File, dryRun: boolean): Promise<{ ok: true; body: unknown } | { ok: false; message: string }> {
  const response = await fetch(`/settings/import/upload${dryRun ? "?dryRun=true" : ""}`, {
    method: "POST",
    headers: { "Content-Type": "text/csv" },
    body: file,
  });
  const body = await response.json().catch(() => null);
  if (response.ok) return { ok: true, body };
  const problem = body as { detail?: string; errors?: { message: string }[] } | null;
  return { ok: false, message: problem?.errors?.[0]?.message ?? problem?.detail ?? String(response.status) };
}

export function ImportForm() {
  const t = useTranslations("claimImport");
  const input = useRef<HTMLInputElement>(null);
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<"check" | "import" | null>(null);

  const file = () => input.current?.files?.[0];

  async function check() {
    const chosen = file();
    setCreated(null);
    setDryRun(null);
    if (!chosen) return setError(t("noFile"));
    setError(null);
    setPending("check");
    const result = await send(chosen, true);
    setPending(null);
    if (result.ok) setDryRun(result.body as DryRun);
    else setError(`${t("fileError")}: ${result.message}`);
  }

  async function commit() {
    const chosen = file();
    if (!chosen) return setError(t("noFile"));
    setPending("import");
    const result = await send(chosen, false);
    setPending(null);
    if (result.ok) {
      setCreated(result.body as Created);
      setDryRun(null);
    } else setError(`${t("fileError")}: ${result.message}`);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="space-y-1">
          <span className="block font-medium">{t("file")}</span>
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            data-testid="import-file"
            onChange={() => {
              setDryRun(null);
              setCreated(null);
              setError(null);
            }}
          />
        </label>
        <button type="button" className={secondaryButtonClass} onClick={check} disabled={pending !== null} data-testid="import-check">
          {pending === "check" ? t("checking") : t("check")}
        </button>
      </div>
      {error ? (
        <p role="status" className="text-rose-700" data-testid="import-error">
          {error}
        </p>
      ) : null}
      {dryRun ? (
        <div className="space-y-3" data-testid="import-dry-run">
          <p role="status">{t("summary", { valid: dryRun.valid, invalid: dryRun.invalid })}</p>
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b text-left">
                <th className="py-1 pr-4">{t("line")}</th>
                <th className="py-1">{t("result")}</th>
              </tr>
            </thead>
            <tbody>
              {dryRun.rows.map((row) => (
                <tr key={row.line} className="border-b align-top" data-testid={`import-row-${row.line}`}>
                  <td className="py-1 pr-4 font-mono">{row.line}</td>
                  <td className="py-1">
                    {row.ok ? (
                      <span className="text-emerald-800">{t("ok")}</span>
                    ) : (
                      <ul className="text-rose-700">
                        {row.errors.map((e) => (
                          <li key={`${e.path}:${e.message}`}>
                            <span className="font-mono">{e.path}</span>: {e.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {dryRun.invalid === 0 ? (
            <button type="button" className={buttonClass} onClick={commit} disabled={pending !== null} data-testid="import-confirm">
              {pending === "import" ? t("importing") : t("confirm", { count: dryRun.valid })}
            </button>
          ) : (
            <p>{t("fixAndRetry")}</p>
          )}
        </div>
      ) : null}
      {created ? (
        <div className="space-y-2" data-testid="import-created">
          <p role="status">{t("created", { count: created.created.length })}</p>
          <ul className="list-disc pl-6">
            {created.created.map((c) => (
              <li key={c.id}>
                <Link href={`/claims/${c.id}`} className="font-mono text-blue-800 underline">
                  {c.number}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
