import { EventEmitter } from "node:events";
import type { Diff } from "@/lib/domain";
import type { KubeStoreState } from "@/lib/kube-types";
import { KubeApiError, type KubeClient } from "./kube-client";
import { describeKubeError } from "./kube-errors";
import type { KubeList, KubeObject } from "./kube-object";

/**
 * One list-then-watch loop over one collection (a resource, cluster-wide or in one namespace), keeping a map of rows
 * made by `map`. Watches resume from the last resourceVersion (bookmarks keep it fresh), so a dropped stream or an
 * API server restart costs one watch request, not a re-list; only 410 Gone (the version left etcd's window) re-lists,
 * and a re-list is compared with the store so subscribers still get a diff. Errors back off (0.5 s doubling to 30 s).
 */

export interface InformerOptions<R extends { id: string }> {
  client: KubeClient;
  /** Collection path, e.g. /api/v1/pods or /apis/apps/v1/namespaces/web/deployments. */
  path: string;
  map: (o: KubeObject) => R;
  pageSize?: number;
  /** Diffs are gathered this long before they go out (a rollout touches many objects at once). */
  flushMs?: number;
  onError?: (err: Error) => void;
}

interface InformerEvents<R> {
  diff: [Diff<R>];
  state: [KubeStoreState];
}

const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 30_000;

export class Informer<R extends { id: string }> extends EventEmitter<InformerEvents<R>> {
  readonly rows = new Map<string, R>();
  private rv = "";
  private abort: AbortController | null = null;
  private stopped = false;
  private backoff = BACKOFF_MIN_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private pending = new Map<string, R | null>();
  private syncedWaiters: (() => void)[] = [];
  state: KubeStoreState = { synced: false, error: null };
  /** Counters for tests and the bench: how often the loop listed and (re)opened a watch. */
  readonly stats = { lists: 0, watches: 0, events: 0 };

  constructor(private readonly o: InformerOptions<R>) {
    super();
    this.setMaxListeners(0);
  }

  start(): void {
    this.stopped = false;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.retryTimer = this.flushTimer = null;
    this.removeAllListeners();
  }

  /** Resolves once the first list is in (or the informer stopped); rejects never: check `state.error`. */
  whenSynced(): Promise<void> {
    if (this.state.synced || this.state.error || this.stopped) return Promise.resolve();
    return new Promise((r) => this.syncedWaiters.push(r));
  }

