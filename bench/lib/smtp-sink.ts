// A local SMTP server for the delivery measurement (smtp-server, nodemailer's own; a dev dependency): accepts
// every message on 127.0.0.1 and counts them by Message-ID, so the bench can print messages/s and check that no
// message arrived twice.
import type net from "node:net";
import { SMTPServer } from "smtp-server";

export interface SmtpSink {
  url: string;
  /** Message-IDs in arrival order, one per message received (a duplicate shows twice). */
  received: string[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 1000,
    onData(stream, _session, callback) {
      let head = "";
      stream.on("data", (chunk: Buffer) => {
        if (head.length < 64 * 1024) head += chunk.toString("utf8");
      });
      stream.on("end", () => {
        const header = head.split(/\r?\n\r?\n/, 1)[0];
        received.push(/^message-id:\s*(<[^>\r\n]+>)/im.exec(header)?.[1] ?? "(none)");
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
