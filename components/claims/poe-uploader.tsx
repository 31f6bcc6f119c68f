"use client";

// Proof-of-execution upload: drag and drop or the file picker, several files, one progress bar per file.
// Each file is streamed to the claim's upload Route Handler with XMLHttpRequest (fetch has no upload
// progress), one at a time (a 2-core server, and a clear order in the list). The server decides: it checks
// the type from the content, the size limit from settings, and records the SHA-256; a refused file gets a
// message saying why. A file over the limit is refused here before sending, from the same setting.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type DragEvent } from "react";

interface Upload {
  key: number;
  name: string;
  percent: number;
  state: "queued" | "uploading" | "done" | "failed";
  message?: string;
}

interface Problem {
  code?: string;
  detail?: string;
  errors?: { path: string; message: string; code?: string }[];
}

export function PoeUploader(props: {
  claimId: string;
  maxBytes: number;
  limitLabel: string;
  accept: string;
  typesLabel: string;
  /** The claim's quota (files, megabytes), named when the server refuses a file past it. */
  quota: { files: number; megabytes: number };
}) {
  const t = useTranslations("claimPoe");
  const locale = useLocale();
  const router = useRouter();
  const inputId = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const nextKey = useRef(1);

  const update = (key: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  function reasonOf(status: number, problem: Problem | null, retryAfter: number): string {
    const code = problem?.code;
    // Quotas (429 with Retry-After): the per-minute rate waits seconds, the day's bytes wait hours.
    if (code === "RATE_LIMITED" || status === 429) {
      const seconds = Math.max(1, retryAfter || 60);
      return seconds <= 120 ? t("rateLimitedSeconds", { seconds }) : t("rateLimitedHours", { hours: Math.ceil(seconds / 3600) });
    }
    if (code === "VALIDATION" && problem?.errors?.some((e) => e.path === "file" && e.code === "LIMIT_REACHED")) {
      return t("claimFull", props.quota);
    }
    if (code === "PAYLOAD_TOO_LARGE" || status === 413) return t("tooLarge", { limit: props.limitLabel });
    if (code === "UNSUPPORTED_MEDIA_TYPE") return locale === "en" && problem?.detail ? problem.detail : t("badType", { types: props.typesLabel });
    if (code === "VALIDATION" && problem?.errors?.some((e) => e.path === "file")) return t("emptyFile");
    if (code === "INVALID_TRANSITION" || code === "FORBIDDEN") return t("notAllowed");
    if (problem?.detail && locale === "en") return t("other", { detail: problem.detail });
    return t("network");
  }

  function send(file: File, key: number): Promise<void> {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `/claims/${encodeURIComponent(props.claimId)}/poe`);
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) update(key, { percent: Math.min(99, Math.round((event.loaded / event.total) * 100)) });
      };
      xhr.onload = () => {
        if (xhr.status === 201) {
          update(key, { state: "done", percent: 100, message: t("done", { name: file.name }) });
          router.refresh();
        } else {
          let problem: Problem | null = null;
          try {
            problem = JSON.parse(xhr.responseText) as Problem;
          } catch {
            problem = null;
          }
          update(key, { state: "failed", message: t("failed", { name: file.name, reason: reasonOf(xhr.status, problem, Number(xhr.getResponseHeader("Retry-After"))) }) });
        }
        resolve();
      };
      xhr.onerror = xhr.onabort = () => {
        update(key, { state: "failed", message: t("failed", { name: file.name, reason: t("network") }) });
        resolve();
      };
      update(key, { state: "uploading" });
      xhr.send(file);
    });
  }

  function addFiles(files: FileList | File[] | null) {
    if (!files) return;
    for (const file of Array.from(files)) {
      const key = nextKey.current++;
      if (file.size > props.maxBytes) {
        setUploads((list) => [
          ...list,
          { key, name: file.name, percent: 0, state: "failed", message: t("failed", { name: file.name, reason: t("tooLarge", { limit: props.limitLabel }) }) },
        ]);
        continue;
      }
      if (file.size === 0) {
        setUploads((list) => [...list, { key, name: file.name, percent: 0, state: "failed", message: t("failed", { name: file.name, reason: t("emptyFile") }) }]);
        continue;
      }
      setUploads((list) => [...list, { key, name: file.name, percent: 0, state: "queued" }]);
      queue.current = queue.current.then(() => send(file, key));
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  }

  return (
    <div className="space-y-3">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="poe-dropzone"
        className={`rounded-lg border-2 border-dashed p-6 text-center ${dragging ? "border-blue-700 bg-blue-50" : "border-slate-400 bg-slate-50"}`}
      >
        <p>
          <span aria-hidden="true">⇪ </span>
          {t("drop")}{" "}
          <input
            id={inputId}
            type="file"
            multiple
            accept={props.accept}
            aria-label={t("pickerLabel")}
            className="peer sr-only"
            onChange={(e) => {
              addFiles(e.target.files);
              e.target.value = "";
            }}
          />
          <label
            htmlFor={inputId}
            className="cursor-pointer rounded font-medium text-blue-700 underline peer-focus-visible:outline peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-700"
          >
            {t("choose")}
          </label>
        </p>
      </div>
      {uploads.length ? (
        <ul aria-label={t("uploadsLabel")} className="space-y-2" data-testid="poe-uploads">
          {uploads.map((u) => (
            <li key={u.key} className="rounded border border-slate-200 bg-white p-2 text-sm" data-testid="poe-upload" data-state={u.state}>
              <div className="flex items-center gap-3">
                <span className="min-w-0 flex-1 truncate font-medium">{u.name}</span>
                {u.state !== "failed" ? (
                  <span className="tabular-nums text-slate-600" aria-hidden="true">
                    {u.percent}%
                  </span>
                ) : null}
              </div>
              {u.state !== "failed" ? (
                <progress
                  className="mt-1 h-2 w-full accent-blue-700"
                  max={100}
                  value={u.percent}
                  aria-label={t("progress", { name: u.name, percent: u.percent })}
                />
              ) : null}
              {u.message ? (
                <p
                  className={u.state === "failed" ? "mt-1 font-medium text-red-800" : "mt-1 text-emerald-800"}
                  data-testid={u.state === "failed" ? "poe-upload-error" : "poe-upload-done"}
                >
                  <span aria-hidden="true">{u.state === "failed" ? "⚠ " : "✓ "}</span>
                  {u.message}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div aria-live="polite" className="sr-only">
        {uploads
          .filter((u) => u.message)
          .map((u) => u.message)
          .join(" ")}
      </div>
    </div>
  );
}
