import { randomBytes } from "node:crypto";
import type { Socket } from "socket.io";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import {
  type ExecStartInput,
  execClose,
  execInput,
  execResize,
  execStartInput,
  type KubeExecStartInput,
  kubeExecStartInput,
} from "@/lib/exec-options";
import { logSearchInput } from "@/lib/log-options";
import { can } from "@/lib/policy";
import { actorFromCookieHeader } from "@/server/auth/session-token";
import { logStream } from "@/server/hub/container-hubs";
import { searchLines } from "@/server/hub/log-search";
import type { Runtime } from "@/server/runtime";
import { startPodExec } from "@/server/services/kubernetes/start-pod-exec";
import { type ExecHandle, startExec } from "@/server/services/workbench/start-exec";
import type { SocketData } from "./gateway";
import { parseTopic } from "./topic-registry";

const MAX_EXECS_PER_SOCKET = 8;

type Reply = (r: { ok: true; [k: string]: unknown } | { ok: false; error: string }) => void;

function replier(ack: unknown): Reply {
  return typeof ack === "function" ? (ack as Reply) : () => {};
}

function failure(err: unknown, fallback: string): { ok: false; error: string } {
  if (err instanceof UserError) return { ok: false, error: err.message };
  return { ok: false, error: fallback };
}

/**
 * Socket events beyond subscribe/unsubscribe: log search and the exec console. Each event re-loads the actor from
 * the session cookie and authorizes itself, so a role change or sign-out takes effect on the very next keystroke.
 */
