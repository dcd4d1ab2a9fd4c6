import { EventEmitter } from "node:events";

/** Rules changed (saved or deleted): the engine reloads them. On globalThis: actions run in Next's bundle. */
export type AlertSignals = EventEmitter<{ rulesChanged: []; enqueued: [] }>;
const KEY = Symbol.for("berth.alert-signals");
export function alertSignals(): AlertSignals {
  const g = globalThis as { [KEY]?: AlertSignals };
  g[KEY] ??= new EventEmitter().setMaxListeners(0) as AlertSignals;
  return g[KEY];
}
