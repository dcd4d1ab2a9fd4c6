import type { BulkVerb } from "./bulk-schemas";
import { formatSpan } from "./format";

// What a container's state allows and how it reads to a person. Pure: browser, server and unit tests alike.

/** The lifecycle verbs that make sense in a state, in the order a toolbar or menu shows them (Remove always last). */
export function verbsFor(state: string): BulkVerb[] {
  switch (state) {
    case "running":
      return ["stop", "restart", "kill", "pause", "remove"];
    case "paused":
      return ["resume", "stop", "kill", "remove"];
    case "restarting":
      return ["stop", "kill", "remove"];
    case "removing":
      return [];
    default:
      // created, exited, dead
      return ["start", "remove"];
  }
}

export const VERB_LABEL: Record<BulkVerb, string> = {
  start: "Start",
  stop: "Stop",
  restart: "Restart",
  kill: "Kill",
  pause: "Pause",
  resume: "Resume",
  remove: "Remove",
  update: "Update image",
};

/** What a finished verb did, for a toast: "Stopped web". */
export const VERB_DONE: Record<BulkVerb, string> = {
  start: "Started",
  stop: "Stopped",
  restart: "Restarted",
  kill: "Killed",
  pause: "Paused",
  resume: "Resumed",
  remove: "Removed",
  update: "Updated",
};

const ZERO_TIME = /^0001-01-01/;

/** "up 3 h", "exited 5 min ago with code 137", "created, never started": the state at a glance. */
export function describeState(
  s: { state: string; startedAt?: string; finishedAt?: string; exitCode?: number },
  now: number = Date.now(),
): string {
  const at = (iso?: string) => (iso && !ZERO_TIME.test(iso) ? Date.parse(iso) : Number.NaN);
  const started = at(s.startedAt);
  const finished = at(s.finishedAt);
  switch (s.state) {
    case "running":
      return Number.isFinite(started) ? `up ${formatSpan(now - started)}` : "running";
    case "paused":
      return Number.isFinite(started) ? `paused, up ${formatSpan(now - started)}` : "paused";
    case "restarting":
      return "restarting";
    case "created":
      return "created, never started";
    case "exited":
    case "dead": {
      const code = s.exitCode !== undefined ? ` with code ${s.exitCode}` : "";
      const when = Number.isFinite(finished) ? ` ${formatSpan(now - finished)} ago` : "";
      return `${s.state}${when}${code}`;
    }
    default:
      return s.state;
  }
}
