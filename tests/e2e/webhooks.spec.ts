// Settings → Webhooks end to end: a partner admin registers an endpoint (an http:// receiver this test starts on
// 127.0.0.1; the e2e server runs with WEBHOOKS_ALLOW_INSECURE=1), sees the signing secret once, sends a test event,
// and sees it in the delivery log; the receiver got it signed with that secret.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

type Received = { signature: string; body: string };

test("a partner admin registers a webhook, sees its secret once, and a test event reaches the receiver", async ({ page }) => {
  const received: Received[] = [];
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ signature: String(request.headers["cpor-signature"] ?? ""), body: Buffer.concat(chunks).toString("utf8") });
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cpor-events`;
  try {
    await signIn(page, USERS.contosoAdmin);
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByLabel("A comment is added to a claim").uncheck();
    await page.getByRole("button", { name: "Register", exact: true }).click();
    const secretField = page.getByLabel("Signing secret");
    await expect(secretField).toBeVisible();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const endpoint = page.getByTestId("webhook-endpoint").filter({ hasText: url });
    await expect(endpoint).toContainText("A claim's status changes");
    await expect(endpoint).not.toContainText("A comment is added to a claim");
    await page.getByRole("button", { name: "I have stored it" }).click();
    await expect(page.getByLabel("Signing secret")).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel("Signing secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    await endpoint.getByRole("button", { name: "Send test event" }).click();
    const row = endpoint.getByTestId("webhook-delivery");
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute("data-status", "SENT");
    await expect(row).toContainText("webhook.test");
    await expect(row).toContainText("204");
    expect(received).toHaveLength(1);
    const [delivery] = received;
    const t = /t=(\d+)/.exec(delivery.signature)![1];
    expect(delivery.signature).toBe(`t=${t},v1=${createHmac("sha256", secret).update(`${t}.${delivery.body}`).digest("hex")}`);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: "webhook.test" });

    await endpoint.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByTestId("webhook-endpoint").filter({ hasText: url })).toHaveCount(0);
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test("a billing user does not get the webhooks page (404)", async ({ page }) => {
  await signIn(page, USERS.contosoBilling);
  const response = await page.goto("/settings/webhooks");
  expect(response?.status()).toBe(404);
});
