import type { Db, DbHandle } from "./client";

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
  const pgTransaction = h.db.transaction as unknown as (cb: (tx: Db) => Promise<R>) => Promise<R>;
  return pgTransaction.call(h.db, async (tx) => {
    const gen = write({ ...h, db: tx });
    let step = gen.next();
    while (!step.done) step = gen.next(await step.value);
    return step.value;
  });
}
