import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * Headers on every response. Scripts run only from this origin or with the per-request nonce: no inline script an
 * attacker could inject runs. Next reads the nonce from the request's CSP header and stamps it on its own scripts.
 */
export function securityHeaders(req: IncomingMessage): [string, string][] {
  const dev = process.env.NODE_ENV === "development";
  const nonce = crypto.randomBytes(16).toString("base64");
  const tls =
    req.headers["x-forwarded-proto"] === "https" || (req.socket as { encrypted?: boolean }).encrypted === true;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  // Overwrite whatever the client sent: the nonce must come from us.
  req.headers["content-security-policy"] = csp;
  const headers: [string, string][] = [
    ["Content-Security-Policy", csp],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "same-origin"],
    ["X-Frame-Options", "DENY"],
  ];
  if (tls) headers.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  return headers;
}
