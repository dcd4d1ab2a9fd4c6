import type { z } from "zod";
import { UserError } from "@/lib/errors";

/** Validates a second-stage input (a route's body, once the verb is known); a failure is a 400 with the reason. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new UserError(`${where}${issue?.message ?? "Invalid input"}`, 400, "invalid_input");
}
