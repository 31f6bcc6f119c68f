import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("sign out everywhere from one browser ends the other browser's session at its next request", async ({ browser }) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const colleague = await browser.newContext();
  try {
    const [a, b, c] = [await laptop.newPage(), await phone.newPage(), await colleague.newPage()];
    await signIn(a, USERS.contosoBilling);
    await signIn(b, USERS.contosoBilling);
    await signIn(c, USERS.contosoAdmin);

    await a.goto("/settings/notifications");
    await a.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(a).toHaveURL(/\/login/);

    await b.goto("/claims");
    await expect(b).toHaveURL(/\/login/);
    // Another user of the same organization stays signed in.
    await c.goto("/claims");
    await expect(c).toHaveURL(/\/claims$/);
    await expect(c.getByTestId("current-user")).toBeVisible();
    // Signing in again works.
    await signIn(b, USERS.contosoBilling);
  } finally {
    await Promise.all([laptop.close(), phone.close(), colleague.close()]);
  }
});

test("a session cookie kept after signing out is refused", async ({ browser }) => {
  const original = await browser.newContext();
  const thief = await browser.newContext();
  try {
    const page = await original.newPage();
    await signIn(page, USERS.fabrikamAdmin);
    const copied = await original.cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    await thief.addCookies(copied);
    const replay = await thief.newPage();
    await replay.goto("/claims");
    await expect(replay).toHaveURL(/\/login/);
  } finally {
    await Promise.all([original.close(), thief.close()]);
  }
});
