import { getTranslations } from "next-intl/server";
import { formatBytes } from "@/lib/claims/upload-poe";
import { isPreviewablePoe } from "@/lib/poe/download";

export interface PoeListItem {
  id: string;
  fileName: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  /** The type stored at upload; PDF and images get a "Preview" link (opened in a new tab, sandboxed). */
  contentType?: string;
}

/** The claim's PoE files with their download links (served as attachments by the download route). */
export async function PoeList(props: { claimId: string; files: PoeListItem[]; formatInstant: (d: Date) => string }) {
  const t = await getTranslations("claimPoe");
  if (props.files.length === 0) {
    return (
      <p className="text-sm text-slate-700" data-testid="poe-empty">
        {t("noFiles")}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm" data-testid="poe-list">
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">{t("file")}</th>
            <th scope="col" className="px-3 py-2">{t("size")}</th>
            <th scope="col" className="px-3 py-2">{t("uploaded")}</th>
            <th scope="col" className="px-3 py-2">{t("sha256")}</th>
          </tr>
        </thead>
        <tbody>
          {props.files.map((file) => (
            <tr key={file.id} className="border-t border-slate-100 align-top" data-testid="poe-row">
              <td className="px-3 py-2">
                <a
                  href={`/claims/${encodeURIComponent(props.claimId)}/poe/${encodeURIComponent(file.id)}`}
                  download={file.fileName}
                  className="break-all text-blue-700 underline"
                  aria-label={t("download", { name: file.fileName })}
                  data-testid="poe-download"
                >
                  {file.fileName}
                </a>
                {file.contentType && isPreviewablePoe(file.contentType) ? (
                  <>
                    {" · "}
                    <a
                      href={`/claims/${encodeURIComponent(props.claimId)}/poe/${encodeURIComponent(file.id)}/preview`}
                      target="_blank"
                      rel="noopener noreferrer"
                      className="text-blue-700 underline"
                      aria-label={t("preview", { name: file.fileName })}
                      data-testid="poe-preview"
                    >
                      {t("previewLink")}
                    </a>
                  </>
                ) : null}
              </td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatBytes(file.size)}</td>
              <td className="whitespace-nowrap px-3 py-2">
                <time dateTime={file.uploadedAt.toISOString()}>{props.formatInstant(file.uploadedAt)}</time>
              </td>
              <td className="px-3 py-2">
                <code className="break-all text-xs" data-testid="poe-sha256">{file.sha256}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
