"use client";

import { toast } from "@/components/ui/toast";

type Result<R> = { ok: true; data: R } | { ok: false; error: string };

/** Runs one stack action and says how it went in a toast; true on success. */
export async function runStackAction<R>(
  what: string,
  fn: () => Promise<Result<R>>,
  done?: (r: R) => string,
): Promise<R | null> {
  try {
    const r = await fn();
    if (!r.ok) {
      toast.error(`${what} failed`, { details: r.error });
      return null;
    }
    toast.success(done ? done(r.data) : what);
    return r.data;
  } catch {
    toast.error(`${what} failed`, { details: "Berth could not be reached" });
    return null;
  }
}
