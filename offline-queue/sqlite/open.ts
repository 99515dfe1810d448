import Database from 'better-sqlite3';
import { StoreError, type Store } from '../types.js';
import { sqliteAuthCache } from './auth-cache.js';
import { toStoreError } from './errors.js';
import { createGuard } from './guard.js';
import { sqliteJournal } from './journal.js';
import { sqliteLocalList } from './local-list.js';
import { migrate, schemaVersion } from './migrate.js';
import { sqliteQueue } from './queue.js';
import { sqliteSettings } from './settings.js';

export interface SqliteStoreOptions {
  /**
   * Default FULL. In WAL mode, NORMAL fsyncs only at checkpoints: a commit survives a process crash (it is in
   * the OS page cache) but the last commits can vanish on power loss. A charger loses power routinely (site
   * breaker, "PowerLoss" stop reason, unplugged wallbox), and what it would lose is exactly what a bill is made
   * from: a journaled start whose contactor already closed, or a stop whose StopTransaction was never sent, so
   * the CSMS would bill a session that never ends. FULL fsyncs the WAL at every commit; the cost is one fsync
   * per write, small at a charger's message rate (a few per minute per EVSE). NORMAL is for simulations and
   * benchmarks that do not need power-loss durability.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for a lock held by another connection (e.g. a technician's sqlite3 shell). */
  busyTimeoutMs?: number;
  /** Upper bound for the database size, so a queue that grows offline cannot fill the device's filesystem
   * (writes beyond it fail with STORE_FULL and the agent thins or refuses). Rounded down to whole pages. */
  maxBytes?: number;
}

export interface SqliteStoreInfo {
  path: string;
  /** 'wal' for a file; 'memory' for ':memory:'. Another value means the filesystem refused WAL and SQLite kept
   * its rollback journal, which synchronous FULL still makes durable, only slower. */
  journalMode: string;
  synchronous: 'FULL' | 'NORMAL';
  schemaVersion: number;
}

export interface SqliteStore extends Store {
  readonly info: SqliteStoreInfo;
}

/**
 * Open (creating if needed) and migrate the database at `path`, or an in-memory one for ':memory:'. One
 * connection, owned by the returned store. Fails with StoreError: STORE_MIGRATION for a database newer than this
 * code, STORE_CORRUPT for a file that is not a database, STORE_IO when it cannot be opened at all.
 */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const synchronous = opts.synchronous ?? 'FULL';
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: opts.busyTimeoutMs ?? 5000 });
  } catch (err) {
    const mapped = toStoreError(err);
    if (mapped instanceof StoreError) throw mapped;
    // better-sqlite3 throws a TypeError of its own, e.g. for a missing directory.
    throw new StoreError('STORE_IO', `cannot open database ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  try {
    // 1 KiB pages for new databases: every commit writes each page it touched in full to the WAL, and a sample
    // touches three (queue row, its overflow, the journal row), so page size sets the flash wear per message
    // (4 KiB pages: about 20 KiB written per queued MeterValues, 1 KiB pages: about 10 KiB; README, Benchmarks).
    // It has no effect on an existing database.
    if (path !== ':memory:') db.pragma('page_size = 1024');
    const journalMode = path === ':memory:' ? 'memory' : String(db.pragma('journal_mode = WAL', { simple: true }));
    db.pragma(`synchronous = ${synchronous}`);
    if (opts.maxBytes !== undefined) {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(opts.maxBytes / pageSize))}`);
    }
    migrate(db);
    db.pragma('foreign_keys = ON');
    const info: SqliteStoreInfo = { path, journalMode, synchronous, schemaVersion: schemaVersion(db) };
    return assemble(db, info);
  } catch (err) {
    db.close();
    throw toStoreError(err);
  }
}

function assemble(db: Database.Database, info: SqliteStoreInfo): SqliteStore {
  const guard = createGuard();
  const queue = sqliteQueue(db, guard);
  return {
    info,
    queue: queue.store,
    journal: sqliteJournal(db, guard, queue),
    settings: sqliteSettings(db, guard),
    localList: sqliteLocalList(db, guard),
    authCache: sqliteAuthCache(db, guard),
    atomically: <T>(fn: () => T, opts?: { durability?: 'full' | 'ordered' }): T => {
      if (guard.closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
      // Only an outermost commit can skip its fsync (inside a transaction the pragma would not apply to it).
      const relax = opts?.durability === 'ordered' && !db.inTransaction && (db.pragma('synchronous', { simple: true }) as number) >= 2;
      // better-sqlite3 turns a nested transaction into a savepoint, so the stores' own transactions compose.
      try {
        if (relax) db.pragma('synchronous = NORMAL');
        return db.transaction(fn)();
      } catch (err) {
        throw err instanceof StoreError ? err : toStoreError(err);
      } finally {
        if (relax) db.pragma('synchronous = FULL');
      }
    },
    close: () => {
      if (guard.closed) return;
      guard.closed = true;
      try {
        db.close();
      } catch (err) {
        throw toStoreError(err);
      }
    },
  };
}
