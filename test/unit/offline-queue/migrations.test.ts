import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { loadMigrations, migrate, openSqliteStore, schemaVersion, untypedToken as u, type Store } from '../../../offline-queue/index.js';
import { assertStoreError, at, tempDir } from './helpers.js';

const tmp = tempDir('chargerd-migrations-');
after(() => tmp.cleanup());

const LATEST = loadMigrations().length;

/** Build a database at schema `version` with the real migrations, leave it closed. */
function createAt(version: number, seed?: (db: Database.Database) => void): string {
  const file = tmp.file();
  const db = new Database(file);
  migrate(db, { target: version });
  seed?.(db);
  db.close();
  return file;
}

function userTables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

/**
 * For every schema version a database may be found at, how to fill it with the data a charger holds when it is
 * upgraded (written in that version's own SQL, which is frozen once released), and what the store must show
 * after the upgrade to the latest version. A new migration NNNN must add an entry for version NNNN here.
 */
const FIXTURES: Record<number, { seed: (db: Database.Database) => void; check: (store: Store) => void }> = {
  0: {
    seed: () => {},
    check: (store) => {
      assert.equal(store.queue.stats().depth, 0);
      assert.deepEqual(store.journal.list(), []);
      assert.equal(store.localList.version(), 0);
      store.journal.open({ localId: 'new', evseId: 1, idTag: 'T', startedAt: at(0), meterStartWh: 0, extra: {} }, { action: 'StartTransaction', payload: {} });
      assert.equal(store.queue.stats().depth, 1, 'the upgraded database works');
    },
  },
  1: {
    seed: (db) => {
      db.exec(`
        INSERT INTO transactions (local_id, evse_id, id_tag, csms_id, started_at, meter_start_wh, last_meter_wh, last_meter_at, start_state, auth_status, extra)
          VALUES ('open-1', 1, 'TAG', NULL, '${at(0)}', 100, 150, '${at(60)}', 'pending', NULL, '{"reservationId":3}');
        INSERT INTO transactions (local_id, evse_id, id_tag, csms_id, started_at, meter_start_wh, last_meter_wh, last_meter_at,
            stopped_at, meter_stop_wh, stop_reason, stop_id_tag, start_state, stop_state, auth_status, extra)
          VALUES ('done-1', 2, 'TAG2', 77, '${at(1)}', 10, 20, '${at(90)}', '${at(90)}', 20, 'Local', NULL, 'confirmed', 'pending', 'Accepted', '{}');
        INSERT INTO queue (kind, action, payload, tx_local_id, attempts, created_at, not_before) VALUES
          ('start', 'StartTransaction', '{"meterStart":100}', 'open-1', 2, '${at(0)}', 5000),
          ('meter', 'MeterValues', '{"v":150}', 'open-1', 0, '${at(60)}', 0),
          ('stop', 'StopTransaction', '{"meterStop":20}', 'done-1', 0, '${at(90)}', 0);
        INSERT INTO dead_letters (seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, dead_at, reason)
          VALUES (100, 'meter', 'MeterValues', '{}', 'done-1', 3, '${at(2)}', 0, '${at(3)}', 'CALLERROR');
        UPDATE queue_counters SET value = 4 WHERE name = 'thinned';
        INSERT INTO settings (key, value) VALUES ('HeartbeatInterval', '30');
        INSERT INTO local_list (id_tag, status, expiry, parent) VALUES ('L', 'Accepted', NULL, 'P');
        UPDATE local_list_meta SET version = 12 WHERE id = 1;
        INSERT INTO auth_cache (id_tag, status, expiry, parent, updated_at) VALUES ('C', 'Blocked', NULL, NULL, '${at(5)}');
      `);
    },
    check: (store) => {
      const q = store.queue.list();
      assert.deepEqual(q.map((m) => [m.kind, m.txLocalId, m.attempts, m.notBefore]), [
        ['start', 'open-1', 2, 5000],
        ['meter', 'open-1', 0, 0],
        ['stop', 'done-1', 0, 0],
      ]);
      assert.deepEqual(q[0]?.payload, { meterStart: 100 });
      assert.deepEqual(store.queue.stats(), { depth: 3, oldestCreatedAt: at(0), deadLetters: 1, thinned: 4 });
      assert.deepEqual(store.journal.unfinished().map((r) => [r.localId, r.lastMeterWh, r.extra]), [['open-1', 150, { reservationId: 3 }]]);
      assert.equal(store.journal.byCsmsId('77')?.stopReason, 'Local');
      assert.deepEqual(store.settings.getAll(), { HeartbeatInterval: '30' });
      assert.equal(store.localList.version(), 12);
      assert.deepEqual(store.localList.get(u('l')), { status: 'Accepted', groupIdToken: u('P') });
      assert.deepEqual(store.authCache.get(u('C')), { info: { status: 'Blocked' }, updatedAt: at(5) });
      // The transaction can be finished after the upgrade, exactly once.
      assert.equal(store.journal.close('open-1', { stoppedAt: at(200), meterStopWh: 300, reason: 'Local', stopIdTag: null }, { action: 'StopTransaction', payload: {} }), true);
      assert.equal(store.journal.close('done-1', { stoppedAt: at(200), meterStopWh: 300, reason: 'Local', stopIdTag: null }, { action: 'StopTransaction', payload: {} }), false);
      assert.ok((store.queue.list().at(-1)?.seq ?? 0) > 3, 'new seqs continue after the upgraded ones');
    },
  },
  // Details (types, seqs, the sender's bytes, down and up) are in migration-0002.test.ts.
  2: {
    seed: (db) => {
      db.exec(`
        INSERT INTO transactions (local_id, evse_id, id_tag, csms_id, started_at, meter_start_wh, last_meter_wh, last_meter_at, start_state, auth_status, extra)
          VALUES ('open-16', 1, 'TAG', '77', '${at(0)}', 100, 150, '${at(60)}', 'confirmed', 'Accepted', '{}'),
                 ('open-201', 2, 'TAG2', 'a1b2-c3', '${at(1)}', 10, 10, '${at(1)}', 'confirmed', 'Accepted', '{}');
        INSERT INTO queue (kind, action, payload, tx_local_id, attempts, created_at, not_before, ocpp_version) VALUES
          ('meter', 'MeterValues', '{"v":150}', 'open-16', 0, '${at(60)}', 0, '1.6'),
          ('meter', 'TransactionEvent', '{"seqNo":1}', 'open-201', 1, '${at(61)}', 0, '2.0.1');
        INSERT INTO dead_letters (seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, dead_at, reason, ocpp_version)
          VALUES (100, 'meter', 'TransactionEvent', '{}', 'open-201', 3, '${at(2)}', 0, '${at(3)}', 'CALLERROR', '2.0.1');
        INSERT INTO local_list (token_id, token_type, status, expiry, group_id, group_type) VALUES
          ('L', NULL, 'Accepted', NULL, 'P', NULL),
          ('L', 'ISO14443', 'NotAtThisTime', NULL, 'G', 'Central');
        INSERT INTO auth_cache (token_id, token_type, status, expiry, group_id, group_type, updated_at) VALUES ('C', 'eMAID', 'NoCredit', NULL, NULL, NULL, '${at(5)}');
      `);
    },
    check: (store) => {
      assert.deepEqual(store.queue.list().map((m) => [m.action, m.ocppVersion]), [['MeterValues', '1.6'], ['TransactionEvent', '2.0.1']]);
      assert.equal(store.queue.peek('2.0.1')?.attempts, 1);
      assert.deepEqual(store.queue.deadLetters().map((d) => d.ocppVersion), ['2.0.1']);
      assert.equal(store.journal.byCsmsId('a1b2-c3')?.localId, 'open-201');
      assert.equal(store.journal.get('open-16')?.csmsId, '77');
      assert.deepEqual(store.localList.get({ idToken: 'l', tokenType: 'ISO14443' }), { status: 'NotAtThisTime', groupIdToken: { idToken: 'G', tokenType: 'Central' } });
      assert.deepEqual(store.localList.get(u('L')), { status: 'Accepted', groupIdToken: u('P') });
      assert.equal(store.authCache.get(u('c'))?.info.status, 'NoCredit');
    },
  },
};

