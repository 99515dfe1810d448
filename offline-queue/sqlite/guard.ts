import { StoreError } from '../types.js';
import { mapErrors } from './errors.js';

/** Shared by the parts of one SQLite store: refuses use after close and maps database errors. */
export interface Guard {
  closed: boolean;
  run<T>(fn: () => T): T;
}

export function createGuard(): Guard {
  const guard: Guard = {
    closed: false,
    run<T>(fn: () => T): T {
      if (guard.closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
      return mapErrors(fn);
    },
  };
  return guard;
}

/** A limit argument as SQLite's LIMIT: -1 means no limit. */
export function sqlLimit(limit: number | undefined): number {
  if (limit === undefined) return -1;
  return Math.max(0, Math.floor(limit));
}
