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

type EndpointOpInput = { params: { endpointId: string }; body?: unknown };

/** The endpoint a `/endpoints/{endpointId}/...` route acts on, for its permission check. */
export const onEndpoint = (i: { params: { endpointId: string } }) => ({ endpointId: i.params.endpointId });

/** A verb route's JSON body with the endpoint from the path: the path always wins over a body field. */
export const bodyWithEndpoint = (input: EndpointOpInput) => ({
  ...(input.body && typeof input.body === "object" ? input.body : {}),
  endpointId: input.params.endpointId,
});
