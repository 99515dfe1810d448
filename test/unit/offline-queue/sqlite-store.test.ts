import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { openSqliteStore, type Store } from '../../../offline-queue/index.js';
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

describe('enqueue prepares nothing', () => {
  // Statements are prepared once per store: an enqueue that re-prepared (or built SQL per call) would be slow on
  // a Pi and would show here without timing anything. The rate itself is measured in test/bench/queue.ts (a
  // wall-clock bound in a unit test failed on a loaded machine).
  const builders: [string, () => Store][] = [
    ['sqlite file NORMAL', () => openSqliteStore(tmp.file(), { synchronous: 'NORMAL' })],
    ['sqlite :memory:', () => openSqliteStore(':memory:')],
  ];
  for (const [name, build] of builders) {
    test(`${name}: 5000 enqueues after the first call no prepare()`, () => {
      const store = build();
      const payload = { connectorId: 1, transactionId: 5, meterValue: [{ timestamp: at(0), sampledValue: [{ value: '1234.5', measurand: 'Energy.Active.Import.Register' }] }] };
      const enqueue = (i: number) => store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload, txLocalId: 'tx', createdAt: at(i) });
      enqueue(0);
      const proto = Database.prototype as unknown as { prepare: (...a: unknown[]) => unknown };
      const original = proto.prepare;
      let prepares = 0;
      proto.prepare = function (this: unknown, ...a: unknown[]) {
        prepares++;
        return original.apply(this, a);
      };
      try {
        for (let i = 1; i < 5000; i++) enqueue(i);
      } finally {
        proto.prepare = original;
      }
      assert.equal(store.queue.stats().depth, 5000);
      store.close();
      assert.equal(prepares, 0);
    });
  }
});
