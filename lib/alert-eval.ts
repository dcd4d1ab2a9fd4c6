import type { RuleInput, RuleKind } from "./alert-schemas";
import { COMPOSE_PROJECT_LABEL } from "./container-filter";
import { baseAction, type EngineEvent } from "./events";

// The pure half of alert evaluation: what an engine event means for a rule, scopes, quiet hours. The engine
// (server/services/alerts/alert-engine.ts) keeps incidents and the outbox.

/** A problem (opens or joins an incident) or a recovery (starts its cooldown) for one subject. */
export type Signal = { kind: "problem"; summary: string } | { kind: "recovered" };

/** A `kill` shortly before a `die` means someone stopped or killed it: that exit is no crash. */
export const USER_STOP_WINDOW_MS = 30_000;

/**
 * What a container event means for a rule's trigger. `killedAt` is when the container last got a `kill` event (docker
 * stop/kill), `restarts` the die times of this container inside the rule's window (restart loops).
 */
export function signalFor(
  trigger: RuleKind,
  e: Pick<EngineEvent, "type" | "action" | "name" | "attributes" | "time">,
  ctx: { killedAt?: number; restarts?: number; rule?: Pick<RuleInput, "count" | "windowMinutes"> } = {},
): Signal | null {
  if (e.type !== "container") return null;
  const action = baseAction(e.action);
  // A removed container has nothing left to be wrong.
  if (action === "destroy") return { kind: "recovered" };
  switch (trigger) {
    case "die": {
      if (action === "start") return { kind: "recovered" };
      if (action !== "die") return null;
      const code = e.attributes.exitCode;
      if (!code || code === "0") return null;
      if (ctx.killedAt !== undefined && e.time - ctx.killedAt < USER_STOP_WINDOW_MS) return null;
      return { kind: "problem", summary: `${e.name} died with exit code ${code}` };
    }
    case "oom":
      if (action === "oom") return { kind: "problem", summary: `${e.name} was killed for lack of memory (OOM)` };
      return action === "start" ? { kind: "recovered" } : null;
    case "unhealthy": {
      if (action !== "health_status") return null;
      const status = e.action.slice(e.action.indexOf(":") + 1).trim();
      if (status === "unhealthy") return { kind: "problem", summary: `${e.name} is unhealthy` };
      return status === "healthy" ? { kind: "recovered" } : null;
    }
    case "restart-loop": {
      if (action === "start") return { kind: "recovered" };
      if (action !== "die" || !ctx.rule || (ctx.restarts ?? 0) < ctx.rule.count) return null;
      return {
        kind: "problem",
        summary: `${e.name} restarted ${ctx.restarts} times in ${ctx.rule.windowMinutes} min`,
      };
    }
    default:
      return null;
  }
}

/** Whether a container's labels fall in the rule's scope (compose project and label selector, both optional). */
export function inScope(rule: Pick<RuleInput, "project" | "label">, labels: Record<string, string>): boolean {
  if (rule.project && labels[COMPOSE_PROJECT_LABEL] !== rule.project) return false;
  const sel = rule.label.trim();
  if (!sel) return true;
  const eq = sel.indexOf("=");
  const key = eq < 0 ? sel : sel.slice(0, eq);
  if (!Object.hasOwn(labels, key)) return false;
  return eq < 0 || labels[key] === sel.slice(eq + 1);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When the rule's quiet hours (UTC, "HH:MM" to "HH:MM", may wrap midnight) end, if `now` is inside them; else null.
 * Messages decided inside quiet hours wait until then.
 */
export function quietUntil(now: number, from: string, to: string): number | null {
  if (!from || !to || from === to) return null;
  const day = Math.floor(now / 86_400_000) * 86_400_000;
  const minute = Math.floor((now - day) / 60_000);
  const f = minutesOf(from);
  const t = minutesOf(to);
  const inside = f < t ? minute >= f && minute < t : minute >= f || minute < t;
  if (!inside) return null;
  const endToday = day + t * 60_000;
  return endToday > now ? endToday : endToday + 86_400_000;
}
