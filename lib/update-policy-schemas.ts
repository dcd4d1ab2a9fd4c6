import { z } from "zod";
import { containerRef, endpointId } from "./schemas";
import { projectName } from "./stack-schemas";
import { POLICY_CHOICES } from "./update-policy";

// Inputs of the update policy and maintenance window actions and routes.

/** Containers are named (ids change at every recreate, and an update is a recreate); stacks by compose project. */
export const updatePolicyBody = z.discriminatedUnion("target", [
  z.object({ target: z.literal("container"), name: containerRef, policy: z.enum(POLICY_CHOICES) }),
  z.object({ target: z.literal("stack"), name: projectName, policy: z.enum(POLICY_CHOICES) }),
]);
export const setUpdatePolicyInput = z.object({ endpointId }).and(updatePolicyBody);
export type SetUpdatePolicyInput = z.output<typeof setUpdatePolicyInput>;

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "The window's ends are each a time of day as HH:MM (UTC), 00:00 to 23:59");
/** Both ends or neither (no window: "auto" never runs). May wrap midnight (22:00 to 04:00). */
export const maintenanceWindowBody = z
  .object({ from: hhmm.or(z.literal("")), to: hhmm.or(z.literal("")) })
  .refine((w) => (w.from === "") === (w.to === ""), { message: "Give both ends of the window, or neither" })
  .refine((w) => w.from === "" || w.from !== w.to, { message: "The window must not start and end at the same time" });
export const maintenanceWindowInput = z.object({ endpointId }).and(maintenanceWindowBody);
export type MaintenanceWindowInput = z.output<typeof maintenanceWindowInput>;
