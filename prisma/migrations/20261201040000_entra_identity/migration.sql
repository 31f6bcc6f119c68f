-- Entra ID users are linked by tenant + object id (issue 14), not by the mutable email claim.
ALTER TABLE "User" ADD COLUMN "entraTenantId" TEXT,
ADD COLUMN "entraObjectId" TEXT;

CREATE UNIQUE INDEX "User_entraTenantId_entraObjectId_key" ON "User"("entraTenantId", "entraObjectId");
