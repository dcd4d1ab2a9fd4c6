/** Where a sign-in sends the user when no (acceptable) target was given: Home, problems first. */
export const DEFAULT_NEXT = "/";

// Placeholder for Berth's own origin when the caller does not know it: a relative target resolved against it keeps it,
// anything else (another host, another scheme) changes it, whatever the real origin is.
const OWN = "http://berth.invalid";

/**
 * The local path to go to after sign-in, from an untrusted `next` parameter. The target is parsed the way a browser
 * parses it (tabs and newlines dropped, `\` read as `/`, percent-escapes kept) against Berth's own origin, and only a
 * target that stays on that origin is accepted; the answer is its normalized path, never an absolute URL, so what the
 * server checked is exactly what the browser will open.
 */
export function safeNext(raw: unknown, origin = OWN): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || value === "" || value.length > 2048) return DEFAULT_NEXT;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(value, base);
  } catch {
    return DEFAULT_NEXT;
  }
  if (target.origin !== base.origin || target.username || target.password) return DEFAULT_NEXT;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // Belt and braces: a path that a browser could still read as another host is refused.
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : DEFAULT_NEXT;
}
