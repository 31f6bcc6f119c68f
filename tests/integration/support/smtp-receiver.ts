// A real SMTP server (smtp-server, nodemailer's own) on 127.0.0.1 for the fault tests: it can be down (nothing
// listening on its port), refuse with a 4xx, or accept; it counts what it received by Message-ID, and lets a test
// act at the moment a message has been received but not yet acknowledged (to kill the sender right there).
import net from "node:net";
import { SMTPServer } from "smtp-server";

export type SmtpMode = "accept" | "busy";

export interface SmtpReceiver {
  port: number;
  url: string;
  /** Message-IDs of every message accepted, in order, one entry per delivery (duplicates show). */
  received: string[];
  /** Starts listening (no-op when already up) in the given mode. */
  up(mode?: SmtpMode): Promise<void>;
  /** Stops listening: connections are refused. */
  down(): Promise<void>;
  /** Called with each message's Message-ID once its data is in, before the 250 reply. */
  onMessage?: (messageId: string) => void | Promise<void>;
}

/** A port nothing listens on (yet): bind an ephemeral port and let it go. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function messageIdOf(raw: string): string {
  const header = raw.split(/\r?\n\r?\n/, 1)[0];
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(header)?.[1] ?? "(none)";
}

export async function createSmtpReceiver(): Promise<SmtpReceiver> {
  const port = await freePort();
  let server: SMTPServer | null = null;
  let mode: SmtpMode = "accept";
  const receiver: SmtpReceiver = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received: [],
    async up(next: SmtpMode = "accept") {
      mode = next;
      if (server) return;
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        closeTimeout: 1000,
        // No DNS: a reverse lookup of 127.0.0.1 per connection costs more than the delivery itself.
        disableReverseLookup: true,
        onConnect(_session, callback) {
          // 421: "service not available, try again later" — a temporary refusal, as a busy relay answers.
          if (mode === "busy") return callback(Object.assign(new Error("Busy, try again later"), { responseCode: 421 }));
          callback();
        },
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            const id = messageIdOf(Buffer.concat(chunks).toString("utf8"));
            receiver.received.push(id);
            Promise.resolve(receiver.onMessage?.(id)).then(
              () => callback(),
              (error: Error) => callback(error),
            );
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.server.once("error", reject);
        server!.listen(port, "127.0.0.1", () => resolve());
      });
    },
    async down() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  return receiver;
}

/** How many times each id occurs in `received`. */
export function countsOf(received: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of received) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
