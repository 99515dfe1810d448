/**
 * Writes that storage refused (disk full, I/O error) and that must not be lost: today the stops of
 * transactions. One instance per station, shared by its EVSEs, so a refusal on one EVSE never cancels the retry
 * of another's, and every write that succeeds anywhere (storage works again) lets the kept ones through at once
 * instead of at the next timer. Kept writes go out oldest first: a queue of transaction messages must keep its
 * order (a new start never overtakes an older stop).
 */
import type { Clock, TimerHandle } from '../clock/clock.js';

/** How often writes storage refused are tried again when nothing else succeeds meanwhile. */
export const STORAGE_RETRY_MS = 30_000;

export class PendingWrites {
  private readonly items: { what: string; write: () => void }[] = [];
  private timer: TimerHandle | null = null;
  private flushing = false;
  private stopped = false;

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.items.length;
  }

  /** Keep `write` (it throws while storage refuses) until it succeeds. */
  add(what: string, write: () => void): void {
    this.items.push({ what, write });
    this.arm();
  }

  /** Try the kept writes now, oldest first; true when none is left. Stops at the first that fails again. */
  flush(): boolean {
    if (this.flushing) return this.items.length === 0;
    this.flushing = true;
    try {
      while (this.items.length > 0) {
        try {
          this.items[0]!.write();
        } catch {
          this.arm();
          return false;
        }
        this.items.shift();
      }
      this.clock.clear(this.timer);
      this.timer = null;
      return true;
    } finally {
      this.flushing = false;
    }
  }

  /** What is still waiting, for diagnostics. */
  list(): string[] {
    return this.items.map((i) => i.what);
  }

  stop(): void {
    this.stopped = true;
    this.clock.clear(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer || this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, STORAGE_RETRY_MS);
  }
}
