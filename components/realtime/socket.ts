"use client";

import type { Socket } from "socket.io-client";

type Listener = (...args: unknown[]) => void;

/**
 * The page's socket, whose client library (socket.io-client, ~12 kB compressed) loads after the page is up instead of
 * with every page's first load: pages are server-rendered, so nothing live is needed before hydration. Until the
 * library is there, listeners are kept and emits queued, then handed to the real socket in order; `connected` stays
 * false, so views wait for "connect" to subscribe, as they do for any socket that is still connecting. socket.io
 * itself buffers emits made before it connects, so queueing here changes nothing a view can see.
 */
class LazySocket {
  private real: Socket | null = null;
  private listeners: [string, Listener][] = [];
  private queued: [string, unknown[]][] = [];

  get connected(): boolean {
    return this.real?.connected ?? false;
  }

  on<A extends unknown[]>(event: string, fn: (...args: A) => void): this {
    const f = fn as unknown as Listener;
    if (this.real) this.real.on(event, f);
    else this.listeners.push([event, f]);
    return this;
  }

  off<A extends unknown[]>(event: string, fn: (...args: A) => void): this {
    const f = fn as unknown as Listener;
    if (this.real) this.real.off(event, f);
    else this.listeners = this.listeners.filter(([e, g]) => e !== event || g !== f);
    return this;
  }

  emit(event: string, ...args: unknown[]): this {
    if (this.real) this.real.emit(event, ...args);
    else this.queued.push([event, args]);
    return this;
  }

  attach(real: Socket) {
    this.real = real;
    for (const [event, f] of this.listeners) real.on(event, f);
    for (const [event, args] of this.queued) real.emit(event, ...args);
    this.listeners = [];
    this.queued = [];
  }
}

export type LiveSocket = LazySocket;

let socket: LazySocket | null = null;

/** One socket per browser tab, shared by every live view on the page. */
export function getSocket(): LiveSocket {
  if (!socket) {
    const s = new LazySocket();
    socket = s;
    void import("socket.io-client").then(({ io }) =>
      s.attach(io({ path: "/socket.io/", transports: ["websocket", "polling"], withCredentials: true })),
    );
  }
  return socket;
}
