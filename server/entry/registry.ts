import type { Action } from "@/lib/policy";

/** Every server action and route handler registers here when defined, so tests can enumerate the real set. */
export interface EntryPoint {
  kind: "action" | "route" | "socket";
  name: string;
  permission: Action | "authenticated" | "public";
}

export const entryPoints: EntryPoint[] = [];

export function register(e: EntryPoint): void {
  entryPoints.push(e);
}
