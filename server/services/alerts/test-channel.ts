import { findChannelRow, findDeliveryRow } from "@/db/alert-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";
import { attempt, enqueue } from "./outbox";

/**
 * "Send test": one test message through the channel now, logged like any delivery. Answers with the outcome (a
 * failure is a UserError with the receiver's words); a failed test is not retried.
 */
export async function testChannel(
  actor: Actor | null,
  channelId: string,
  ctx?: UseCaseContext,
): Promise<{ sent: true }> {
  return useCase(
    actor,
    { audit: "alert.channel.test", permission: "alert:channels", target: channelId },
    async () => {
      const db = runtime().db;
      const channel = await findChannelRow(db, channelId);
      if (!channel) throw new NotFoundError("Alert channel not found");
      const now = Date.now();
      const [row] = await enqueue(
        db,
        {
          event: "test",
          rule: { id: "test", name: channel.name, trigger: "test" },
          endpoint: null,
          subject: channel.name,
          summary: `Test message for ${channel.name}`,
          incidentId: null,
          count: 1,
          startedAt: now,
          resolvedAt: null,
        },
        [channel.id],
        { incidentId: null, ruleId: null, ruleName: "(test)" },
        // Not due for the worker: this call makes the one attempt itself.
        Number.MAX_SAFE_INTEGER,
      );
      const ok = await attempt(db, row!, { retry: false });
      if (!ok) {
        const after = await findDeliveryRow(db, row!.id);
        throw new UserError(
          `The test message was not delivered: ${after?.lastError ?? "unknown error"}`,
          502,
          "delivery_failed",
        );
      }
      return { sent: true as const };
    },
    ctx,
  );
}
