// A local HTTP endpoint for webhook deliveries in the fault tests: records each POST's `CPOR-Event-Id`, and lets a
// test act once a delivery has arrived but before it is answered (to kill the sender right there).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface WebhookReceiver {
  url: string;
  /** Event ids of every POST received, in order, one entry per delivery (duplicates show). */
  received: string[];
  onDelivery?: (eventId: string) => void | Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    close: async () => {},
  };
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const id = String(request.headers["cpor-event-id"] ?? "(none)");
      receiver.received.push(id);
      Promise.resolve(receiver.onDelivery?.(id)).finally(() => {
        if (!response.destroyed) response.writeHead(204).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
