import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { Db, DbHandle } from "./client";
import * as pgSchema from "./schema/pg";

/**
 * One statement of an atomic write: a drizzle query built on the transaction's handle and not awaited. Writes end in
 * `.returning(...)` so that both drivers answer rows (better-sqlite3 runs it with `.all()`, node-postgres when awaited).
 */
export type Statement = { all(): unknown } & PromiseLike<unknown>;

/**
 * A write that must happen whole or not at all, as a generator: it yields statements and gets each one's rows back,
 * so it can decide on them (a delete that found nothing) and throw to roll everything back. One definition serves
 * both dialects: better-sqlite3 transactions are synchronous (drizzle refuses an async callback there), node-postgres
 * ones asynchronous, and a generator can be driven either way.
 */
export type AtomicWrite<R> = (tx: DbHandle) => Generator<Statement, R, unknown>;

/** The rows a yielded statement answered, typed for the write that asked (`rows<{ id: string }>(yield q)`). */
export const rows = <T>(answer: unknown): T[] => answer as T[];

export async function atomically<R>(h: DbHandle, write: AtomicWrite<R>): Promise<R> {
  if (h.dialect === "sqlite") {
    return h.db.transaction((tx) => {
      const gen = write({ ...h, db: tx });
      let step = gen.next();
      while (!step.done) step = gen.next(step.value.all());
      return step.value;
    });
  }
  // Not drizzle's transaction(): it takes the pool client's error listener away while the transaction holds it, so
  // a server that goes away mid-transaction (a restart) made the client throw its 'error' event, which crashes a
  // process and left the pending query unsettled (the client never released). Here the client keeps a listener, a
  // failed ROLLBACK releases it as broken (the pool drops it), and the statements run on a drizzle over that client.
  const pool = (h.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  const ignore = () => {};
  client.on("error", ignore);
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const tx = drizzle(client, { schema: pgSchema }) as unknown as Db;
    const gen = write({ ...h, db: tx });
    let step = gen.next();
    while (!step.done) step = gen.next(await step.value);
    await client.query("COMMIT");
    return step.value;
  } catch (err) {
    await client.query("ROLLBACK").catch((e: Error) => {
      broken = e;
    });
    throw err;
  } finally {
    client.off("error", ignore);
    client.release(broken);
  }
}
