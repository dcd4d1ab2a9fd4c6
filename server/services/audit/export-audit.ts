import { searchAudit } from "@/db/audit-queries";
import { type AuditFilter, csvField } from "@/lib/audit-schemas";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";

const PAGE = 500;
const COLUMNS = ["id", "time_utc", "actor", "action", "endpoint", "target", "outcome", "detail", "source"] as const;

/**
 * The filtered audit log as CSV, streamed page by page (newest first), so an export of a big log holds one page in
 * memory at a time. The export itself is audited.
 */
export function exportAuditCsv(
  actor: Actor | null,
  filter: AuditFilter,
  ctx: UseCaseContext = { source: "api" },
): Promise<ReadableStream<Uint8Array>> {
  const spec = { audit: "audit.export", permission: "audit:read" as const, detail: JSON.stringify(filter) };
  return useCase(actor, spec, () => csvStream(filter), ctx);
}

function csvStream(filter: AuditFilter): ReadableStream<Uint8Array> {
  const { db } = runtime();
  const enc = new TextEncoder();
  let beforeId: number | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(enc.encode(`${COLUMNS.join(",")}\r\n`));
        return;
      }
      const rows = await searchAudit(db, filter, { beforeId, limit: PAGE });
      if (rows.length === 0) return controller.close();
      beforeId = rows[rows.length - 1]!.id;
      const lines = rows.map((r) =>
        [
          r.id,
          new Date(r.at).toISOString(),
          r.actorName,
          r.action,
          r.endpointId,
          r.target,
          r.outcome,
          r.detail,
          r.source,
        ]
          .map(csvField)
          .join(","),
      );
      controller.enqueue(enc.encode(`${lines.join("\r\n")}\r\n`));
      if (rows.length < PAGE) controller.close();
    },
  });
}
