import type { Duplex } from "node:stream";
import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { type ExecStartInput, execArgv } from "@/lib/exec-options";
import { describeDockerError } from "@/server/endpoints/docker/connect";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { recordAudit } from "../audit/record-audit";
import { containerSession } from "./container-session";

export interface ExecHandle {
  exec: Docker.Exec;
  stream: Duplex;
  endpointId: string;
  containerId: string;
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
  const name = session.containers.get(containerId)?.name;
  if (name) audit.target = name;
  try {
    const exec = await session
      .client(BUDGET_MS.action)
      .getContainer(containerId)
      .exec({
        Cmd: argv,
        User: input.user || undefined,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        // No COLUMNS/LINES: busybox (Alpine's sh, stty, ls...) lets them override the tty's size, so they would pin the
        // first size for good and every later resize would be ignored. The size is set on the tty right after start.
        Env: ["TERM=xterm-256color"],
      });
    // The hijacked connection lives as long as the console: start it on the session's timeout-free client.
    const live = session.streams().getExec(exec.id);
    const stream = (await live.start({ hijack: true, stdin: true, Tty: true } as never)) as unknown as Duplex;
    await exec.resize({ h: input.rows, w: input.cols }).catch(() => {});
    await recordAudit({ ...audit, outcome: "success", detail });
    return { exec: live, stream, endpointId: input.endpointId, containerId };
  } catch (err) {
    const e = err as { statusCode?: number; json?: { message?: string } };
    const message =
      e.statusCode === 409
        ? (e.json?.message ?? "The container is not running")
        : e.statusCode === 404
          ? "No such container"
          : describeDockerError(err);
    await recordAudit({ ...audit, outcome: "failure", detail: `${detail}: ${message}` });
    throw new UserError(message, e.statusCode === 404 ? 404 : 409, "engine_error");
  }
}
