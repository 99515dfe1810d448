import type { Store } from '../types.js';
import { memoryAuthCache } from './auth-cache.js';
import { createMemoryGuard } from './guard.js';
import { memoryJournal } from './journal.js';
import { memoryLocalList } from './local-list.js';
import { memoryQueue } from './queue.js';
import { memorySettings } from './settings.js';

/** A Store that keeps everything in this process: the same contract as the SQLite store, nothing survives
 * close(). For tests and fleet simulations that do not need persistence. */
export function createMemoryStore(): Store {
  const guard = createMemoryGuard();
  const queue = memoryQueue(guard);
  return {
    queue: queue.store,
    journal: memoryJournal(guard, queue),
    settings: memorySettings(guard),
    localList: memoryLocalList(guard),
    authCache: memoryAuthCache(guard),
    // Single-threaded and without I/O: nothing can interleave or fail half-way but a programming error.
    atomically: <T>(fn: () => T, _opts?: { durability?: 'full' | 'ordered' }): T => fn(),
    close: () => {
      guard.closed = true;
    },
  };
}
