"use client";

import type { Terminal } from "@xterm/xterm";
import { useEffect, useRef, useState } from "react";
import "@xterm/xterm/css/xterm.css";
import { getSocket } from "@/components/realtime/socket";
import { SHELLS } from "@/lib/shells";

type Ack = { ok: true; id?: string } | { ok: false; error: string };
const control = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";
// Socket messages are capped server-side; a big paste goes in pieces.
const INPUT_CHUNK = 8 * 1024;

/**
 * An exec console: xterm.js in the browser, a TTY exec on the engine, bytes over the one socket. xterm renders
 * terminal output itself (to a canvas/DOM grid of text): output is never parsed as HTML.
 */
export function ConsolePanel(props: {
  endpointId: string;
  containerId: string;
  canExec: boolean;
  running: boolean;
  /** A pod container instead of a Docker container: sent in place of containerId (and no user: Kubernetes has none). */
  pod?: { namespace: string; pod: string; container: string };
}) {
  const [shell, setShell] = useState<(typeof SHELLS)[number]>("sh");
  const [command, setCommand] = useState("");
  const [user, setUser] = useState("");
  const [status, setStatus] = useState<"idle" | "connecting" | "open" | "closed">("idle");
  const [message, setMessage] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const execId = useRef<string | null>(null);
  const cleanup = useRef<(() => void) | null>(null);

  useEffect(() => () => cleanup.current?.(), []);

  if (!props.canExec) {
    return (
      <section aria-label="Console">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Only operators{props.pod ? " of this namespace" : ""} and admins can open a console.
        </p>
      </section>
    );
  }

  const connect = async () => {
    cleanup.current?.();
    setMessage(null);
    setStatus("connecting");
    const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
    const el = box.current;
    if (!el) return;
    el.replaceChildren();
    const t = new Terminal({ cursorBlink: true, fontSize: 13, convertEol: false, scrollback: 5000 });
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.open(el);
    fit.fit();
    term.current = t;
    const socket = getSocket();
    const send = (data: string) => {
      const id = execId.current;
      if (!id) return;
      for (let i = 0; i < data.length; i += INPUT_CHUNK) {
        socket.emit("exec:input", { id, data: data.slice(i, i + INPUT_CHUNK) }, (r: Ack) => {
          if (!r.ok) setMessage(r.error);
        });
      }
    };
    // Copy with Ctrl+Shift+C, paste with Ctrl+Shift+V (plain Ctrl+C must still reach the shell as SIGINT).
    t.attachCustomKeyEventHandler((e) => {
      if (e.type !== "keydown" || !e.ctrlKey || !e.shiftKey) return true;
      if (e.code === "KeyC") {
        void navigator.clipboard?.writeText(t.getSelection());
        return false;
      }
      if (e.code === "KeyV") {
        void navigator.clipboard?.readText().then((text) => t.paste(text));
        return false;
      }
      return true;
    });
    const onOutput = (m: { id: string; data: string }) => {
      if (m.id === execId.current) t.write(m.data);
    };
    const onExit = (m: { id: string; code: number | null }) => {
      if (m.id !== execId.current) return;
      execId.current = null;
      setStatus("closed");
      t.write(`\r\n[process exited${m.code === null ? "" : ` with code ${m.code}`}]\r\n`);
    };
    socket.on("exec:output", onOutput);
    socket.on("exec:exit", onExit);
    const dataSub = t.onData(send);
    const resize = () => {
      fit.fit();
      const id = execId.current;
      if (id) socket.emit("exec:resize", { id, cols: t.cols, rows: t.rows });
    };
    const ro = new ResizeObserver(resize);
    ro.observe(el);
    cleanup.current = () => {
      const id = execId.current;
      if (id) socket.emit("exec:close", { id });
      execId.current = null;
      ro.disconnect();
      dataSub.dispose();
      socket.off("exec:output", onOutput);
      socket.off("exec:exit", onExit);
      t.dispose();
      term.current = null;
      cleanup.current = null;
    };
    socket.emit(
      "exec:start",
      {
        endpointId: props.endpointId,
        ...(props.pod ? props.pod : { containerId: props.containerId, user }),
        shell,
        command: shell === "custom" ? command : undefined,
        cols: t.cols,
        rows: t.rows,
      },
      (r: Ack) => {
        if (!r.ok || !r.id) {
          setStatus("idle");
          setMessage(r.ok ? "Could not start the console" : r.error);
          return;
        }
        execId.current = r.id;
        setStatus("open");
        t.focus();
      },
    );
  };

  const disconnect = () => {
    cleanup.current?.();
    setStatus("closed");
  };

  const open = status === "open" || status === "connecting";
  return (
    <section aria-label="Console" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-1">
          Shell
          <select
            className={control}
            value={shell}
            disabled={open}
            onChange={(e) => setShell(e.target.value as typeof shell)}
          >
            {SHELLS.map((s) => (
              <option key={s} value={s}>
                {s === "custom" ? "custom command" : s}
              </option>
            ))}
          </select>
        </label>
        {shell === "custom" && (
          <label className="flex items-center gap-1">
            Command
            <input
              className={`${control} w-56`}
              value={command}
              disabled={open}
              maxLength={512}
              onChange={(e) => setCommand(e.target.value)}
            />
          </label>
        )}
        {!props.pod && (
          <label className="flex items-center gap-1">
            User
            <input
              className={`${control} w-32`}
              value={user}
              placeholder="default"
              disabled={open}
              maxLength={129}
              onChange={(e) => setUser(e.target.value)}
            />
          </label>
        )}
        {!open ? (
          <button
            type="button"
            className="rounded bg-blue-600 px-3 py-1 text-white disabled:opacity-50"
            disabled={!props.running}
            onClick={() => void connect()}
          >
            Connect
          </button>
        ) : (
          <button
            type="button"
            className="rounded border border-slate-300 px-3 py-1 dark:border-slate-700"
            onClick={disconnect}
          >
            Disconnect
          </button>
        )}
        {open && (
          <>
            <button
              type="button"
              className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700"
              onClick={() => void navigator.clipboard?.writeText(term.current?.getSelection() ?? "")}
            >
              Copy selection
            </button>
            <button
              type="button"
              className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700"
              onClick={() => void navigator.clipboard?.readText().then((text) => term.current?.paste(text))}
            >
              Paste
            </button>
          </>
        )}
        <span aria-live="polite" className="text-slate-500 dark:text-slate-400">
          {!props.running
            ? props.pod
              ? "The pod is not running"
              : "The container is not running"
            : status === "open"
              ? "Connected"
              : status === "connecting"
                ? "Connecting…"
                : status === "closed"
                  ? "Disconnected"
                  : ""}
        </span>
      </div>
      {message && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {message}
        </p>
      )}
      <div ref={box} role="application" aria-label="Terminal" className="h-[60vh] rounded bg-black p-1" />
    </section>
  );
}
