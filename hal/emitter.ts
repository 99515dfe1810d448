import { EventEmitter } from 'node:events';

/**
 * A typed wrapper around node:events. Delivery is synchronous and in subscription order, which the safety path
 * relies on: a driver that emits `trip` returns only after every listener (the one that opens the contactor
 * first) ran. `on` returns an unsubscribe function so owners release exactly their own listeners in stop().
 *
 * Where node:events has special cases, this wrapper decides:
 * - 'error' with no listener throws in node:events; here an event nobody listens to is a no-op whatever its
 *   name, so a driver never crashes the process by reporting something.
 * - A listener that throws stops the emit and the exception propagates out of emit(), as in node:events: the
 *   code that caused the event learns of it, and listeners after it do not run on a half-handled event.
 * - The same function subscribed twice is called twice (node:events semantics); each unsubscribe function
 *   removes its own subscription and only once, so calling it again cannot remove someone else's.
 * - No max-listeners warning: a station has a dozen listeners per part and a fleet process runs many stations
 *   on shared emitters, so any fixed limit would warn about correct code and hide the real leaks (which the
 *   listenerCount checks in the lifecycle tests find).
 */
export type EventMap = Record<string, (...args: any[]) => void>;

/** node:events emits these itself when listeners are added or removed; a typed event of that name would get them. */
type Reserved = 'newListener' | 'removeListener';

export class Emitter<E extends EventMap & { [K in Reserved]?: never }> {
  private readonly ee = new EventEmitter({ captureRejections: false });

  constructor() {
    this.ee.setMaxListeners(0);
  }

  on<K extends keyof E & string>(event: K, fn: E[K]): () => void {
    return this.subscribe(event, fn, false);
  }

  /** Prepend: used by the safety supervisor so it runs before any other listener of the same event. */
  onFirst<K extends keyof E & string>(event: K, fn: E[K]): () => void {
    return this.subscribe(event, fn, true);
  }

  emit<K extends keyof E & string>(event: K, ...args: Parameters<E[K]>): void {
    if (this.ee.listenerCount(event) === 0) return;
    this.ee.emit(event, ...args);
  }

  listenerCount(event?: keyof E & string): number {
    if (event !== undefined) return this.ee.listenerCount(event);
    let n = 0;
    for (const name of this.ee.eventNames()) n += this.ee.listenerCount(name);
    return n;
  }

  private subscribe(event: string, fn: (...args: any[]) => void, first: boolean): () => void {
    // A wrapper per subscription: removeListener(fn) would remove whichever copy of fn node:events finds last,
    // not necessarily the one this subscription added.
    const own = (...args: unknown[]): void => fn(...args);
    if (first) this.ee.prependListener(event, own);
    else this.ee.on(event, own);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.ee.removeListener(event, own);
    };
  }
}