export function attachWorkbenchEvents(socket: Socket, rt: Runtime): void {
  const data = socket.data as SocketData;
  const execs = new Map<string, ExecHandle>();

  const freshActor = async (): Promise<Actor | null> => {
    const actor = await actorFromCookieHeader(socket.request.headers.cookie);
    if (!actor) {
      socket.emit("revoked", { reason: "session ended" });
      socket.disconnect(true);
      return null;
    }
    data.actor = actor;
    return actor;
  };

  const closeExec = (id: string) => {
    const h = execs.get(id);
    if (!h) return;
    execs.delete(id);
    h.stream.destroy();
  };

  socket.on("logs:search", async (raw: unknown, ack: unknown) => {
    const reply = replier(ack);
    const parsed = logSearchInput.safeParse(raw);
    if (!parsed.success) return reply({ ok: false, error: parsed.error.issues[0]?.message ?? "Bad search" });
    const topic = parseTopic(parsed.data.topic);
    const kind = topic?.kind;
    if (!topic || (kind !== "logs" && kind !== "serviceLogs" && kind !== "kubeLogs"))
      return reply({ ok: false, error: "Unknown topic" });
    const actor = await freshActor();
    if (!actor) return;
    // Container logs need container:read; a service's swarm:read; a pod's or workload's kube:read in its namespace.
    const permission = kind === "logs" ? "container:read" : kind === "serviceLogs" ? "swarm:read" : "kube:read";
    if (!can(actor, permission, { endpointId: topic.endpointId, namespace: topic.namespace }))
      return reply({ ok: false, error: "Not found" });
    const stream = logStream(topic.name);
    if (!stream) return reply({ ok: false, error: "Open the logs first" });
    try {
      reply({ ok: true, result: await searchLines(actor.id, stream.backlog.toArray(), parsed.data) });
    } catch (err) {
      reply(failure(err, "Search failed"));
    }
  });

  socket.on("exec:start", async (raw: unknown, ack: unknown) => {
    const reply = replier(ack);
    // A pod's container (Kubernetes) when the request names a pod, else a Docker container.
    const isPod = typeof raw === "object" && raw !== null && "pod" in raw;
    const parsed = isPod ? kubeExecStartInput.safeParse(raw) : execStartInput.safeParse(raw);
    if (!parsed.success) return reply({ ok: false, error: parsed.error.issues[0]?.message ?? "Bad request" });
    const actor = await freshActor();
    if (!actor) return;
    if (execs.size >= MAX_EXECS_PER_SOCKET) return reply({ ok: false, error: "Too many open consoles" });
    try {
      const handle = isPod
        ? await startPodExec(actor, parsed.data as KubeExecStartInput)
        : await startExec(actor, parsed.data as ExecStartInput);
      if (!socket.connected) return void handle.stream.destroy();
      const id = randomBytes(9).toString("base64url");
      execs.set(id, handle);
      const decoder = new TextDecoder();
      // Backpressure: a command flooding the terminal (yes, cat of a big file) pauses while the browser catches up.
      const conn = socket.conn as unknown as { writeBuffer?: unknown[]; once(e: "drain", f: () => void): void };
      handle.stream.on("data", (chunk: Buffer) => {
        socket.emit("exec:output", { id, data: decoder.decode(chunk, { stream: true }) });
        if ((conn.writeBuffer?.length ?? 0) > 256 && !handle.stream.isPaused()) {
          handle.stream.pause();
          conn.once("drain", () => handle.stream.resume());
        }
      });
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        execs.delete(id);
        void handle.process.exitCode().then((code) => socket.emit("exec:exit", { id, code }));
      };
      handle.stream.on("end", end);
      handle.stream.on("close", end);
      handle.stream.on("error", end);
      reply({ ok: true, id });
    } catch (err) {
      rt.log.debug({ err }, "exec start failed");
      reply(failure(err, "Could not start the console"));
    }
  });

  // Input, resize and close: authorized per event against the exec's own endpoint.
  const guarded = async (id: string, reply: Reply): Promise<ExecHandle | null> => {
    const h = execs.get(id);
    if (!h) {
      reply({ ok: false, error: "No such console" });
      return null;
    }
    const actor = await freshActor();
    if (!actor) return null;
    if (!can(actor, h.permission ?? "container:exec", { endpointId: h.endpointId, namespace: h.namespace })) {
      closeExec(id);
      reply({ ok: false, error: "You may no longer use this console" });
      return null;
    }
    return h;
  };

  // Authorizing is async (a database read), so keystrokes are handled strictly one after another: otherwise two
  // events could finish their checks out of order and reach the shell swapped.
  let inputQueue: Promise<void> = Promise.resolve();
  socket.on("exec:input", (raw: unknown, ack: unknown) => {
    const reply = replier(ack);
    const parsed = execInput.safeParse(raw);
    if (!parsed.success) return reply({ ok: false, error: "Bad input" });
    inputQueue = inputQueue
      .then(async () => {
        const h = await guarded(parsed.data.id, reply);
        if (!h) return;
        h.stream.write(parsed.data.data);
        reply({ ok: true });
      })
      // one failed keystroke must not stall the ones after it
      .catch(() => {});
  });

  socket.on("exec:resize", async (raw: unknown, ack: unknown) => {
    const reply = replier(ack);
    const parsed = execResize.safeParse(raw);
    if (!parsed.success) return reply({ ok: false, error: "Bad size" });
    const h = await guarded(parsed.data.id, reply);
    if (!h) return;
    try {
      await h.process.resize(parsed.data.rows, parsed.data.cols);
      reply({ ok: true });
    } catch (err) {
      rt.log.debug({ err: h.describeError(err) }, "exec resize failed");
      reply({ ok: false, error: `Could not resize: ${h.describeError(err)}` });
    }
  });

  socket.on("exec:close", async (raw: unknown, ack: unknown) => {
    const reply = replier(ack);
    const parsed = execClose.safeParse(raw);
    if (!parsed.success) return reply({ ok: false, error: "Bad request" });
    // Closing needs no permission: it only ever reduces access.
    closeExec(parsed.data.id);
    reply({ ok: true });
  });

  // An idle console sends no events; re-check its owner every few seconds so a revoked operator's session ends.
  const recheck = setInterval(async () => {
    if (execs.size === 0) return;
    const actor = await actorFromCookieHeader(socket.request.headers.cookie).catch(() => undefined);
    if (actor === undefined) return; // database hiccup: try again next round
    for (const [id, h] of execs) {
      if (!actor || !can(actor, "container:exec", { endpointId: h.endpointId })) {
        closeExec(id);
        socket.emit("exec:exit", { id, code: null, reason: "access withdrawn" });
      }
    }
  }, 3_000);
  recheck.unref();

  socket.on("disconnect", () => {
    clearInterval(recheck);
    for (const id of [...execs.keys()]) closeExec(id);
  });
}
