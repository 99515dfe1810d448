import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { createMemoryStore, openSqliteStore, StoreError, type Store } from '../../../offline-queue/index.js';

export type BuildStore = () => Store;

/** Run `fn` on a fresh store and always close it. */
export async function withStore(build: BuildStore, fn: (store: Store) => void | Promise<void>): Promise<void> {
  const store = build();
  try {
    await fn(store);
  } finally {
    store.close();
  }
}

/** A temporary folder removed by `cleanup()`; each `file()` is a new database path inside it. */
export function tempDir(prefix = 'chargerd-store-'): { dir: string; file(name?: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  return {
    dir,
    file: (name) => join(dir, name ?? `db-${++n}.sqlite`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The three implementations every contract runs against. Call `cleanup` after the suite. */
export function storeBuilders(): { name: string; build: BuildStore }[] & { cleanup(): void } {
  const tmp = tempDir();
  const list = [
    { name: 'sqlite file', build: () => openSqliteStore(tmp.file()) },
    { name: 'sqlite :memory:', build: () => openSqliteStore(':memory:') },
    { name: 'memory', build: () => createMemoryStore() },
  ];
  return Object.assign(list, { cleanup: tmp.cleanup });
}

export function assertStoreError(fn: () => unknown, code: StoreError['code']): StoreError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof StoreError, `expected StoreError ${code}, got ${caught === undefined ? 'no error' : String(caught)}`);
  assert.equal(caught.code, code, `expected ${code}, got ${caught.code}: ${caught.message}`);
  return caught;
}

/** ISO time `s` seconds after a fixed instant; fixed so every store sees the same strings. */
export function at(s: number): string {
  return new Date(Date.UTC(2025, 0, 1, 12, 0, 0) + s * 1000).toISOString();
}
