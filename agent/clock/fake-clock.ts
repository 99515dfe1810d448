import type { Clock, TimerHandle } from './clock.js';

interface FakeTimer {
  id: number;
  due: number;
  fn: () => void;
  repeatMs: number | null;
}

/**
 * A clock that only moves when told to. `advance(ms)` fires every timer that falls due, in order, including
 * timers that those callbacks schedule within the window. Used by unit tests and by simulations that run faster
 * than real time.
 */
export class FakeClock implements Clock {
  private mono = 0;
  private wallOffset: number;
  private nextId = 1;
  private readonly timers = new Map<number, FakeTimer>();

  private trusted: boolean;

  /** `trusted: false` simulates a controller that booted without knowing the time. */
  constructor(start: Date = new Date('2026-01-01T00:00:00.000Z'), opts: { trusted?: boolean } = {}) {
    this.wallOffset = start.getTime();
    this.trusted = opts.trusted ?? true;
  }

  now(): Date {
    if (!this.trusted) return new Date(this.mono);
    return new Date(this.wallOffset + this.mono);
  }

  isTrusted(): boolean {
    return this.trusted;
  }

  monotonicMs(): number {
    return this.mono;
  }

  setWallClock(date: Date): void {
    this.wallOffset = date.getTime() - this.mono;
    this.trusted = true;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.mono + Math.max(0, ms), fn, repeatMs: null });
    return { id };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    const every = Math.max(1, ms);
    this.timers.set(id, { id, due: this.mono + every, fn, repeatMs: every });
    return { id };
  }

  clear(handle: TimerHandle | undefined | null): void {
    if (handle) this.timers.delete(handle.id);
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  /** Move time forward by `ms`, firing due timers in due order. */
  advance(ms: number): void {
    const target = this.mono + ms;
    for (;;) {
      let next: FakeTimer | undefined;
      for (const t of this.timers.values()) if (t.due <= target && (!next || t.due < next.due || (t.due === next.due && t.id < next.id))) next = t;
      if (!next) break;
      this.mono = next.due;
      if (next.repeatMs === null) this.timers.delete(next.id);
      else next.due += next.repeatMs;
      next.fn();
    }
    this.mono = target;
  }

  /** Advance and let promise callbacks scheduled by the fired timers run between steps. */
  async advanceAsync(ms: number, stepMs = ms): Promise<void> {
    let left = ms;
    while (left > 0) {
      const step = Math.min(stepMs, left);
      this.advance(step);
      left -= step;
      await new Promise((r) => setImmediate(r));
    }
  }
}
