import type { EngineEvent } from "@/lib/events";

// Events the engine sent while nobody listened: between an owner's death and its successor's /events stream (the
// lease moves within seconds), or while the engine connection was down. Docker keeps recent events and replays them
// from `since`; this decides where to start and which replayed events the feed already has, so the live events
// table misses none and repeats none.

/** How far back a replay goes at most: the engine keeps only its last events anyway, and a flood would help nobody. */
const REPLAY_WINDOW_MS = 5 * 60_000;

const key = (e: EngineEvent) => `${e.time} ${e.actorId} ${e.type} ${e.action}`;

export class EventReplay {
  /** Events at exactly the last known millisecond (the engine's `since` is inclusive). */
  private readonly seenAtLast: Set<string>;
  private done = false;

  private constructor(
    private readonly lastTime: number,
    known: EngineEvent[],
    private readonly from: number,
  ) {
    this.seenAtLast = new Set(known.filter((e) => e.time === lastTime).map(key));
  }

  /**
   * A replay from the newest event this session shows (owned or mirrored), or null when there is none to resume (a
   * first start: what happened before Berth watched is not news). After a long quiet spell it starts at the window.
   */
  static after(known: EngineEvent[], now = Date.now()): EventReplay | null {
    let last = 0;
    for (const e of known) if (e.time > last) last = e.time;
    if (!last) return null;
    return new EventReplay(last, known, Math.max(last, now - REPLAY_WINDOW_MS));
  }

  /** The engine's `since`: seconds with milliseconds (the engine reads the fraction by its digits). */
  get since(): number {
    return this.from / 1000;
  }

  /** True for a replayed event the feed already holds. */
  known(e: EngineEvent): boolean {
    if (this.done) return false;
    if (e.time > this.lastTime) {
      this.done = true;
      return false;
    }
    return e.time < this.lastTime || this.seenAtLast.has(key(e));
  }
}
