"use client";

import { io, type Socket } from "socket.io-client";

let socket: Socket | null = null;

/** One socket per browser tab, shared by every live view on the page. */
export function getSocket(): Socket {
  socket ??= io({ path: "/socket.io/", transports: ["websocket", "polling"], withCredentials: true });
  return socket;
}
