import { getTranslations } from "next-intl/server";
import type { ClaimPageModel } from "@/app/(portal)/claims/[id]/claim-page-model";
import { POE_MAX_BYTES_PER_CLAIM, POE_MAX_FILES_PER_CLAIM } from "@/lib/claims/policy";
import { formatBytes } from "@/lib/claims/upload-poe";
import { POE_ACCEPT, POE_EXTENSIONS } from "@/lib/poe/poe-type";
import { Card } from "@/components/ui/card";
import { PoeList } from "../poe-list";
import { PoeUploader } from "../poe-uploader";

/** Proof of execution: the files kept with the claim, and the uploader while the policy allows uploads. */
export async function PoeSection({ model }: { model: ClaimPageModel }) {
  const { claim, settings } = model;
  const t = await getTranslations("claimPoe");
  const types = POE_EXTENSIONS.join(", ");
  const limit = formatBytes(settings.poeMaxBytes);
  const quota = { files: POE_MAX_FILES_PER_CLAIM, megabytes: POE_MAX_BYTES_PER_CLAIM / (1024 * 1024) };
  return (
    <Card title={t("title")} id="poe-title" testId="poe-section">
      <p className="text-sm text-slate-700">{t("intro", { types, limit })}</p>
      <PoeList claimId={claim.id} files={claim.poeFiles} formatInstant={model.formatInstant} />
      {model.canUpload ? (
        <>
          <p className="text-sm text-slate-700" data-testid="poe-quota">
            {t("quota", { ...quota, held: claim.poeFiles.length })}
          </p>
          <PoeUploader claimId={claim.id} maxBytes={settings.poeMaxBytes} limitLabel={limit} accept={POE_ACCEPT} typesLabel={types} quota={quota} />
        </>
      ) : model.partner ? (
        <p className="text-sm text-slate-700">{t("closed")}</p>
      ) : null}
      {claim.poeFiles.length ? <p className="text-sm text-slate-600">{t("kept")}</p> : null}
    </Card>
  );
}
