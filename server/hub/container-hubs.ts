import type { StatsSample } from "@/lib/container-stats";
import type { LogLine, LogOptions, LogSnapshot } from "@/lib/log-options";
import type { EndpointSession } from "@/server/endpoints/session";
import { type LogOrigin, LogStream } from "./log-stream";
import { StatsSampler, type StatsSnapshot } from "./stats-sampler";

/**
 * The live upstreams of the container workbench and the container lists. One LogStream per (container, options),
 * keyed by topic name. One StatsSampler per container, keyed by (endpoint id, full container id) and shared by every
 * consumer of it (the Stats tab's topic, a list row's usage topic, however each named the container): the first
 * consumer starts it, the last one's release stops it.
 */
const KEY = Symbol.for("berth.container-hubs");
type Hubs = { logs: Map<string, LogStream>; samplers: Map<string, SamplerEntry> };
const g = globalThis as { [KEY]?: Hubs };
g[KEY] ??= { logs: new Map(), samplers: new Map() };
const hubs: Hubs = g[KEY];

export interface LogSink {
  batch(lines: LogLine[], dropped: number): void;
  state(s: Pick<LogSnapshot, "state" | "error">): void;
}

export function startLogStream(
  topic: string,
  session: EndpointSession,
  containerId: string,
  options: LogOptions,
  sink: LogSink,
  origin?: LogOrigin,
): LogStream {
  hubs.logs.get(topic)?.stop();
  const s = new LogStream(session, containerId, options, sink, origin);
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

/** One user of a sampler: gets every new sample and every state change while it holds the sampler. */
export interface StatsConsumer {
  sample(s: StatsSample): void;
  state(s: Omit<StatsSnapshot, "samples">): void;
}

interface SamplerEntry {
  sampler: StatsSampler;
  session: EndpointSession;
  consumers: Set<StatsConsumer>;
}

const samplerKey = (endpointId: string, containerId: string) => `${endpointId}/${containerId}`;

/**
 * Holds the sampler of one container (by its full id) for `consumer`, starting it if nobody held it. Returns the
 * release; calling it more than once is harmless. The sampler stops when its last consumer releases it.
 */
export function acquireStatsSampler(
  endpointId: string,
  session: EndpointSession,
  containerId: string,
  consumer: StatsConsumer,
): () => void {
  const key = samplerKey(endpointId, containerId);
  let entry = hubs.samplers.get(key);
  if (entry && entry.session !== session) {
    // The endpoint was edited (a new session): the old sampler reads from a connection that is gone.
    entry.sampler.stop();
    entry.session = session;
    entry.sampler = newSampler(session, containerId, entry.consumers);
    entry.sampler.start();
  }
  if (!entry) {
    const consumers = new Set<StatsConsumer>([consumer]);
    entry = { sampler: newSampler(session, containerId, consumers), session, consumers };
    hubs.samplers.set(key, entry);
    entry.sampler.start();
  } else {
    entry.consumers.add(consumer);
  }
  return () => {
    const e = hubs.samplers.get(key);
    if (!e?.consumers.delete(consumer) || e.consumers.size > 0) return;
    e.sampler.stop();
    hubs.samplers.delete(key);
  };
}

function newSampler(session: EndpointSession, containerId: string, consumers: Set<StatsConsumer>): StatsSampler {
  return new StatsSampler(
    session,
    containerId,
    (s) => {
      for (const c of consumers) c.sample(s);
    },
    (s) => {
      for (const c of consumers) c.state(s);
    },
  );
}

/** The running sampler of a container (full id), if anyone holds one. */
export function statsSampler(endpointId: string, containerId: string): StatsSampler | undefined {
  return hubs.samplers.get(samplerKey(endpointId, containerId))?.sampler;
}

/** How many consumers hold a container's sampler (0 when none runs). */
export function statsConsumers(endpointId: string, containerId: string): number {
  return hubs.samplers.get(samplerKey(endpointId, containerId))?.consumers.size ?? 0;
}

/** How many upstreams are open right now (tests and benchmarks check one per container, none when nobody looks). */
export function activeUpstreams(): { logs: number; stats: number } {
  return { logs: hubs.logs.size, stats: hubs.samplers.size };
}
