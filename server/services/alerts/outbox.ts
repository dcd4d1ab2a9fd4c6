import { randomUUID } from "node:crypto";
import {
  type DeliveryRow,
  dueDeliveries,
  findChannelRow,
  insertDeliveries,
  listChannelRows,
  listDeliveryRows,
  updateDelivery,
} from "@/db/alert-queries";
import type { DbHandle } from "@/db/client";
import type { AlertMessage } from "@/lib/alert-format";
import { titleOf } from "@/lib/alert-format";
import type { DeliveryView } from "@/lib/alert-schemas";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { alertSignals } from "./alert-signals";
import { openChannel } from "./manage-channels";
import { DeliveryError, sendToChannel } from "./send-channel";

/** Waits between attempts (s); after the last one the delivery is marked failed. */
export const BACKOFF_S = [5, 30, 120, 600, 1800];
export const MAX_ATTEMPTS = BACKOFF_S.length + 1;

/**
 * Writes one message per channel to the outbox (the delivery log), due at `dueAt` (later than now inside quiet hours).
 * The row is the commitment: whatever happens to this process afterwards, the next lease holder sends it.
 */
export async function enqueue(
  db: DbHandle,
  base: Omit<AlertMessage, "id">,
  channelIds: string[],
  meta: { incidentId: string | null; ruleId: string | null; ruleName: string },
  dueAt = Date.now(),
): Promise<DeliveryRow[]> {
  const now = Date.now();
  const rows: DeliveryRow[] = channelIds.map((channelId) => {
    const id = randomUUID();
    return {
      id,
      incidentId: meta.incidentId,
      ruleId: meta.ruleId,
      ruleName: meta.ruleName,
      channelId,
      event: base.event,
      message: JSON.stringify({ ...base, id } satisfies AlertMessage),
      state: "pending",
      attempts: 0,
      nextAttemptAt: dueAt,
      lastError: null,
      createdAt: now,
      sentAt: null,
    };
  });
  await insertDeliveries(db, rows);
  alertSignals().emit("enqueued");
  return rows;
}

/** One attempt at one delivery: sent, or rescheduled with backoff, or failed for good after the last attempt. */
export async function attempt(db: DbHandle, row: DeliveryRow, opts: { retry?: boolean } = {}): Promise<boolean> {
  const attempts = row.attempts + 1;
  try {
    const channel = await findChannelRow(db, row.channelId);
    if (!channel) throw new DeliveryError("The channel was deleted");
    await sendToChannel(openChannel(channel), JSON.parse(row.message) as AlertMessage);
    await updateDelivery(db, row.id, { state: "sent", attempts, sentAt: Date.now(), lastError: null });
    return true;
  } catch (err) {
    const message = err instanceof DeliveryError ? err.message : `Delivery failed: ${(err as Error).message}`;
    const last = opts.retry === false || attempts >= MAX_ATTEMPTS || message === "The channel was deleted";
    await updateDelivery(db, row.id, {
      state: last ? "failed" : "pending",
      attempts,
      lastError: message.slice(0, 500),
      nextAttemptAt: last ? row.nextAttemptAt : Date.now() + BACKOFF_S[attempts - 1]! * 1000,
    });
    return false;
  }
}

/** Sends what is due, a batch at a time, in parallel (a slow channel does not hold the others). */
export async function deliverDue(db: DbHandle, now = Date.now()): Promise<number> {
  const rows = await dueDeliveries(db, now);
  await Promise.all(rows.map((r) => attempt(db, r)));
  return rows.length;
}

/** The delivery log, newest first (admins: it names channels and what they were sent). */
export async function listDeliveries(actor: Actor | null, limit = 200): Promise<DeliveryView[]> {
  authorize(actor, "alert:channels");
  const db = runtime().db;
  const names = new Map((await listChannelRows(db)).map((c) => [c.id, c.name]));
  return (await listDeliveryRows(db, limit)).map((r) => ({
    id: r.id,
    channelId: r.channelId,
    channelName: names.get(r.channelId) ?? "(deleted channel)",
    ruleName: r.ruleName,
    event: r.event as DeliveryView["event"],
    title: titleOf(JSON.parse(r.message) as AlertMessage),
    state: r.state as DeliveryView["state"],
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    nextAttemptAt: r.nextAttemptAt,
  }));
}
