/**
 * Database failures a user can do something about (wait, or free disk space), told apart from bugs so the answer is
 * a clear 503/507 with a retry message rather than a generic 500. Drivers' errors arrive wrapped (drizzle's
 * DrizzleQueryError keeps the driver's error as `cause`), so the cause chain is searched.
 */
export interface StorageFailure {
  status: 503 | 507;
  error: string;
}

const PG_UNAVAILABLE = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300"]);
const NET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);

export const DB_UNAVAILABLE_MESSAGE =
  "The database is not reachable right now, so nothing was changed. Try again in a moment.";
export const DISK_FULL_MESSAGE =
  "Berth's data folder is full, so nothing was saved. Free some disk space and try again; reading still works.";

export function storageFailure(err: unknown): StorageFailure | null {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | null, depth = 0;
    e && depth < 5;
    depth++
  ) {
    const code = typeof e.code === "string" ? e.code : "";
    const message = typeof e.message === "string" ? e.message : "";
    if (code === "SQLITE_FULL" || /database or disk is full/i.test(message))
      return { status: 507, error: DISK_FULL_MESSAGE };
    if (code.startsWith("SQLITE_IOERR") || code === "SQLITE_BUSY" || code === "SQLITE_READONLY")
      return { status: 503, error: DB_UNAVAILABLE_MESSAGE };
    if (PG_UNAVAILABLE.has(code) || NET_CODES.has(code)) return { status: 503, error: DB_UNAVAILABLE_MESSAGE };
    if (
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        message,
      )
    )
      return { status: 503, error: DB_UNAVAILABLE_MESSAGE };
    e = e.cause as typeof e;
  }
  return null;
}
