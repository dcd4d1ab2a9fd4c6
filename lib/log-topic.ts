// Log stream options as the browser needs them (the choices and the topic name), without zod: lib/log-options.ts
// holds the schemas and re-exports these.

export const LOG_SINCE = ["10m", "1h", "4h", "1d", "all"] as const;
export type LogSince = (typeof LOG_SINCE)[number];
export const LOG_TAILS = [100, 500, 1000, 5000, 10000] as const;
export const MAX_TAIL = 100_000;

export interface LogOptions {
  tail: number | "all";
  since: LogSince;
  timestamps: boolean;
}

export function logsTopic(endpointId: string, containerId: string, o: LogOptions): string {
  return `endpoint:${endpointId}:container:${containerId}:logs:${o.tail}:${o.since}:${o.timestamps ? 1 : 0}`;
}

/** Logs of a swarm service: every task (`task` "all") or one task, with the same options as container logs. */
export function serviceLogsTopic(endpointId: string, serviceId: string, task: string, o: LogOptions): string {
  return `endpoint:${endpointId}:service:${serviceId}:logs:${task}:${o.tail}:${o.since}:${o.timestamps ? 1 : 0}`;
}
