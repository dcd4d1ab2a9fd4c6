import { inScope, type Signal } from "@/lib/alert-eval";
import type { RuleView } from "@/lib/alert-schemas";
import type { ContainerSummary } from "@/lib/domain";
import { acquireStatsSampler } from "@/server/hub/container-hubs";
import type { Runtime } from "@/server/runtime";

interface Hold {
  rule: RuleView;
  name: string;
  release: () => void;
  overSince: number | null;
  reported: boolean;
}

type Emit = (rule: RuleView, subject: string, signal: Signal | null, at: number) => void;

/**
 * CPU and memory rules: holds the shared stats sampler (the one the Stats tab and list use, no second stream) of
 * every running container in a rule's scope, and reports a problem once a figure stayed over the threshold for the
 * rule's duration, a recovery once it is back under. Follows the containers store: a container that stops or leaves
 * the scope is let go.
 */
export class UsageWatch {
  private rules: RuleView[] = [];
  private readonly holds = new Map<string, Hold>();
  private readonly stopStore: () => void;

  constructor(
    private readonly rt: Runtime,
    private readonly emit: Emit,
  ) {
    this.stopStore = rt.endpoints.onStore<ContainerSummary>("containers", (endpointId) => {
      if (this.rules.some((r) => r.endpointId === endpointId)) this.reconcile();
    });
  }

  setRules(rules: RuleView[]): void {
    this.rules = rules;
    this.reconcile();
  }

  private reconcile(): void {
    const wanted = new Set<string>();
    for (const rule of this.rules) {
      const session = this.rt.endpoints.session(rule.endpointId);
      const store = session?.store<ContainerSummary>("containers");
      if (!session || !store) continue;
      for (const c of store.values()) {
        if (c.state !== "running" || !inScope(rule, c.labels)) continue;
        const key = `${rule.id}/${c.id}`;
        wanted.add(key);
        const held = this.holds.get(key);
        if (held) {
          held.rule = rule;
          continue;
        }
        const hold: Hold = { rule, name: c.name, release: () => {}, overSince: null, reported: false };
        this.holds.set(key, hold);
        hold.release = acquireStatsSampler(rule.endpointId, session, c.id, {
          sample: (s) => this.onSample(hold, rule.trigger === "cpu" ? s.cpuPercent : s.memPercent, s.t),
          state: () => {},
        });
      }
    }
    for (const [key, hold] of this.holds) {
      if (wanted.has(key)) continue;
      hold.release();
      this.holds.delete(key);
      // Stopped or out of scope: no figure can stay over the threshold, so what was reported is over.
      if (hold.reported) this.emit(hold.rule, hold.name, { kind: "recovered" }, Date.now());
    }
  }

  private onSample(hold: Hold, value: number, t: number): void {
    const { rule } = hold;
    if (value > rule.threshold) {
      hold.overSince ??= t;
      if (!hold.reported && t - hold.overSince >= rule.durationSeconds * 1000) {
        hold.reported = true;
        const what = rule.trigger === "cpu" ? "CPU" : "Memory";
        this.emit(
          rule,
          hold.name,
          {
            kind: "problem",
            summary: `${hold.name}: ${what} over ${rule.threshold} % for ${rule.durationSeconds} s (${value.toFixed(1)} %)`,
          },
          t,
        );
      }
      return;
    }
    hold.overSince = null;
    if (hold.reported) {
      hold.reported = false;
      this.emit(rule, hold.name, { kind: "recovered" }, t);
    }
  }

  stop(): void {
    this.stopStore();
    for (const h of this.holds.values()) h.release();
    this.holds.clear();
  }
}
