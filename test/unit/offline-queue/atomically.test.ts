import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, openSqliteStore, StoreError } from '../../../offline-queue/index.js';

const msg = (n: number) => ({ kind: 'meter' as const, action: 'MeterValues', payload: { n }, txLocalId: null, createdAt: '2026-11-21T12:00:00.000Z' });

test('sqlite atomically: several writes commit together, a throw leaves none of them, nesting joins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-atomic-'));
  const store = openSqliteStore(join(dir, 'db.sqlite'));
  store.atomically(() => {
    store.queue.enqueue(msg(1));
    store.atomically(() => store.settings.set('k', 'v'));
  });
  assert.equal(store.queue.stats().depth, 1);
  assert.equal(store.settings.getAll().k, 'v');
  assert.throws(
    () =>
      store.atomically(() => {
        store.queue.enqueue(msg(2));
        store.settings.set('k', 'changed');
        throw new Error('boom');
      }),
    /boom/,
  );
  assert.equal(store.queue.stats().depth, 1, 'the enqueue inside the failed unit was rolled back');
  assert.equal(store.settings.getAll().k, 'v');
  store.close();
  const again = openSqliteStore(join(dir, 'db.sqlite'));
  assert.equal(again.queue.stats().depth, 1);
  again.close();
  assert.throws(() => again.atomically(() => 1), (e: unknown) => e instanceof StoreError && e.code === 'STORE_CLOSED');
  rmSync(dir, { recursive: true, force: true });
});

test('memory atomically runs the function and returns its value', () => {
  const store = createMemoryStore();
  assert.equal(store.atomically(() => (store.queue.enqueue(msg(1)), 42)), 42);
  assert.equal(store.queue.stats().depth, 1);
});

test("sqlite atomically with durability 'ordered': commits, rolls back on a throw, nests, and survives a reopen", () => {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-atomic-'));
  const store = openSqliteStore(join(dir, 'db.sqlite'));
  store.atomically(() => store.queue.enqueue(msg(1)), { durability: 'ordered' });
  assert.throws(() => store.atomically(() => (store.queue.enqueue(msg(2)), store.settings.set('k', 'x'), assert.fail('boom')), { durability: 'ordered' }));
  assert.equal(store.queue.stats().depth, 1, 'the failed ordered unit left nothing');
  // Inside a full unit an ordered one joins it (the outer commit's fsync covers both).
  store.atomically(() => {
    store.atomically(() => store.settings.set('k', 'inner'), { durability: 'ordered' });
    store.queue.enqueue(msg(3));
  });
  assert.equal(store.settings.getAll().k, 'inner');
  store.close();
  const again = openSqliteStore(join(dir, 'db.sqlite'));
  assert.equal(again.queue.stats().depth, 2);
  assert.equal(again.info.synchronous, 'FULL', 'the store stays FULL for everything else');
  again.close();
  rmSync(dir, { recursive: true, force: true });
});
