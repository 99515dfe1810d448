import { StoreError } from '../types.js';

/** Shared by the parts of one memory store: refuses use after close, like the SQLite store. */
export interface MemoryGuard {
  closed: boolean;
  run<T>(fn: () => T): T;
}

export function createMemoryGuard(): MemoryGuard {
  const guard: MemoryGuard = {
    closed: false,
    run<T>(fn: () => T): T {
      if (guard.closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
      return fn();
    },
  };
  return guard;
}

/** The same limit semantics as the SQLite store: undefined is everything, otherwise at least 0. */
export function takeLimit<T>(items: T[], limit: number | undefined): T[] {
  return limit === undefined ? items : items.slice(0, Math.max(0, Math.floor(limit)));
}
