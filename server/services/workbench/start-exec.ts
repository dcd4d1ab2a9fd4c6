import type { Duplex } from "node:stream";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { type ExecStartInput, execArgv } from "@/lib/exec-options";
import type { ExecProcess } from "@/server/endpoints/session";
import { type UseCaseContext, useCase } from "../use-case";
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
export function startExec(
  actor: Actor | null,
  input: ExecStartInput,
  ctx: UseCaseContext = { source: "console" },
): Promise<ExecHandle> {
  const argv = execArgv(input);
  const detail = `${argv.join(" ")}${input.user ? ` as ${input.user}` : ""}`;
  const spec = {
    audit: "container.exec",
    permission: "container:exec" as const,
    resource: { endpointId: input.endpointId },
    target: input.containerId,
    detail,
    step: detail,
    engine: true,
  };
  return useCase(
    actor,
    spec,
    async (me, note) => {
      const { session, containerId } = containerSession(me, "container:exec", input.endpointId, input.containerId);
      note.target = containersIn(session).get(containerId)?.name ?? input.containerId;
      if (!session.exec) throw new UserError("This endpoint has no console", 409, "unsupported");
      const process = await session.exec.open(containerId, {
        argv,
        user: input.user || undefined,
        rows: input.rows,
        cols: input.cols,
      });
      return {
        process,
        stream: process.stream,
        endpointId: input.endpointId,
        containerId,
        describeError: (err: unknown) => session.describeError(err),
      };
    },
    ctx,
  );
}
