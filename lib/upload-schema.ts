import { z } from "zod";
import { formatBytes } from "./body-limits";

// Apart from lib/body-limits.ts so upload fields in the browser (which need the limits) do not pull zod in.

/** An uploaded text file (PEM, compose) as a form field: the same byte limit in the browser, action and API. */
export function uploadedText(what: string, limit: number) {
  return z
    .string()
    .refine((s) => new TextEncoder().encode(s).length <= limit, `${what} is too large (at most ${formatBytes(limit)})`);
}
