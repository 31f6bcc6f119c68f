-- Administration (docs/domain.md): admins retire an organization's MPN IDs; a retired one stays on the claims
-- that already name it but is refused on a new claim or an edit.

-- AlterTable
ALTER TABLE "PartnerLocation" ADD COLUMN "retiredAt" TIMESTAMP(3);
