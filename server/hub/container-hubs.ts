import type { StatsSample } from "@/lib/container-stats";
import type { LogLine, LogOptions, LogSnapshot } from "@/lib/log-options";
import type { DockerSession } from "@/server/endpoints/docker/docker-session";
import { LogStream } from "./log-stream";
import { StatsSampler, type StatsSnapshot } from "./stats-sampler";

/**
 * The live upstreams of the container workbench, keyed by topic name: one LogStream per (container, options), one
 * StatsSampler per container. The topic handlers create them at the first subscriber and stop them after the last.
 */
const KEY = Symbol.for("berth.container-hubs");
type Hubs = { logs: Map<string, LogStream>; stats: Map<string, StatsSampler> };
const g = globalThis as { [KEY]?: Hubs };
g[KEY] ??= { logs: new Map(), stats: new Map() };
const hubs: Hubs = g[KEY];

export interface LogSink {
  batch(lines: LogLine[], dropped: number): void;
  state(s: Pick<LogSnapshot, "state" | "error">): void;
}

export function startLogStream(
  topic: string,
  session: DockerSession,
  containerId: string,
  options: LogOptions,
  sink: LogSink,
): LogStream {
  hubs.logs.get(topic)?.stop();
  const s = new LogStream(session, containerId, options, sink);
  hubs.logs.set(topic, s);
  s.start();
  return s;
}

export function stopLogStream(topic: string): void {
  hubs.logs.get(topic)?.stop();
  hubs.logs.delete(topic);
}

export function logStream(topic: string): LogStream | undefined {
  return hubs.logs.get(topic);
}

export function startStatsSampler(
  topic: string,
  session: DockerSession,
  containerId: string,
  onSample: (s: StatsSample) => void,
  onState: (s: Omit<StatsSnapshot, "samples">) => void,
): StatsSampler {
  hubs.stats.get(topic)?.stop();
  const s = new StatsSampler(session, containerId, onSample, onState);
  hubs.stats.set(topic, s);
  s.start();
  return s;
}

export function stopStatsSampler(topic: string): void {
  hubs.stats.get(topic)?.stop();
  hubs.stats.delete(topic);
}

export function statsSampler(topic: string): StatsSampler | undefined {
  return hubs.stats.get(topic);
}

/** How many upstreams are open right now (tests and benchmarks check one per topic, none when nobody looks). */
export function activeUpstreams(): { logs: number; stats: number } {
  return { logs: hubs.logs.size, stats: hubs.stats.size };
}
