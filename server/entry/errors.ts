import type { z } from "zod";
import { UserError } from "@/lib/errors";
import { storageFailure } from "@/lib/storage-errors";
import { log } from "@/server/log";

export interface Failure {
  ok: false;
  status: number;
  error: string;
  fieldErrors?: Record<string, string>;
}

export function validationFailure(error: z.ZodError): Failure {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, status: 400, error: error.issues[0]?.message ?? "Invalid input", fieldErrors };
}

/** Only UserError messages reach a client; anything else is logged and answered generically. */
export function toFailure(err: unknown, entry: string): Failure {
  if (err instanceof UserError) return { ok: false, status: err.status, error: err.message };
  // The database down or its disk full: a message the user can act on (retry, free space), not a generic 500.
  const storage = storageFailure(err);
  if (storage) {
    log.warn({ err: (err as Error)?.message, entry }, "entry point failed: storage unavailable");
    return { ok: false, ...storage };
  }
  log.error({ err, entry }, "entry point failed");
  return { ok: false, status: 500, error: "Something went wrong. The server log has details." };
}
