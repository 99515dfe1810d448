/**
 * The one source of time and timers. Every timer and timestamp in chargerd comes from a Clock, so that tests
 * jump time instead of sleeping and a fleet of simulated stations can share or accelerate it.
 */
export interface TimerHandle {
  /** Opaque; pass back to `clear`. */
  readonly id: number;
}

export interface Clock {
  /** Wall-clock time (may be corrected from the CSMS; may jump). */
  now(): Date;
  /** Milliseconds from an arbitrary origin that never goes backwards: use for durations and timeouts. */
  monotonicMs(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clear(handle: TimerHandle | undefined | null): void;
  /** Adopt `date` as the current wall time (e.g. from the CSMS) without touching the system clock. */
  setWallClock(date: Date): void;
  /**
   * False while the wall time is not known (a controller without a battery-backed clock boots in 1970). Until
   * then `now()` returns the Unix epoch plus the monotonic time, an instant the outbound path recognises and
   * re-stamps once the time is known (agent/transactions/restamp.ts): no 1970 timestamp reaches the CSMS.
   */
  isTrusted(): boolean;
}

/** Wall times before this are not believed (the build is newer): the clock starts untrusted. */
export const EARLIEST_TRUSTED_TIME = Date.UTC(2026, 0, 1);
/** Timestamps before this are untrusted stamps (epoch + monotonic), never real times. */
export const UNTRUSTED_BEFORE = Date.UTC(2001, 0, 1);

/**
 * Real time. `setWallClock` lets the agent adopt the CSMS's time (BootNotification.conf, Heartbeat.conf)
 * without touching the system clock: wall time is the system time plus an offset.
 */
export class SystemClock implements Clock {
  private offsetMs = 0;
  private trusted: boolean;

  constructor(opts: { earliestTrusted?: number } = {}) {
    this.trusted = Date.now() >= (opts.earliestTrusted ?? EARLIEST_TRUSTED_TIME);
  }
  private nextId = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  now(): Date {
    if (!this.trusted) return new Date(this.monotonicMs());
    return new Date(Date.now() + this.offsetMs);
  }

  monotonicMs(): number {
    return performance.now();
  }

  isTrusted(): boolean {
    return this.trusted;
  }

  /** Adopt `date` as the current wall time (e.g. from the CSMS). */
  setWallClock(date: Date): void {
    if (date.getTime() < EARLIEST_TRUSTED_TIME) return; // a CSMS with a broken clock does not make ours worse
    this.offsetMs = date.getTime() - Date.now();
    this.trusted = true;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    const t = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, Math.max(0, ms));
    this.timers.set(id, t);
    return { id };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, setInterval(fn, Math.max(1, ms)));
    return { id };
  }

  clear(handle: TimerHandle | undefined | null): void {
    if (!handle) return;
    const t = this.timers.get(handle.id);
    if (t !== undefined) {
      clearTimeout(t);
      this.timers.delete(handle.id);
    }
  }

  /** Number of live timers: stop() of every subsystem must bring this back to what it was (leak checks). */
  pendingTimers(): number {
    return this.timers.size;
  }
}
