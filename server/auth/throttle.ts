/**
 * Per-account sign-in backoff: after a few failures each further attempt must wait twice as long as the last, up to a
 * cap. Nothing locks an account for good, so an attacker can only slow guesses, not shut a user out for long.
 */
const FREE_FAILURES = 3;
const BASE_MS = 1_000;
const MAX_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  failures: number;
  until: number;
}

export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();

  /** Milliseconds the caller must still wait, 0 when an attempt is allowed now. */
  wait(key: string, now = Date.now()): number {
    const e = this.entries.get(key.toLowerCase());
    return e ? Math.max(0, e.until - now) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const k = key.toLowerCase();
    const e = this.entries.get(k) ?? { failures: 0, until: 0 };
    e.failures++;
    e.until = e.failures > FREE_FAILURES ? now + Math.min(MAX_MS, BASE_MS * 2 ** (e.failures - FREE_FAILURES - 1)) : 0;
    this.entries.delete(k);
    this.entries.set(k, e);
    // Bounded memory under a spray of made-up names: forget the oldest entry that is not blocked right now, so a
    // flood of other names cannot wipe the backoff of the account under attack.
    if (this.entries.size > MAX_ENTRIES) {
      let victim: string | undefined;
      for (const [key, entry] of this.entries) {
        if (entry.until <= now) {
          victim = key;
          break;
        }
      }
      this.entries.delete(victim ?? this.entries.keys().next().value!);
    }
  }

  succeed(key: string): void {
    this.entries.delete(key.toLowerCase());
  }
}
