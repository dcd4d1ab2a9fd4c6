import pg from "pg";

/** Postgres refuses NOTIFY payloads of 8000 bytes or more; callers split larger messages below this. */
export const NOTIFY_MAX_BYTES = 7_900;

export interface PubSub {
  /** Sends one payload to every listener of the channel (this one too); order is kept per publisher. */
  publish(payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface PubSubHandlers {
  message(payload: string): void;
  /** The connection came back after a loss: anything published meanwhile was missed. */
  reconnected(): void;
  error(err: Error): void;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

/**
 * LISTEN/NOTIFY on one dedicated connection, used both ways: a single connection keeps this replica's messages in
 * the order it sent them (a pool would not). Reconnects with backoff for as long as it is open.
 */
export async function openPgPubSub(url: string, channel: string, on: PubSubHandlers): Promise<PubSub> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name "${channel}"`);
  let client: pg.Client | null = null;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();
  let retry = RETRY_MIN_MS;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    c.on("notification", (n) => {
      if (n.channel === channel && n.payload !== undefined) on.message(n.payload);
    });
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = null;
      c.removeAllListeners("end");
      c.end().catch(() => {});
      if (err) on.error(err);
      if (!closed) setTimeout(() => void reconnect(), retry);
    };
    c.on("error", (err) => lost(err));
    c.on("end", () => lost());
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
    retry = RETRY_MIN_MS;
  };

  const reconnect = async (): Promise<void> => {
    if (closed || client) return;
    try {
      await connect();
      on.reconnected();
    } catch (err) {
      on.error(err as Error);
      retry = Math.min(retry * 2, RETRY_MAX_MS);
      if (!closed) setTimeout(() => void reconnect(), retry);
    }
  };

  await connect();
  return {
    publish(payload) {
      const run = async () => {
        if (!client) throw new Error("bus connection is down");
        await client.query("SELECT pg_notify($1, $2)", [channel, payload]);
      };
      const p = chain.then(run, run);
      chain = p.catch(() => {});
      return p;
    },
    async close() {
      closed = true;
      // What was published before closing still goes out (a replica's last words: the leases it let go).
      await chain;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
