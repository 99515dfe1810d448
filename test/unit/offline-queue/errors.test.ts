import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore, StoreError } from '../../../offline-queue/index.js';
import { storeCodeOf, toStoreError } from '../../../offline-queue/sqlite/errors.js';
import { assertStoreError, at, tempDir } from './helpers.js';

const tmp = tempDir('chargerd-errors-');
after(() => tmp.cleanup());

describe('StoreError mapping', () => {
  test('SQLite result codes map to store codes, extended codes with their primary code', () => {
    const table: [string, StoreError['code']][] = [
      ['SQLITE_FULL', 'STORE_FULL'],
      ['SQLITE_IOERR', 'STORE_IO'],
      ['SQLITE_IOERR_FSYNC', 'STORE_IO'],
      ['SQLITE_IOERR_SHORT_READ', 'STORE_IO'],
      ['SQLITE_READONLY', 'STORE_IO'],
      ['SQLITE_READONLY_DBMOVED', 'STORE_IO'],
      ['SQLITE_BUSY', 'STORE_IO'],
      ['SQLITE_CANTOPEN', 'STORE_IO'],
      ['SQLITE_CORRUPT', 'STORE_CORRUPT'],
      ['SQLITE_CORRUPT_INDEX', 'STORE_CORRUPT'],
      ['SQLITE_NOTADB', 'STORE_CORRUPT'],
      ['SQLITE_CONSTRAINT', 'STORE_CONSTRAINT'],
      ['SQLITE_CONSTRAINT_UNIQUE', 'STORE_CONSTRAINT'],
      ['SQLITE_CONSTRAINT_DATATYPE', 'STORE_CONSTRAINT'],
      ['SQLITE_TOOBIG', 'STORE_CONSTRAINT'],
      ['SQLITE_FULLNESS_IS_NOT_A_CODE', 'STORE_IO'],
    ];
    for (const [sqlite, code] of table) assert.equal(storeCodeOf(sqlite), code, sqlite);
  });

  test('toStoreError wraps SqliteError with its cause and passes other errors through', () => {
    const cause = new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
    const mapped = toStoreError(cause);
    assert.ok(mapped instanceof StoreError);
    assert.equal(mapped.code, 'STORE_IO');
    assert.equal(mapped.cause, cause);
    assert.match(mapped.message, /SQLITE_IOERR_WRITE/);
    const plain = new TypeError('x');
    assert.equal(toStoreError(plain), plain);
    const already = new StoreError('STORE_FULL', 'full');
    assert.equal(toStoreError(already), already);
  });

  test('a file that is not a database is STORE_CORRUPT', () => {
    const file = tmp.file();
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    assertStoreError(() => openSqliteStore(file), 'STORE_CORRUPT');
  });

  test('a database that cannot be opened is STORE_IO', () => {
    assertStoreError(() => openSqliteStore(join(tmp.dir, 'no', 'such', 'dir', 'x.db')), 'STORE_IO');
  });

  test('a database at its size limit is STORE_FULL, and nothing half-written remains', () => {
    const store = openSqliteStore(tmp.file(), { maxBytes: 256 * 1024 });
    const big = 'x'.repeat(4000);
    let err: unknown;
    let stored = 0;
    try {
      for (let i = 0; i < 1000; i++) {
        store.journal.open({ localId: `L${i}`, evseId: 1, idTag: 'T', startedAt: at(i), meterStartWh: 0, extra: {} }, { action: 'StartTransaction', payload: { big } });
        stored++;
      }
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof StoreError, `expected STORE_FULL, got ${String(err)}`);
    assert.equal(err.code, 'STORE_FULL');
    assert.ok(stored > 0);
    assert.equal(store.journal.list().length, stored, 'the failed open left no record');
    assert.equal(store.queue.stats().depth, stored, 'and no start message');
    for (const m of store.queue.list()) store.queue.remove(m.seq);
    store.journal.open({ localId: 'after', evseId: 1, idTag: 'T', startedAt: at(0), meterStartWh: 0, extra: {} }, { action: 'StartTransaction', payload: {} });
    store.close();
  });

  test('a database locked by another writer is STORE_IO after the busy timeout', () => {
    const file = tmp.file();
    const store = openSqliteStore(file, { busyTimeoutMs: 20 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      assertStoreError(() => store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: {}, createdAt: at(0) }), 'STORE_IO');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    assert.equal(store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: {}, createdAt: at(0) }).attempts, 0);
    store.close();
  });

  test('use after close is STORE_CLOSED', () => {
    const store = openSqliteStore(':memory:');
    store.close();
    assertStoreError(() => store.queue.list(), 'STORE_CLOSED');
    assertStoreError(() => store.journal.unfinished(), 'STORE_CLOSED');
  });
});
