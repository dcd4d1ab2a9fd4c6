import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyLimitFor, declaredLength, formatBytes } from "@/lib/body-limits";

/** How long a refused client gets to read the 413 before its connection is cut (it may still be sending). */
const CLOSE_AFTER_MS = 1_000;

function limitFor(req: IncomingMessage): number {
  const path = (req.url ?? "/").split("?", 1)[0]!;
  return bodyLimitFor(req.method ?? "GET", path, { nextAction: req.headers["next-action"] !== undefined });
}

/**
 * Answers 413 (problem+json) without reading the rest of the body, and cuts the connection a moment later. Not at
 * once: closing a socket with unread data resets it, and the client may lose the answer. Not by letting Node finish
 * the request either: it would read and discard the rest of the body to reuse the connection (what an attacker
 * wants), so the request is marked as consumed and left paused, and the unread body pushes back on the client.
 */
function refuse(req: IncomingMessage, res: ServerResponse, limit: number): void {
  req.pause();
  req.read(0);
  if (!res.headersSent) {
    res.writeHead(413, { "Content-Type": "application/problem+json" });
    res.end(
      JSON.stringify({
        type: "about:blank",
        title: "Payload Too Large",
        status: 413,
        detail: `Request body too large (at most ${formatBytes(limit)})`,
      }),
    );
  }
  // The socket as it is now: by the time the timer fires the request may have let go of it (req.socket is null then),
  // and a throw in a timer is an uncaught exception.
  const socket = req.socket;
  setTimeout(() => socket?.destroy(), CLOSE_AFTER_MS).unref();
}

/**
 * Every request body is bounded before Next (server actions, next-auth, route handlers) sees a byte: a declared
 * Content-Length over the limit is refused at once; a body without one (chunked) is counted as the socket delivers it
 * and the request is refused and torn down when it passes the limit, whoever is reading it, so nothing downstream
 * can buffer more than the limit. Returns true when the request was answered here.
 */
export function refuseOversizedBody(req: IncomingMessage, res: ServerResponse): boolean {
  const limit = limitFor(req);
  const declared = declaredLength(req.headers["content-length"]);
  if (declared !== null) {
    if (declared <= limit) return false;
    refuse(req, res, limit);
    return true;
  }
  if (req.headers["transfer-encoding"] === undefined) return false;
  // Node's HTTP parser hands each body chunk to the request with push(); counting there sees every byte before any
  // consumer can buffer it, whether or not a consumer is reading yet.
  let seen = 0;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk != null) {
      seen += (chunk as Buffer).length;
      if (seen > limit) {
        // Drop this and every later chunk; returning false stops the socket's reads until it is cut, and a reader
        // waiting downstream then sees the request aborted.
        req.push = () => false;
        refuse(req, res, limit);
        return false;
      }
    }
    return push(chunk, encoding);
  };
  return false;
}
