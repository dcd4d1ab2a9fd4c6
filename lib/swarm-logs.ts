// Service and task logs as the engine sends them with `details=1` (what `docker service logs` asks for): each line
// starts with its context, "com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=…",
// before the text (after the timestamp, when one was asked for). Pure, shared by the hub and unit tests.

const TASK_KEY = "com.docker.swarm.task.id";
const NODE_KEY = "com.docker.swarm.node.id";

export interface TaskLogLine {
  text: string;
  /** The task the line came from. */
  task?: string;
  /** The node that task ran on. */
  node?: string;
}

function queryUnescape(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, " "));
  } catch {
    return v;
  }
}

/**
 * Splits the context off one line. Only the task and node ids are kept: other details (log driver `labels`/`env`
 * options) can carry values a viewer must not see, so they are dropped, never shown.
 */
export function splitTaskContext(raw: string): TaskLogLine {
  const space = raw.indexOf(" ");
  const head = space < 0 ? raw : raw.slice(0, space);
  if (!head.includes(`${TASK_KEY}=`)) return { text: raw };
  const out: TaskLogLine = { text: space < 0 ? "" : raw.slice(space + 1) };
  for (const pair of head.split(",")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const key = queryUnescape(pair.slice(0, eq));
    if (key === TASK_KEY) out.task = queryUnescape(pair.slice(eq + 1));
    else if (key === NODE_KEY) out.node = queryUnescape(pair.slice(eq + 1));
  }
  return out;
}

/** How a line's source reads in the viewer: `web.2@node-1` (or the short task id of a global service). */
export function taskLabel(
  serviceName: string,
  task: { id: string; slot?: number; nodeId?: string } | undefined,
  taskId: string,
  hostname: string | undefined,
): string {
  const which = task?.slot ?? (task?.nodeId ?? taskId).slice(0, 12);
  return `${serviceName}.${which}${hostname ? `@${hostname}` : ""}`;
}