describe('schema migrations', () => {
  test('the shipped migrations load: versions 1..N each with up and down', () => {
    const ms = loadMigrations();
    assert.ok(ms.length >= 1);
    ms.forEach((m, i) => {
      assert.equal(m.version, i + 1);
      assert.ok(m.up.trim().length > 0 && m.down.trim().length > 0);
    });
  });

  test('a new database is created at the latest version', () => {
    const store = openSqliteStore(tmp.file());
    assert.equal(store.info.schemaVersion, LATEST);
    store.close();
  });

  test('every schema version up to the latest has an upgrade fixture', () => {
    for (let v = 0; v <= LATEST; v++) assert.ok(FIXTURES[v], `add FIXTURES[${v}] for schema version ${v}`);
  });

  for (let v = 0; v <= LATEST; v++) {
    test(`upgrade from version ${v} with queued messages and open transactions keeps the data`, () => {
      const fixture = FIXTURES[v];
      assert.ok(fixture, `FIXTURES[${v}] is missing`);
      const file = createAt(v, fixture.seed);
      const store = openSqliteStore(file);
      try {
        assert.equal(store.info.schemaVersion, LATEST);
        fixture.check(store);
      } finally {
        store.close();
      }
    });
  }

  test('a database newer than the code is refused and left untouched', () => {
    const file = createAt(LATEST);
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST + 1}`);
    db.exec("INSERT INTO settings (key, value) VALUES ('k', 'v')");
    db.close();
    const err = assertStoreError(() => openSqliteStore(file), 'STORE_MIGRATION');
    assert.match(err.message, new RegExp(`version ${LATEST + 1} is newer`));
    const after = new Database(file);
    assert.equal(schemaVersion(after), LATEST + 1);
    assert.deepEqual(after.prepare('SELECT key, value FROM settings').all(), [{ key: 'k', value: 'v' }]);
    after.close();
  });

  test('down migrations undo their up migration: up, down to 0, up again', () => {
    const db = new Database(':memory:');
    migrate(db);
    const full = userTables(db);
    assert.ok(full.includes('queue') && full.includes('transactions'));
    assert.deepEqual(migrate(db, { target: 0 }), { from: LATEST, to: 0 });
    assert.equal(schemaVersion(db), 0);
    assert.deepEqual(userTables(db), []);
    migrate(db);
    assert.equal(schemaVersion(db), LATEST);
    assert.deepEqual(userTables(db), full);
    db.close();
  });

  test('each version steps down and up again to the same schema', () => {
    const db = new Database(':memory:');
    for (let v = 1; v <= LATEST; v++) {
      migrate(db, { target: v });
      const schema = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
      migrate(db, { target: v - 1 });
      assert.equal(schemaVersion(db), v - 1);
      migrate(db, { target: v });
      assert.deepEqual(db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all(), schema);
    }
    db.close();
  });

  test('a target outside the known versions is refused', () => {
    const db = new Database(':memory:');
    assertStoreError(() => migrate(db, { target: LATEST + 1 }), 'STORE_MIGRATION');
    assertStoreError(() => migrate(db, { target: -1 }), 'STORE_MIGRATION');
    assert.equal(schemaVersion(db), 0);
    db.close();
  });

  describe('the runner', () => {
    function dir(files: Record<string, string>): URL {
      const d = join(tmp.dir, `m-${Math.random().toString(36).slice(2)}`);
      mkdirSync(d);
      for (const [name, sql] of Object.entries(files)) writeFileSync(join(d, name), sql);
      return pathToFileURL(`${d}/`);
    }

    test('applies migrations in order, one transaction each: a failing one leaves the last good version', () => {
      const migrations = loadMigrations(
        dir({
          '0001_up-a.sql': 'CREATE TABLE a (x INTEGER);',
          '0001_down-a.sql': 'DROP TABLE a;',
          '0002_up-b.sql': 'CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (1);',
          '0002_down-b.sql': 'DROP TABLE b;',
          '0003_up-broken.sql': 'CREATE TABLE c (x INTEGER); INSERT INTO a VALUES (2); THIS IS NOT SQL;',
          '0003_down-broken.sql': 'DROP TABLE c;',
        }),
      );
      assert.deepEqual(migrations.map((m) => `${m.version}-${m.name}`), ['1-a', '2-b', '3-broken']);
      const db = new Database(':memory:');
      const err = assertStoreError(() => migrate(db, { migrations }), 'STORE_MIGRATION');
      assert.match(err.message, /0003_up-broken\.sql/);
      assert.equal(schemaVersion(db), 2);
      assert.deepEqual(userTables(db), ['a', 'b']);
      assert.deepEqual(db.prepare('SELECT x FROM a').all(), [{ x: 1 }], 'the failed step wrote nothing');
      db.close();
    });

    test('a migration that leaves foreign key violations is rolled back; foreign keys stay on afterwards', () => {
      const migrations = loadMigrations(
        dir({
          '0001_up-parent.sql': 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (pid INTEGER REFERENCES p (id));',
          '0001_down-parent.sql': 'DROP TABLE c; DROP TABLE p;',
          '0002_up-orphan.sql': 'INSERT INTO c VALUES (42);',
          '0002_down-orphan.sql': 'DELETE FROM c;',
        }),
      );
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      const err = assertStoreError(() => migrate(db, { migrations }), 'STORE_MIGRATION');
      assert.match(err.message, /0002_up-orphan\.sql.*foreign key/);
      assert.equal(schemaVersion(db), 1);
      assert.deepEqual(db.prepare('SELECT * FROM c').all(), []);
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      db.close();
    });

    test('refuses gaps, missing down files and misnamed files', () => {
      assertStoreError(() => loadMigrations(dir({ '0001_up-a.sql': '', '0001_down-a.sql': '', '0003_up-c.sql': '', '0003_down-c.sql': '' })), 'STORE_MIGRATION');
      assertStoreError(() => loadMigrations(dir({ '0001_up-a.sql': '' })), 'STORE_MIGRATION');
      assertStoreError(() => loadMigrations(dir({ '0001_up-a.sql': '', '0001_down-a.sql': '', 'extra.sql': '' })), 'STORE_MIGRATION');
      assertStoreError(() => loadMigrations(dir({ '0001_up-a.sql': '', '0001_down-b.sql': '' })), 'STORE_MIGRATION');
      assertStoreError(() => loadMigrations(new URL('file:///nonexistent-chargerd-migrations/')), 'STORE_MIGRATION');
      assert.deepEqual(loadMigrations(dir({ 'README.md': 'ignored' })), []);
    });
  });
});
