import { z } from "zod";

// Audit filters, shared by the audit page (query string), the API and the CSV export.

/** "2026-11-22T02:33" (a datetime-local field, read as UTC) or full ISO; empty means no bound. */
const instant = z
  .string()
  .max(40)
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: "custom", message: "Not a date and time" });
      return z.NEVER;
    }
    return ms;
  });

const text = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => v || undefined);

export const auditFilter = z.object({
  actor: text,
  action: text,
  endpointId: text,
  outcome: z
    .enum(["success", "failure", "denied", ""])
    .optional()
    .transform((v) => v || undefined),
  from: instant,
  to: instant,
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type AuditFilter = z.infer<typeof auditFilter>;

export const auditRetentionInput = z.object({
  /** Days audit records are kept; 0 keeps them forever. */
  days: z.coerce.number().int("Whole days only").min(0, "At least 0").max(36500, "At most 36500"),
});

/** One CSV field: quoted when needed, and defused when a spreadsheet would read it as a formula. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
