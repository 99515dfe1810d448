import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createMemoryStore, openSqliteStore, type Store } from '../../../offline-queue/index.js';
import { at, tempDir } from './helpers.js';

const tmp = tempDir('chargerd-sqlite-');
after(() => tmp.cleanup());

describe('openSqliteStore', () => {
  test('a file database runs in WAL mode with FULL sync and reports it', () => {
    const file = tmp.file();
    const store = openSqliteStore(file);
    assert.deepEqual(store.info, { path: file, journalMode: 'wal', synchronous: 'FULL', schemaVersion: store.info.schemaVersion });
    store.close();
    const raw = new Database(file);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal', 'WAL is a property of the file');
    raw.close();
  });

  test('an in-memory database reports journal mode memory', () => {
    const store = openSqliteStore(':memory:', { synchronous: 'NORMAL' });
    assert.equal(store.info.journalMode, 'memory');
    assert.equal(store.info.synchronous, 'NORMAL');
    store.close();
  });

  test('two in-memory stores are independent', () => {
    const a = openSqliteStore(':memory:');
    const b = openSqliteStore(':memory:');
    a.settings.set('k', 'a');
    assert.deepEqual(b.settings.getAll(), {});
    a.close();
    b.close();
  });
});

describe('enqueue throughput', () => {
  // Prepared statements are prepared once per store; an enqueue that re-prepared or scanned the table would
  // fall far below this. The bound is loose so a busy CI machine still passes (measured: tens of thousands/s).
  const builders: [string, () => Store][] = [
    ['sqlite file NORMAL', () => openSqliteStore(tmp.file(), { synchronous: 'NORMAL' })],
    ['sqlite :memory:', () => openSqliteStore(':memory:')],
    ['memory', () => createMemoryStore()],
  ];
  for (const [name, build] of builders) {
    test(`${name}: at least 2000 messages/s`, () => {
      const store = build();
      const n = 5000;
      const payload = { connectorId: 1, transactionId: 5, meterValue: [{ timestamp: at(0), sampledValue: [{ value: '1234.5', measurand: 'Energy.Active.Import.Register' }] }] };
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload, txLocalId: 'tx', createdAt: at(i) });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      assert.equal(store.queue.stats().depth, n);
      store.close();
      assert.ok(n / seconds >= 2000, `${Math.round(n / seconds)} messages/s`);
    });
  }
});
