// The claim page's PoE quota: shown above the uploader, and a file past the claim's 50 files is refused with a
// message next to the upload field (the server's 422 LIMIT_REACHED, lib/claims/policy.ts checkPoeQuota).
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { closeDriver, createClaimThroughUi, driver, driverAvailable, PDF, uniqueCustomer } from "./partner-helpers";

test.describe.configure({ timeout: 120_000 });
test.afterAll(closeDriver);

test("a claim holding 50 files refuses the next one, saying so next to the upload field", async ({ page }) => {
  test.skip(!driverAvailable, "needs the e2e PostgreSQL database to hold 49 files without uploading them");
  await signIn(page, USERS.contosoAdmin);
  const claim = await createClaimThroughUi(page, uniqueCustomer("Quota E2E"));
  await expect(page.getByTestId("poe-quota")).toContainText("at most 50 files, 250 MB in all (0 files so far)");

  const { db } = await driver();
  await db.poeFile.createMany({
    data: Array.from({ length: 50 }, (_, i) => ({
      claimId: claim.id,
      fileName: `held-${i}.pdf`,
      size: 1024,
      sha256: "0".repeat(64),
      contentType: "application/pdf",
      storageKey: `e2e/${randomUUID()}`,
    })),
  });
  await page.reload();
  await expect(page.getByTestId("poe-quota")).toContainText("(50 files so far)");
  await page.getByLabel("Add proof-of-execution files").setInputFiles(PDF);
  const error = page.getByTestId("poe-upload-error");
  await expect(error).toContainText("poe-statement-of-work.pdf was refused");
  await expect(error).toContainText("the claim already holds the most proof it can (50 files, 250 MB in all)");
  await expect(page.getByTestId("poe-row")).toHaveCount(50);
});
