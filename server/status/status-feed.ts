import type { PublicStatusView } from "@/lib/status-view";
import type { Logger } from "@/server/log";
import { getPublicStatus } from "@/server/services/status-pages/get-public-status";
import type { StatusTracker } from "./status-tracker";

/** Bursts of changes (a compose stack restarting) go out as one update. */
const COALESCE_MS = 50;
/** Availability and "watched for" move with time alone: refresh live pages now and then even when nothing changes. */
const REFRESH_MS = 60_000;

/** Comparing views without their build time: an update goes out only when something a visitor sees changed. */
const sameView = (a: PublicStatusView | null, b: PublicStatusView | null) =>
  JSON.stringify(a && { ...a, generatedAt: 0 }) === JSON.stringify(b && { ...b, generatedAt: 0 });

/**
 * The live view of one status page, shared by every public viewer of it: one rebuild per change of what the page
 * shows (from the tracker, which reads the endpoint sessions' stores), whatever the number of viewers. `view` is
 * undefined until the first build, null when the page does not exist (or was deleted).
 */
export class StatusFeed {
  view: PublicStatusView | null | undefined;
  readonly ready: Promise<void>;
  private keys = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly refresh: NodeJS.Timeout;
  private building = false;
  private again = false;
  private stopped = false;

  constructor(
    readonly slug: string,
    private readonly tracker: StatusTracker,
    private readonly publish: (view: PublicStatusView | null) => void,
    private readonly log: Logger,
  ) {
    tracker.on("change", this.onChange);
    tracker.on("pages", this.onPages);
    this.refresh = setInterval(() => this.schedule(), REFRESH_MS);
    this.refresh.unref();
    this.ready = this.build(false);
  }

  private readonly onChange = (keys: string[]) => {
    // Before the first build the keys are not known yet: rebuild to be safe.
    if (this.view === undefined || keys.some((k) => this.keys.has(k))) this.schedule();
  };

  private readonly onPages = (slugs: string[]) => {
    if (slugs.includes(this.slug)) this.schedule();
  };

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.build(true);
    }, COALESCE_MS);
  }

  private async build(publish: boolean): Promise<void> {
    if (this.building) {
      this.again = true;
      return;
    }
    this.building = true;
    try {
      do {
        this.again = false;
        const next = await getPublicStatus(this.slug);
        if (this.stopped) return;
        const view = next?.view ?? null;
        this.keys = next?.keys ?? new Set();
        const changed = this.view === undefined || !sameView(this.view, view);
        this.view = view;
        if (publish && changed) this.publish(view);
      } while (this.again && !this.stopped);
    } catch (err) {
      if (!publish) throw err;
      this.log.error({ err, slug: this.slug }, "status page rebuild failed");
    } finally {
      this.building = false;
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    clearInterval(this.refresh);
    this.tracker.off("change", this.onChange);
    this.tracker.off("pages", this.onPages);
  }
}
