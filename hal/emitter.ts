/**
 * A small typed event emitter. Delivery is synchronous and in subscription order, which the safety path relies
 * on: a driver that emits `trip` returns only after every listener (the one that opens the contactor first) ran.
 * `on` returns an unsubscribe function so owners release exactly their own listeners in stop().
 */
export type EventMap = Record<string, (...args: any[]) => void>;

export class Emitter<E extends EventMap> {
  private readonly listeners = new Map<keyof E, Set<E[keyof E]>>();

  on<K extends keyof E>(event: K, fn: E[K]): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(fn);
    return () => {
      set!.delete(fn);
    };
  }

  /** Prepend: used by the safety supervisor so it runs before any other listener of the same event. */
  onFirst<K extends keyof E>(event: K, fn: E[K]): () => void {
    const old = this.listeners.get(event) ?? new Set();
    const set = new Set<E[keyof E]>([fn, ...old]);
    this.listeners.set(event, set);
    return () => {
      this.listeners.get(event)?.delete(fn);
    };
  }

  emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const fn of [...set]) (fn as (...a: Parameters<E[K]>) => void)(...args);
  }

  listenerCount(event?: keyof E): number {
    if (event !== undefined) return this.listeners.get(event)?.size ?? 0;
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}
