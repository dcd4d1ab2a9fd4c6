import type { Diff } from "@/lib/domain";
import type { KubeResource, KubeRow, KubeStoreState } from "@/lib/kube-types";
import type { Logger } from "@/server/log";
import { Informer } from "./informer";
import type { KubeClient } from "./kube-client";
import { describeKubeError } from "./kube-errors";
import type { KubeObject } from "./kube-object";
import { RESOURCE_DEFS, resourcePath } from "./resources";

/**
 * Where an informer's rows go: the session's keyed store for that resource (KeyedStore fits). A whole batch goes in
 * with one `apply`, so it leaves the store as ONE diff: row by row, a 20,000-pod list became 20,000 socket messages
 * and as many renders of the whole table in every browser.
 */
export interface RowSink {
  apply(diff: Diff<KubeRow>): unknown;
}

/** "*" is the whole cluster; anything else one namespace. */
export type Scope = string;
export const ALL: Scope = "*";

interface Entry {
  informer: Informer<KubeRow>;
  refs: number;
  linger: NodeJS.Timeout | null;
}

/**
 * The shared informers of one endpoint: one per (resource, namespace scope), started by the first subscriber and
 * stopped LINGER_MS after the last one left (a viewer moving between pages keeps the same watch). Their rows feed one
 * store per resource; when an informer stops, rows that no other live informer of the resource holds leave the store.
 */
export class InformerPool {
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(
    private readonly client: KubeClient,
    private readonly sinkOf: (r: KubeResource) => RowSink | undefined,
    private readonly versionOf: (r: KubeResource) => string | undefined,
    private readonly log: Logger,
    private readonly onState: (r: KubeResource, scope: Scope, s: KubeStoreState) => void = () => {},
    readonly lingerMs = 30_000,
  ) {}

  private key(r: KubeResource, scope: Scope) {
    return `${r}|${scope}`;
  }

  /** Takes one reference; returns the informer (started if new). Cluster-scoped resources ignore the namespace. */
  acquire(r: KubeResource, scope: Scope = ALL): Informer<KubeRow> {
    if (this.stopped) throw new Error("informer pool stopped");
    const def = RESOURCE_DEFS[r];
    const s = def.namespaced ? scope : ALL;
    const k = this.key(r, s);
    const existing = this.entries.get(k);
    if (existing) {
      existing.refs++;
      if (existing.linger) clearTimeout(existing.linger);
      existing.linger = null;
      return existing.informer;
    }
    const version = this.versionOf(r) ?? def.versions[0]!;
    const informer = new Informer<KubeRow>({
      client: this.client,
      path: resourcePath(def, version, s === ALL ? undefined : s),
      map: def.map as (o: KubeObject) => KubeRow,
      onError: (err) => this.log.debug({ resource: r, scope: s, err: describeKubeError(err) }, "informer error"),
    });
    informer.on("diff", (d) => {
      const sink = this.sinkOf(r);
      if (!sink) return;
      sink.apply({ upsert: d.upsert, remove: d.remove.filter((id) => !this.heldElsewhere(r, s, id)) });
    });
    informer.on("state", (st) => this.onState(r, s, st));
    this.entries.set(k, { informer, refs: 1, linger: null });
    informer.start();
    return informer;
  }

  release(r: KubeResource, scope: Scope = ALL): void {
    const s = RESOURCE_DEFS[r].namespaced ? scope : ALL;
    const k = this.key(r, s);
    const e = this.entries.get(k);
    if (!e) return;
    e.refs--;
    if (e.refs > 0) return;
    e.linger = setTimeout(() => this.drop(r, s), this.lingerMs);
    e.linger.unref?.();
  }

  /** The informer of (resource, scope) if one runs, without taking a reference. */
  peek(r: KubeResource, scope: Scope = ALL): Informer<KubeRow> | undefined {
    return this.entries.get(this.key(r, RESOURCE_DEFS[r].namespaced ? scope : ALL))?.informer;
  }

  /** Live informers, for tests and the bench: "pods|*" -> references. */
  refs(): Map<string, number> {
    return new Map([...this.entries].map(([k, e]) => [k, e.refs]));
  }

  stopAll(): void {
    this.stopped = true;
    for (const [k, e] of this.entries) {
      if (e.linger) clearTimeout(e.linger);
      e.informer.stop();
      this.entries.delete(k);
    }
  }

  private drop(r: KubeResource, s: Scope) {
    const k = this.key(r, s);
    const e = this.entries.get(k);
    if (!e || e.refs > 0) return;
    this.entries.delete(k);
    e.informer.stop();
    const sink = this.sinkOf(r);
    if (sink)
      sink.apply({ upsert: [], remove: [...e.informer.rows.keys()].filter((id) => !this.heldElsewhere(r, s, id)) });
  }

  private heldElsewhere(r: KubeResource, s: Scope, id: string): boolean {
    for (const [k, e] of this.entries)
      if (k !== this.key(r, s) && k.startsWith(`${r}|`) && e.informer.rows.has(id)) return true;
    return false;
  }
}
