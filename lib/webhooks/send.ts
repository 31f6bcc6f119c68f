// One HTTP POST of a signed webhook body with Node's own http/https (no client dependency): the SSRF checks of
// safe-target.ts run on this very request (IP literals before it, names in its `lookup`), redirects are not
// followed, and the whole exchange is bounded by a 10-second timeout.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { checkWebhookTarget, parseWebhookUrl, safeLookup, type LookupAll } from "./safe-target";

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** A receiver's answer is not stored; reading a little of it lets the connection finish cleanly. */
const MAX_RESPONSE_BYTES = 16 * 1024;

export interface SendOptions {
  allowInsecure: boolean;
  lookup?: LookupAll;
  timeoutMs?: number;
}

export type SendResult = { ok: boolean; responseCode: number | null; durationMs: number; error: string | null };

export async function postWebhook(rawUrl: string, body: string, headers: Record<string, string>, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = parseWebhookUrl(rawUrl, options.allowInsecure);
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    // Node does not call `lookup` for an IP literal: check it here.
    if (net.isIP(host)) await checkWebhookTarget(url, options);
    const responseCode = await new Promise<number>((resolve, reject) => {
      const request = (url.protocol === "https:" ? https : http).request(
        url,
        {
          method: "POST",
          headers: { "Content-Type": "application/json", "User-Agent": "CPOR-Webhooks/1", ...headers, "Content-Length": Buffer.byteLength(body) },
          agent: false,
          ...(options.allowInsecure ? {} : { lookup: safeLookup(options.lookup) }),
          signal: AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
        },
        (response) => {
          let read = 0;
          response.on("data", (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) response.destroy();
          });
          response.on("end", () => resolve(response.statusCode ?? 0));
          response.on("close", () => resolve(response.statusCode ?? 0));
          response.on("error", () => resolve(response.statusCode ?? 0));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    const ok = responseCode >= 200 && responseCode < 300;
    return { ok, responseCode, durationMs: elapsed(), error: ok ? null : `HTTP ${responseCode}` };
  } catch (error) {
    const message =
      error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
        ? `No answer within ${(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS) / 1000} s`
        : error instanceof Error
          ? error.message
          : String(error);
    return { ok: false, responseCode: null, durationMs: elapsed(), error: message.slice(0, 500) };
  }
}
