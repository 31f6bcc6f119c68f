// The partner pages in French: labels, statuses, field errors and the claim page.
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { createClaimThroughUi, uniqueCustomer } from "./partner-helpers";

// Each test files its own claims through the browser: generous on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

test("the new-claim form and the claim page work in French", async ({ page }) => {
  await signIn(page, USERS.contosoAdmin);
  const claim = await createClaimThroughUi(page, uniqueCustomer("Francais E2E"));
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("button", { name: "Historique" })).toBeVisible();
  await expect(page.getByTestId("status-badge")).toHaveText(/Modification/);
  await expect(page.getByRole("heading", { name: "Soumettre pour approbation" })).toBeVisible();
  await expect(page.getByText("Au moins un fichier de preuve d'exécution")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Preuve d'exécution" })).toBeVisible();
  await page.getByRole("button", { name: "Historique" }).click();
  await expect(page.getByTestId("history-dialog").getByRole("heading", { name: `Historique de ${claim.number}` })).toBeVisible();
  await expect(page.getByTestId("history-dialog").locator('[data-type="CLAIM_CREATED"]')).toContainText("A créé la revendication");
  await page.keyboard.press("Escape");
  await page.screenshot({ path: "/tmp/claim-page-fr.png", fullPage: true });

  await page.goto(`/claims/${claim.id}/edit`);
  await expect(page.getByRole("heading", { name: `Modifier la revendication ${claim.number}` })).toBeVisible();
  await page.getByLabel("ID de locataire du client").fill("pas-un-guid");
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("La revendication n'a pas été enregistrée");
  await expect(page.getByTestId("error-customer.tenantId")).toHaveText(/Saisissez l'ID de locataire du client sous forme de GUID/);
  await expect(page.getByLabel("ID de locataire du client")).toHaveValue("pas-un-guid");

  await page.goto("/claims/new");
  await expect(page.getByRole("heading", { name: "Nouvelle revendication" })).toBeVisible();
  await expect(page.getByLabel("Programme d'incentives")).toBeVisible();
  await page.getByRole("radio", { name: "Applications métier" }).check();
  await expect(page.getByRole("group", { name: "Produits Dynamics et leurs abonnements" })).toBeVisible();
  await page.getByRole("checkbox", { name: "Power BI" }).check();
  await expect(page.getByLabel("ID d'abonnement pour Power BI")).toBeVisible();
  // Status names as the seed's French page gives them (domain.md, Statuses).
  await page.goto("/claims");
  const tabs = {
    EDITING: "Modification",
    SUBMITTED: "Envoyée",
    UNDER_REVIEW: "En cours d'évaluation",
    PARTNER_ACTION_REQUIRED: "Action de partenaire requise",
    APPROVED: "Approuvé",
    REJECTED: "Rejeté",
  };
  for (const [status, name] of Object.entries(tabs)) await expect(page.getByTestId(`tab-${status}`)).toContainText(name);

  await page.goto("/claims/new");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "New claim" })).toBeVisible();
});
