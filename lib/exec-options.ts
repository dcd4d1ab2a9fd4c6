import { z } from "zod";
import { containerRef, endpointId } from "./schemas";
import { SHELLS } from "./shells";

export { SHELLS };

const cols = z.number().int().min(2).max(1000);
const rows = z.number().int().min(2).max(500);

const shellChoice = {
  shell: z.enum(SHELLS).default("sh"),
  command: z.string().trim().max(512, "The command is at most 512 characters").optional(),
  cols: cols.default(80),
  rows: rows.default(24),
};
const needsCommand = (v: { shell: string; command?: string }) => v.shell !== "custom" || Boolean(v.command);
const needsCommandIssue = { message: "Type the command to run", path: ["command"] };

export const execStartInput = z
  .object({
    endpointId,
    containerId: containerRef,
    shell: z.enum(SHELLS).default("sh"),
    command: z.string().trim().max(512, "The command is at most 512 characters").optional(),
    user: z
      .string()
      .trim()
      .max(129)
      .regex(/^([a-zA-Z0-9_.-]{1,64}(:[a-zA-Z0-9_.-]{1,64})?)?$/, "User is a name or uid, optionally :group")
      .default(""),
    cols: cols.default(80),
    rows: rows.default(24),
  })
  .refine((v) => v.shell !== "custom" || Boolean(v.command), {
    message: "Type the command to run",
    path: ["command"],
  });
export type ExecStartInput = z.infer<typeof execStartInput>;

/** A console in a pod's container (Kubernetes has no exec user). */
export const kubeExecStartInput = z
  .object({
    endpointId,
    namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "Not a valid namespace name"),
    pod: z
      .string()
      .max(253)
      .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "Not a valid pod name"),
    container: z
      .string()
      .max(63)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Not a valid container name"),
    ...shellChoice,
  })
  .refine(needsCommand, needsCommandIssue);
export type KubeExecStartInput = z.infer<typeof kubeExecStartInput>;

export const execId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/);
export const execInput = z.object({ id: execId, data: z.string().max(16 * 1024) });
export const execResize = z.object({ id: execId, cols, rows });
export const execClose = z.object({ id: execId });

/** argv for a shell choice: a custom command is split on whitespace (no shell quoting: it may have no shell). */
export function execArgv(input: Pick<ExecStartInput, "shell" | "command">): string[] {
  if (input.shell !== "custom") return [input.shell];
  return (input.command ?? "").split(/\s+/).filter(Boolean);
}
