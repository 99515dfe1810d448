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
}

/**
 * Real time. `setWallClock` lets the agent adopt the CSMS's time (BootNotification.conf, Heartbeat.conf)
 * without touching the system clock: wall time is the system time plus an offset.
 */
export class SystemClock implements Clock {
  private offsetMs = 0;
  private nextId = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  monotonicMs(): number {
    return performance.now();
  }

  /** Adopt `date` as the current wall time (e.g. from the CSMS). */
  setWallClock(date: Date): void {
    this.offsetMs = date.getTime() - Date.now();
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
