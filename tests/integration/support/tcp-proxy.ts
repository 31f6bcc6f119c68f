// A TCP proxy the test owns, between the portal and PostgreSQL: the fault-injection tests cut it (every open
// connection dropped, new ones refused) and restore it, without touching the machine's PostgreSQL. It can also
// cut at a chosen point of a conversation: when a client → server chunk matches a pattern (e.g. the INSERT of a
// history event inside an open transaction), either before that chunk reaches the server or right after.
import net from "node:net";

export type CutPoint = "before" | "after";

export interface TcpProxy {
  /** The port it listens on (127.0.0.1). */
  port: number;
  /** Drops every open connection (both sides) and refuses new ones until restore(). */
  cut(): void;
  /** Accepts and forwards connections again. */
  restore(): void;
  /**
   * Drops every open connection, then accepts new ones but forwards nothing (a server that takes the TCP
   * connection and never answers: overloaded, or a half-dead network path) until restore().
   */
  stall(): void;
  /** Cuts once, at the first client → server chunk whose text matches `pattern`, before or after forwarding it. */
  cutOn(pattern: RegExp, point: CutPoint): Promise<void>;
  /** Drops any armed cutOn() that has not fired. */
  disarm(): void;
  /** Connections accepted so far (proof that clients reconnected after a cut). */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; server: net.Socket }>();
  let open = true;
  let stalled = false;
  let accepted = 0;
  let armed: { pattern: RegExp; point: CutPoint; fired: () => void } | null = null;

  const dropAll = () => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.server.destroy();
    }
    pairs.clear();
  };

  const cut = () => {
    open = false;
    dropAll();
  };

  const server = net.createServer((client) => {
    if (!open) {
      client.destroy(); // refused: the client sees the connection closed before any answer
      return;
    }
    accepted++;
    if (stalled) {
      const hold = { client, server: new net.Socket() };
      pairs.add(hold);
      client.on("error", () => {}).on("close", () => pairs.delete(hold));
      return; // read nothing, answer nothing
    }
    const upstream = net.connect(target.port, target.host);
    const pair = { client, server: upstream };
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    upstream.on("data", (chunk) => {
      if (!client.destroyed) client.write(chunk);
    });
    client.on("data", (chunk: Buffer) => {
      const trigger = armed && armed.pattern.test(chunk.toString("latin1")) ? armed : null;
      if (trigger) {
        armed = null;
        if (trigger.point === "after") {
          // Let the server read the chunk in full, then drop everything.
          upstream.write(chunk, () => {
            cut();
            trigger.fired();
          });
          return;
        }
        cut();
        trigger.fired();
        return;
      }
      if (!upstream.destroyed) upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    cut,
    restore() {
      open = true;
      stalled = false;
    },
    stall() {
      dropAll();
      open = true;
      stalled = true;
    },
    cutOn(pattern, point) {
      return new Promise<void>((resolve) => {
        armed = { pattern, point, fired: resolve };
      });
    },
    disarm() {
      armed = null;
    },
    get accepted() {
      return accepted;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
