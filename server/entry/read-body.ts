import { declaredLength, formatBytes } from "@/lib/body-limits";
import { UserError } from "@/lib/errors";

export class BodyTooLargeError extends UserError {
  static readonly kind: string = "BodyTooLargeError";
  constructor(limit: number) {
    super(`Request body too large (at most ${formatBytes(limit)})`, 413, "body_too_large");
  }
}

/**
 * A request body as text, never more than `limit` bytes in memory: a declared Content-Length over the limit is refused
 * before reading, and a body without one is counted chunk by chunk and the stream cancelled once it passes the limit.
 * (The custom server's gate bounds bodies too; this keeps the route factory safe wherever it runs.)
 */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  const declared = declaredLength(req.headers.get("content-length"));
  if (declared !== null && declared > limit) throw new BodyTooLargeError(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