  private setState(s: KubeStoreState) {
    if (s.synced === this.state.synced && s.error === this.state.error) return;
    this.state = s;
    this.emit("state", s);
    if (s.synced || s.error) for (const w of this.syncedWaiters.splice(0)) w();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.rv) await this.list();
        if (this.stopped) return;
        await this.watch();
        // A watch that ends normally (server timeout) is simply reopened from where it stood.
      } catch (err) {
        if (this.stopped) return;
        const e = err as Error;
        if (e instanceof KubeApiError && e.status === 410) {
          this.rv = ""; // too old: list again, at once
          continue;
        }
        this.setState({ synced: this.state.synced && !this.isFatal(e), error: describeKubeError(e) });
        this.o.onError?.(e);
        await this.sleep(this.backoff);
        this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS);
      }
    }
  }

  private isFatal(e: Error) {
    return e instanceof KubeApiError && (e.status === 401 || e.status === 403 || e.status === 404);
  }

  private sleep(ms: number) {
    return new Promise<void>((r) => {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        r();
      }, ms);
    });
  }

  private async list(): Promise<void> {
    this.stats.lists++;
    const fresh = new Map<string, R>();
    const first = !this.state.synced && this.rows.size === 0;
    let cont = "";
    let rv = "";
    do {
      const page = await this.o.client.request<KubeList>("GET", this.o.path, {
        query: { limit: this.o.pageSize ?? 500, continue: cont || undefined },
        timeoutMs: 60_000,
      });
      for (const item of page.items ?? []) {
        const row = this.o.map(item);
        fresh.set(row.id, row);
        // The first list goes out page by page: a viewer of 20,000 pods sees the first 500 after one request,
        // not after forty. (A re-list is still compared whole below, so nothing present is ever removed early.)
        if (first) this.queue(row.id, row);
      }
      if (first) this.flush();
      cont = page.metadata?.continue ?? "";
      rv = page.metadata?.resourceVersion ?? rv;
      if (this.stopped) return;
    } while (cont);
    // A re-list becomes a diff against what subscribers already have.
    for (const id of this.rows.keys()) if (!fresh.has(id)) this.queue(id, null);
    for (const [id, row] of fresh) if (JSON.stringify(this.rows.get(id)) !== JSON.stringify(row)) this.queue(id, row);
    this.rv = rv;
    this.flush();
    this.setState({ synced: true, error: null });
  }

  private async watch(): Promise<void> {
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.stats.watches++;
    let buf = "";
    let gone: KubeApiError | null = null;
    // The server closes the watch after timeoutSeconds; jitter spreads the reconnects of many informers.
    const timeoutSeconds = 240 + Math.floor(Math.random() * 120);
    // No byte at all for this long (bookmarks come about once a minute) means a dead connection.
    let stall: NodeJS.Timeout | null = null;
    const arm = () => {
      if (stall) clearTimeout(stall);
      stall = setTimeout(() => this.abort?.abort(), (timeoutSeconds + 30) * 1000);
    };
    arm();
    try {
      await this.o.client.stream(
        this.o.path,
        { watch: 1, resourceVersion: this.rv, allowWatchBookmarks: true, timeoutSeconds },
        (chunk) => {
          arm();
          buf += chunk.toString("utf8");
          let nl = buf.indexOf("\n");
          while (nl >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            if (line.trim()) gone ??= this.onEvent(line);
            nl = buf.indexOf("\n");
          }
          if (gone) this.abort?.abort();
        },
        signal,
      );
    } finally {
      if (stall) clearTimeout(stall);
    }
    if (gone) throw gone;
    if (!this.stopped && this.state.error) this.setState({ synced: true, error: null });
  }

  /** Applies one watch event; returns an error when the watch must end (410 Gone, or another ERROR event). */
  private onEvent(line: string): KubeApiError | null {
    let ev: { type?: string; object?: KubeObject & { code?: number; message?: string; reason?: string } };
    try {
      ev = JSON.parse(line);
    } catch {
      return null;
    }
    const obj = ev.object;
    if (!obj) return null;
    if (ev.type === "ERROR") {
      return new KubeApiError(obj.message || "watch error", obj.code, obj.reason);
    }
    const rv = obj.metadata?.resourceVersion;
    if (rv) this.rv = rv;
    this.backoff = BACKOFF_MIN_MS;
    if (this.state.error) this.setState({ synced: true, error: null });
    if (ev.type === "BOOKMARK") return null;
    this.stats.events++;
    const row = this.o.map(obj);
    if (ev.type === "DELETED") this.queue(row.id, null);
    else if (ev.type === "ADDED" || ev.type === "MODIFIED") this.queue(row.id, row);
    return null;
  }

  private queue(id: string, row: R | null) {
    if (row) this.rows.set(id, row);
    else if (!this.rows.delete(id)) {
      // Deleting something never seen (added and removed within one batch) still clears a queued upsert.
      if (!this.pending.has(id)) return;
    }
    this.pending.set(id, row);
    if (!this.flushTimer && this.state.synced) this.flushTimer = setTimeout(() => this.flush(), this.o.flushMs ?? 25);
  }

  private flush() {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.pending.size) return;
    const upsert: R[] = [];
    const remove: string[] = [];
    for (const [id, row] of this.pending) row ? upsert.push(row) : remove.push(id);
    this.pending.clear();
    this.emit("diff", { upsert, remove });
  }
}
