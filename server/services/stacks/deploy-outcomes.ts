import { EventEmitter } from "node:events";

/** How a stack deploy ended: what the "deploy failed" alert rule listens to. */
export interface DeployOutcome {
  endpointId: string;
  project: string;
  ok: boolean;
  error?: string;
  /** The service the deploy stopped at, when it got that far. */
  service?: string;
  at: number;
}

/**
 * Every finished deploy job (any source), and Git-triggered deploys that failed before a job could start (the fetch,
 * or a bad file in the repository): nobody watches a form for those. A deploy refused in the UI or the API is not
 * sent: the person who asked sees the error. On globalThis: actions (Next's bundle) start deploys, the alert engine
 * lives in the custom server's bundle.
 */
export type DeployOutcomes = EventEmitter<{ outcome: [DeployOutcome] }>;
const KEY = Symbol.for("berth.deploy-outcomes");
export function deployOutcomes(): DeployOutcomes {
  const g = globalThis as { [KEY]?: DeployOutcomes };
  g[KEY] ??= new EventEmitter().setMaxListeners(0) as DeployOutcomes;
  return g[KEY];
}
