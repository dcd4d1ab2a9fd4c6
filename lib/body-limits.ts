/**
 * How many bytes each kind of request body, upload and socket message may have. One place, so the custom server's
 * gate, the route factory, next.config (server actions), socket.io and upload fields all agree.
 */
export const LIMITS = {
  /** JSON bodies of /api/v1 route handlers. */
  apiBody: 256 * 1024,
  /** Server action bodies (forms, create/edit specs, endpoint settings with three PEM files). */
  actionBody: 1024 * 1024,
  /** next-auth's sign-in, sign-out and CSRF forms. */
  authBody: 16 * 1024,
  /** Any other request body the server may read (pages ignore theirs). */
  otherBody: 64 * 1024,
  /** One socket.io message, in both namespaces. */
  socketMessage: 64 * 1024,
  /** One uploaded PEM file (CA, certificate, key). */
  pemFile: 64 * 1024,
  /** One uploaded compose file. */
  composeFile: 512 * 1024,
} as const;

/**
 * next.config's serverActions.bodySizeLimit ("<n>kb"), derived so the two never drift: twice Berth's own, so Next's
 * check is only a backstop. At the same number the two raced on a chunked body, and when Next's won it answered 200
 * with an error payload instead of Berth's 413.
 */
export const ACTION_BODY_LIMIT_SETTING = `${(2 * LIMITS.actionBody) / 1024}kb` as const;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
  return n >= 1024 ? `${Math.round((n / 1024) * 10) / 10} KiB` : `${n} bytes`;
}

/** The body limit for a request, by method, path and whether it calls a server action. */
/** A volume restore's tar, streamed to the engine as it arrives (never held): bounded by BERTH_VOLUME_UPLOAD_LIMIT. */
const VOLUME_ARCHIVE = /^\/api\/v1\/endpoints\/[^/]+\/volume-archive\/[^/]+$/;
export const volumeUploadLimit = () => Number(process.env.BERTH_VOLUME_UPLOAD_LIMIT) || 64 * 1024 ** 3;

export function bodyLimitFor(method: string, path: string, headers: { nextAction?: boolean }): number {
  if (headers.nextAction) return LIMITS.actionBody;
  if (method === "PUT" && VOLUME_ARCHIVE.test(path)) return volumeUploadLimit();
  if (path.startsWith("/api/v1/")) return LIMITS.apiBody;
  if (path.startsWith("/api/auth/")) return LIMITS.authBody;
  // A POST to a page is a server action too (forms posted without JavaScript carry the action id in the body).
  return method === "POST" ? LIMITS.actionBody : LIMITS.otherBody;
}

/** A declared Content-Length, or null when absent or malformed (then the body is counted while it streams). */
export function declaredLength(value: string | null | undefined): number | null {
  if (value == null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

/** For a browser file input: refuse a file over the limit before reading it into memory. */
export async function readUploadedFile(file: { size: number; text(): Promise<string> }, what: string, limit: number) {
  if (file.size > limit) return { ok: false as const, error: `${what} is too large (at most ${formatBytes(limit)})` };
  return { ok: true as const, text: await file.text() };
}
