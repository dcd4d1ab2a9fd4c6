import { UserError } from "@/lib/errors";
import { describeDockerError, isUnavailable } from "./connect";

interface EngineError {
  statusCode?: number;
  json?: { message?: string } | string | null;
  message?: string;
}

/** The engine's own words for a refused request (conflict, not found, bad parameter), trimmed; else a generic one. */
export function engineMessage(err: unknown): string {
  const e = err as EngineError;
  const json = typeof e?.json === "string" ? safeParse(e.json) : e?.json;
  const msg = json && typeof json === "object" ? json.message : undefined;
  if (typeof e?.statusCode === "number" && typeof msg === "string" && msg.trim()) return msg.trim().slice(0, 400);
  // Streamed requests (pulls) carry the engine's words only in the message: "(HTTP code 500) server error - ...".
  const tail = typeof e?.message === "string" ? /\(HTTP code \d+\)[^-]*- (.+)$/s.exec(e.message)?.[1]?.trim() : "";
  if (typeof e?.statusCode === "number" && tail) return tail.slice(0, 400);
  return describeDockerError(err);
}

function safeParse(s: string): { message?: string } | null {
  try {
    return JSON.parse(s);
  } catch {
    return { message: s };
  }
}

/**
 * A Docker engine failure as a UserError: the engine's 404 and 400 stay what they are, an engine that does not
 * answer is a 503, and anything else the engine refused conflicts with its state (409) in its own words.
 */
export function dockerUserError(err: unknown): UserError {
  if (err instanceof UserError) return err;
  if (isUnavailable(err)) return new UserError(describeDockerError(err), 503, "engine_unavailable");
  const status = (err as EngineError)?.statusCode;
  const code = status === 404 ? 404 : status === 400 ? 400 : 409;
  return new UserError(engineMessage(err), code, "engine_error");
}
