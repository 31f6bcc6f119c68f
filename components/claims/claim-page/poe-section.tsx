import { getTranslations } from "next-intl/server";
import type { ClaimPageModel } from "@/app/(portal)/claims/[id]/claim-page-model";
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
  return (
    <Card title={t("title")} id="poe-title" testId="poe-section">
      <p className="text-sm text-slate-700">{t("intro", { types, limit })}</p>
      <PoeList claimId={claim.id} files={claim.poeFiles} formatInstant={model.formatInstant} />
      {model.canUpload ? (
        <PoeUploader claimId={claim.id} maxBytes={settings.poeMaxBytes} limitLabel={limit} accept={POE_ACCEPT} typesLabel={types} />
      ) : model.partner ? (
        <p className="text-sm text-slate-700">{t("closed")}</p>
      ) : null}
      {claim.poeFiles.length ? <p className="text-sm text-slate-600">{t("kept")}</p> : null}
    </Card>
  );
}
