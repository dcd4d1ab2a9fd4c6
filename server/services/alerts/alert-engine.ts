import { randomUUID } from "node:crypto";
import {
  dueResolutions,
  type IncidentRow,
  insertIncident,
  listRuleRows,
  openIncident,
  pendingOfIncident,
  updateDelivery,
  updateIncident,
} from "@/db/alert-queries";
import { inScope, quietUntil, type Signal, signalFor } from "@/lib/alert-eval";
import type { RuleView } from "@/lib/alert-schemas";
import type { ContainerSummary, Diff, EndpointHealth } from "@/lib/domain";
import { baseAction, type EngineEvent } from "@/lib/events";
import type { UpdateView } from "@/lib/updates";
import { type Lease, startLease } from "@/server/jobs/lease";
import type { Runtime } from "@/server/runtime";
import { type DeployOutcome, deployOutcomes } from "../stacks/deploy-outcomes";
import { updateEvents } from "../updates/check-updates";
import { alertSignals } from "./alert-signals";
import { ruleOf } from "./manage-rules";
import { deliverDue, enqueue } from "./outbox";
import { UsageWatch } from "./usage-watch";

export interface AlertEngine {
  lease: Lease;
  /** Resolutions and deliveries that are due, now (the timer calls it every tickMs). */
  tick(): Promise<void>;
  /** Signals in flight (tests wait for them). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Alert evaluation, on the one replica holding the "alerts" lease. Fed by what Berth already has: each endpoint's one
 * events stream (die, oom, health_status, start, kill, destroy), endpoint health, the update checker's results, and
 * for CPU/memory rules the shared stats samplers. A problem opens an incident and writes its messages to the outbox
 * in the same step; recurrences join the open incident (no new message); a recovery starts the rule's cooldown, and
 * "resolved" goes out only if nothing recurred by then. The outbox is sent by this engine too (with retries).
 */
export function startAlertEngine(rt: Runtime, opts: { tickMs?: number; leaseMs?: number } = {}): AlertEngine {
  const lease = startLease(rt, "alerts", { ttlMs: opts.leaseMs ?? 15_000 });
  let rules: RuleView[] = [];
  const killedAt = new Map<string, number>();
  const dies = new Map<string, number[]>();
  const chains = new Map<string, Promise<void>>();
  const inflight = new Set<Promise<void>>();
  const usage = new UsageWatch(rt, (rule, subject, signal, at) => signal && submit(rule, subject, signal, at));

  const loadRules = async () => {
    try {
      rules = (await listRuleRows(rt.db)).map(ruleOf).filter((r) => r.enabled);
      usage.setRules(rules.filter((r) => r.trigger === "cpu" || r.trigger === "memory"));
    } catch (err) {
      rt.log.warn({ err: (err as Error).message }, "alert rules could not be loaded");
    }
  };
  const endpointName = (id: string) => rt.endpoints.view(id)?.name ?? id;

  /** One subject of one rule at a time, in order: two events of a flapping container never open two incidents. */
  function submit(rule: RuleView, subject: string, signal: Signal, at: number): void {
    if (!lease.held()) return;
    const key = `${rule.id}|${subject}`;
    const next = (chains.get(key) ?? Promise.resolve())
      .then(() => apply(rule, subject, signal, at))
      .catch((err) => rt.log.error({ err: (err as Error).message, rule: rule.id }, "alert evaluation failed"));
    chains.set(key, next);
    inflight.add(next);
    void next.finally(() => {
      inflight.delete(next);
      if (chains.get(key) === next) chains.delete(key);
    });
  }

  const messageBase = (rule: RuleView, inc: IncidentRow, event: "firing" | "resolved") => ({
    event,
    rule: { id: rule.id, name: rule.name, trigger: rule.trigger },
    endpoint: { id: rule.endpointId, name: endpointName(rule.endpointId) },
    subject: inc.subject,
    summary: inc.summary,
    incidentId: inc.id,
    count: inc.count,
    startedAt: inc.openedAt,
    resolvedAt: inc.resolvedAt,
  });

  async function apply(rule: RuleView, subject: string, signal: Signal, at: number): Promise<void> {
    const open = await openIncident(rt.db, rule.id, subject);
    if (signal.kind === "problem") {
      if (open) {
        await updateIncident(rt.db, open.id, { count: open.count + 1, lastAt: at, resolveAt: null });
        return;
      }
      const inc: IncidentRow = {
        id: randomUUID(),
        ruleId: rule.id,
        subject,
        summary: signal.summary,
        count: 1,
        openedAt: at,
        lastAt: at,
        resolveAt: null,
        resolvedAt: null,
      };
      await insertIncident(rt.db, inc);
      const due = quietUntil(Date.now(), rule.quietFrom, rule.quietTo) ?? Date.now();
      await enqueue(rt.db, messageBase(rule, inc, "firing"), rule.channelIds, meta(rule, inc), due);
      return;
    }
    if (!open || open.resolveAt) return;
    // A restart loop is over only once a whole window passed without one.
    const quiet = Math.max(rule.cooldownSeconds, rule.trigger === "restart-loop" ? rule.windowMinutes * 60 : 0);
    await updateIncident(rt.db, open.id, { resolveAt: at + quiet * 1000 });
  }

  const meta = (rule: RuleView, inc: IncidentRow) => ({ incidentId: inc.id, ruleId: rule.id, ruleName: rule.name });

  async function resolveDue(now: number): Promise<void> {
    for (const inc of await dueResolutions(rt.db, now)) {
      const resolvedAt = inc.resolveAt ?? now;
      await updateIncident(rt.db, inc.id, { resolvedAt });
      const rule = rules.find((r) => r.id === inc.ruleId);
      // Still held by quiet hours: nobody heard of it, so nobody needs to hear it is over.
      const held = (await pendingOfIncident(rt.db, inc.id)).filter((d) => d.event === "firing");
      for (const d of held)
        await updateDelivery(rt.db, d.id, { state: "dropped", lastError: "resolved during quiet hours" });
      if (!rule || held.length) continue;
      const due = quietUntil(now, rule.quietFrom, rule.quietTo) ?? now;
      await enqueue(
        rt.db,
        messageBase(rule, { ...inc, resolvedAt }, "resolved"),
        rule.channelIds,
        meta(rule, inc),
        due,
      );
    }
  }

  const onEvent = (endpointId: string, e: EngineEvent) => {
    if (!lease.held() || e.type !== "container") return;
    const action = baseAction(e.action);
    const ckey = `${endpointId}/${e.actorId}`;
    if (action === "kill") killedAt.set(ckey, e.time);
    const labels =
      rt.endpoints.session(endpointId)?.store<ContainerSummary>("containers")?.get(e.actorId)?.labels ?? e.attributes;
    for (const rule of rules) {
      if (rule.endpointId !== endpointId || !inScope(rule, labels)) continue;
      let restarts: number | undefined;
      if (rule.trigger === "restart-loop" && action === "die") {
        const key = `${rule.id}/${e.actorId}`;
        const recent = (dies.get(key) ?? []).filter((t) => e.time - t < rule.windowMinutes * 60_000);
        recent.push(e.time);
        dies.set(key, recent);
        restarts = recent.length;
      }
      const signal = signalFor(rule.trigger, e, { killedAt: killedAt.get(ckey), restarts, rule });
      if (signal) submit(rule, e.name, signal, e.time);
    }
    if (action === "destroy") killedAt.delete(ckey);
  };

  // Health is re-sent with every ping: only a change from up to down (or back) is a signal.
  const lastHealth = new Map<string, string>();
  const onHealth = (endpointId: string, h: EndpointHealth) => {
    if (h.state === "connecting" || lastHealth.get(endpointId) === h.state) return;
    const was = lastHealth.get(endpointId);
    lastHealth.set(endpointId, h.state);
    if (was === undefined && h.state === "up") return;
    for (const rule of rules) {
      if (rule.trigger !== "endpoint-down" || rule.endpointId !== endpointId) continue;
      const name = endpointName(endpointId);
      const signal: Signal =
        h.state === "down"
          ? { kind: "problem", summary: `Endpoint ${name} is unreachable${h.reason ? `: ${h.reason}` : ""}` }
          : { kind: "recovered" };
      submit(rule, name, signal, Date.now());
    }
  };

  const onUpdates = (endpointId: string, d: Diff<UpdateView>) => {
    const store = rt.endpoints.session(endpointId)?.store<ContainerSummary>("containers");
    for (const rule of rules) {
      if (rule.trigger !== "update-available" || rule.endpointId !== endpointId) continue;
      for (const u of d.upsert) {
        if (!inScope(rule, store?.get(u.id)?.labels ?? {})) continue;
        if (u.state === "available")
          submit(
            rule,
            u.containerName,
            { kind: "problem", summary: `A newer ${u.image} is available for ${u.containerName}` },
            Date.now(),
          );
        else if (u.state === "current") submit(rule, u.containerName, { kind: "recovered" }, Date.now());
      }
    }
  };

  // A stack's deploy failing opens an incident on the stack; its next successful deploy resolves it.
  const onDeploy = (o: DeployOutcome) => {
    for (const rule of rules) {
      if (rule.trigger !== "deploy-failed" || rule.endpointId !== o.endpointId) continue;
      // Scoped by stack only: a deploy has no container labels to select on.
      if (rule.project && rule.project !== o.project) continue;
      const signal: Signal = o.ok
        ? { kind: "recovered" }
        : {
            kind: "problem",
            summary: `Deploy of stack ${o.project} failed${o.service ? ` at service ${o.service}` : ""}: ${o.error ?? "unknown error"}`,
          };
      submit(rule, o.project, signal, o.at);
    }
  };

  let delivering: Promise<unknown> | null = null;
  let again = false;
  const deliver = () => {
    if (!lease.held()) return;
    if (delivering) {
      again = true;
      return;
    }
    delivering = deliverDue(rt.db)
      .catch((err) => rt.log.warn({ err: (err as Error).message }, "alert delivery failed"))
      .finally(() => {
        delivering = null;
        if (again) {
          again = false;
          deliver();
        }
      });
  };
  const tick = async () => {
    if (!lease.held()) return;
    await resolveDue(Date.now()).catch((err) => rt.log.warn({ err: (err as Error).message }, "alert resolve failed"));
    deliver();
    await delivering;
  };

  const onRules = () => void loadRules();
  alertSignals().on("rulesChanged", onRules);
  alertSignals().on("enqueued", deliver);
  rt.endpoints.on("engineEvent", onEvent);
  rt.endpoints.on("health", onHealth);
  updateEvents().on("diff", onUpdates);
  deployOutcomes().on("outcome", onDeploy);
  void loadRules();
  const timer = setInterval(() => void tick(), opts.tickMs ?? 1_000);
  timer.unref();
  const reload = setInterval(() => void loadRules(), 60_000);
  reload.unref();

  return {
    lease,
    tick,
    idle: async () => {
      while (inflight.size) await Promise.all([...inflight]);
    },
    async stop() {
      clearInterval(timer);
      clearInterval(reload);
      alertSignals().off("rulesChanged", onRules);
      alertSignals().off("enqueued", deliver);
      rt.endpoints.off("engineEvent", onEvent);
      rt.endpoints.off("health", onHealth);
      updateEvents().off("diff", onUpdates);
      deployOutcomes().off("outcome", onDeploy);
      usage.stop();
      await delivering;
      await lease.stop();
    },
  };
}
