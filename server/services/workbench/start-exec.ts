import type { Duplex } from "node:stream";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { type ExecStartInput, execArgv } from "@/lib/exec-options";
import type { ExecProcess } from "@/server/endpoints/session";
import { recordAudit } from "../audit/record-audit";
import { containerSession, containersIn } from "./container-session";

export interface ExecHandle {
  process: ExecProcess;
  stream: Duplex;
  endpointId: string;
  containerId: string;
  /** What each later event on this console is re-authorized with (a pod's: kube:exec in its namespace). */
  permission?: "container:exec" | "kube:exec";
  namespace?: string;
  /** Words for a failure of this endpoint (resize errors). */
  describeError(err: unknown): string;
}

/** Opens an interactive TTY exec in a container. Admins and operators only; every start (and refusal) is audited. */
export async function startExec(actor: Actor | null, input: ExecStartInput, source = "console"): Promise<ExecHandle> {
  const argv = execArgv(input);
  const detail = `${argv.join(" ")}${input.user ? ` as ${input.user}` : ""}`;
  const audit = { actor, action: "container.exec", endpointId: input.endpointId, target: input.containerId, source };
  let found: ReturnType<typeof containerSession>;
  try {
    found = containerSession(actor, "container:exec", input.endpointId, input.containerId);
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: `${detail}: ${(err as Error).message}` });
    throw err;
  }
  const { session, containerId } = found;
  const name = containersIn(session).get(containerId)?.name;
  if (name) audit.target = name;
  try {
    if (!session.exec) throw new UserError("This endpoint has no console", 409, "unsupported");
    const process = await session.exec.open(containerId, {
      argv,
      user: input.user || undefined,
      rows: input.rows,
      cols: input.cols,
    });
    await recordAudit({ ...audit, outcome: "success", detail });
    return {
      process,
      stream: process.stream,
      endpointId: input.endpointId,
      containerId,
      describeError: (err) => session.describeError(err),
    };
  } catch (err) {
    const ue = err instanceof UserError ? err : new UserError(session.describeError(err), 409, "engine_error");
    await recordAudit({ ...audit, outcome: "failure", detail: `${detail}: ${ue.message}` });
    throw ue;
  }
}
