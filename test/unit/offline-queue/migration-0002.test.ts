/**
 * Migration 0002 (the version-neutral store) on a database as schema 1 made it: every row survives with the right
 * values, the store API reads them, and the 1.6 sender sends the queue in order with byte-identical payloads.
 * Down (0002 → 0001) keeps what 1.6 can represent and drops the rest; up again restores the representable rows.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../agent/log.js';
import { Settings } from '../../../agent/station/settings.js';
import { QueueSender } from '../../../agent/transactions/queue-sender.js';
import { migrate, openSqliteStore, schemaVersion, untypedToken as u, type Store } from '../../../offline-queue/index.js';
import { createTxSendHooks } from '../../../profiles/ocpp16/tx-messages.js';
import { at, tempDir } from './helpers.js';

const tmp = tempDir('chargerd-migration-0002-');
after(() => tmp.cleanup());

const METER_OPEN = `{"connectorId":1,"meterValue":[{"timestamp":"${at(60)}","sampledValue":[{"value":"150","measurand":"Energy.Active.Import.Register"}]}]}`;
const STOP_DONE = `{"meterStop":20,"timestamp":"${at(90)}","reason":"Local","idTag":"TAG2"}`;
const START_PENDING = `{"connectorId":2,"idTag":"TAG3","meterStart":5,"timestamp":"${at(100)}"}`;
const METER_PENDING = `{"connectorId":2,"meterValue":[{"timestamp":"${at(110)}","sampledValue":[{"value":"7"}]}]}`;

/** A schema-1 database holding what a charger has when it is upgraded, written in 0001's own SQL. */
function schema1(): string {
  const file = tmp.file();
  const db = new Database(file);
  migrate(db, { target: 1 });
  db.exec(`
    INSERT INTO transactions (local_id, evse_id, id_tag, csms_id, started_at, meter_start_wh, last_meter_wh, last_meter_at, start_state, auth_status, extra)
      VALUES ('open-1', 1, 'TAG', 77, '${at(0)}', 100, 150, '${at(60)}', 'confirmed', 'Accepted', '{"parentIdTag":"P"}');
    INSERT INTO transactions (local_id, evse_id, id_tag, csms_id, started_at, meter_start_wh, last_meter_wh, last_meter_at,
        stopped_at, meter_stop_wh, stop_reason, stop_id_tag, start_state, stop_state, auth_status, extra)
      VALUES ('done-1', 2, 'TAG2', 2147483647, '${at(1)}', 10, 20, '${at(90)}', '${at(90)}', 20, 'Local', 'TAG2', 'confirmed', 'sent', 'Accepted', '{}');
    INSERT INTO transactions (local_id, evse_id, id_tag, csms_id, started_at, meter_start_wh, last_meter_wh, last_meter_at, start_state, extra)
      VALUES ('pending', 2, 'TAG3', NULL, '${at(100)}', 5, 7, '${at(110)}', 'pending', '{}');
    INSERT INTO transactions (local_id, evse_id, id_tag, csms_id, started_at, meter_start_wh, last_meter_wh, last_meter_at, start_state, extra)
      VALUES ('negative', 1, 'TAG4', -1, '${at(2)}', 0, 0, '${at(2)}', 'confirmed', '{}');
    INSERT INTO queue (kind, action, payload, tx_local_id, attempts, created_at, not_before) VALUES
      ('meter', 'MeterValues', '${METER_OPEN}', 'open-1', 2, '${at(60)}', 5000.5),
      ('stop', 'StopTransaction', '${STOP_DONE}', 'done-1', 0, '${at(90)}', 0),
      ('start', 'StartTransaction', '${START_PENDING}', 'pending', 0, '${at(100)}', 0),
      ('meter', 'MeterValues', '${METER_PENDING}', 'pending', 0, '${at(110)}', 0);
    -- The queue was longer once: seqs up to 500 were used and must never come back.
    UPDATE sqlite_sequence SET seq = 500 WHERE name = 'queue';
    INSERT INTO dead_letters (seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, dead_at, reason)
      VALUES (3, 'meter', 'MeterValues', '{"connectorId":2}', 'done-1', 3, '${at(2)}', 0, '${at(3)}', 'CALLERROR');
    UPDATE queue_counters SET value = 4 WHERE name = 'thinned';
    INSERT INTO settings (key, value) VALUES ('HeartbeatInterval', '30');
    INSERT INTO local_list (id_tag, status, expiry, parent) VALUES
      ('Card-L', 'Accepted', '${at(1000)}', 'P'),
      ('M', 'Blocked', NULL, NULL),
      ('N', 'ConcurrentTx', NULL, 'FLEET');
    UPDATE local_list_meta SET version = 12 WHERE id = 1;
    INSERT INTO auth_cache (id_tag, status, expiry, parent, updated_at) VALUES
      ('C', 'Expired', '${at(4)}', 'Q', '${at(5)}'),
      ('D', 'Invalid', NULL, NULL, '${at(6)}');
  `);
  db.close();
  return file;
}

function withFile<T>(file: string, fn: (store: Store) => T): T {
  const store = openSqliteStore(file);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Drain the queue through the real 1.6 hooks; the transport answers like a CSMS and records the wire JSON. */
async function drain16(store: Store): Promise<string[]> {
  const wire: string[] = [];
  const sender = new QueueSender({
    store,
    clock: new FakeClock(new Date(at(3600))),
    log: silentLogger(),
    settings: new Settings(store.settings),
    hooks: createTxSendHooks(store, { idTagInfo: () => undefined, startAnswered: () => undefined }),
    transport: {
      call: async (action, payload) => {
        wire.push(`${action} ${JSON.stringify(payload)}`);
        if (action === 'StartTransaction') return { transactionId: 900, idTagInfo: { status: 'Accepted' } };
        return action === 'StopTransaction' ? { idTagInfo: { status: 'Accepted' } } : {};
      },
    },
  });
  sender.start();
  sender.setReady(true);
  // Each send is one await of the transport; a bounded number of turns drains a queue of a few messages.
  for (let i = 0; i < 100 && store.queue.peek('1.6') !== undefined; i++) await new Promise((r) => setImmediate(r));
  sender.stop();
  return wire;
}

describe('migration 0002 on a schema-1 database', () => {
  test('every row survives with the right values and types (read with SQL)', () => {
    const file = schema1();
    withFile(file, () => undefined);
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(schemaVersion(db), 2);
      assert.deepEqual(db.prepare('SELECT local_id, typeof(csms_id) AS t, csms_id FROM transactions ORDER BY id').all(), [
        { local_id: 'open-1', t: 'text', csms_id: '77' },
        { local_id: 'done-1', t: 'text', csms_id: '2147483647' },
        { local_id: 'pending', t: 'null', csms_id: null },
        { local_id: 'negative', t: 'text', csms_id: '-1' },
      ]);
      assert.deepEqual(db.prepare('SELECT seq, payload, attempts, not_before, ocpp_version FROM queue ORDER BY seq').all(), [
        { seq: 1, payload: METER_OPEN, attempts: 2, not_before: 5000.5, ocpp_version: '1.6' },
        { seq: 2, payload: STOP_DONE, attempts: 0, not_before: 0, ocpp_version: '1.6' },
        { seq: 3, payload: START_PENDING, attempts: 0, not_before: 0, ocpp_version: '1.6' },
        { seq: 4, payload: METER_PENDING, attempts: 0, not_before: 0, ocpp_version: '1.6' },
      ]);
      assert.deepEqual(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'queue'").all(), [{ seq: 500 }], 'the AUTOINCREMENT high mark is kept');
      assert.deepEqual(db.prepare('SELECT seq, ocpp_version, reason FROM dead_letters').all(), [{ seq: 3, ocpp_version: '1.6', reason: 'CALLERROR' }]);
      assert.deepEqual(db.prepare('SELECT token_id, token_type, status, expiry, group_id, group_type FROM local_list ORDER BY token_id').all(), [
        { token_id: 'Card-L', token_type: null, status: 'Accepted', expiry: at(1000), group_id: 'P', group_type: null },
        { token_id: 'M', token_type: null, status: 'Blocked', expiry: null, group_id: null, group_type: null },
        { token_id: 'N', token_type: null, status: 'ConcurrentTx', expiry: null, group_id: 'FLEET', group_type: null },
      ]);
      assert.deepEqual(db.prepare('SELECT token_id, token_type, status, group_id, updated_at FROM auth_cache ORDER BY token_id').all(), [
        { token_id: 'C', token_type: null, status: 'Expired', group_id: 'Q', updated_at: at(5) },
        { token_id: 'D', token_type: null, status: 'Invalid', group_id: null, updated_at: at(6) },
      ]);
    } finally {
      db.close();
    }
  });

  test('the store API reads the upgraded rows', () =>
    withFile(schema1(), (store) => {
      assert.equal(store.journal.get('open-1')?.csmsId, '77');
      assert.equal(store.journal.byCsmsId('2147483647')?.localId, 'done-1');
      assert.equal(store.journal.byCsmsId('-1')?.localId, 'negative');
      assert.deepEqual(store.journal.unfinished().map((r) => [r.localId, r.csmsId, r.lastMeterWh]), [
        ['open-1', '77', 150],
        ['pending', null, 7],
        ['negative', '-1', 0],
      ]);
      assert.deepEqual(store.journal.get('open-1')?.extra, { parentIdTag: 'P' });
      assert.deepEqual(store.queue.list().map((m) => [m.seq, m.kind, m.txLocalId, m.attempts, m.notBefore, m.ocppVersion]), [
        [1, 'meter', 'open-1', 2, 5000.5, '1.6'],
        [2, 'stop', 'done-1', 0, 0, '1.6'],
        [3, 'start', 'pending', 0, 0, '1.6'],
        [4, 'meter', 'pending', 0, 0, '1.6'],
      ]);
      assert.deepEqual(store.queue.peek('1.6')?.payload, JSON.parse(METER_OPEN));
      assert.deepEqual(store.queue.stats(), { depth: 4, oldestCreatedAt: at(60), deadLetters: 1, thinned: 4 });
      assert.deepEqual(store.queue.deadLetters().map((d) => [d.seq, d.ocppVersion, d.reason]), [[3, '1.6', 'CALLERROR']]);
      assert.deepEqual(store.settings.getAll(), { HeartbeatInterval: '30' });
      assert.equal(store.localList.version(), 12);
      assert.deepEqual(store.localList.list(), [
        { token: u('Card-L'), info: { status: 'Accepted', expiryDate: at(1000), groupIdToken: u('P') } },
        { token: u('M'), info: { status: 'Blocked' } },
        { token: u('N'), info: { status: 'ConcurrentTx', groupIdToken: u('FLEET') } },
      ]);
      assert.deepEqual(store.localList.get(u('card-l')), { status: 'Accepted', expiryDate: at(1000), groupIdToken: u('P') }, 'still case-insensitive');
      assert.deepEqual(store.localList.get({ idToken: 'CARD-L', tokenType: 'ISO14443' })?.status, 'Accepted', 'a 1.6 entry answers a typed 2.0.1 token');
      assert.deepEqual(store.authCache.get(u('c')), { info: { status: 'Expired', expiryDate: at(4), groupIdToken: u('Q') }, updatedAt: at(5) });
      const next = store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: {}, createdAt: at(200) });
      assert.equal(next.seq, 501, 'seqs continue above the old high mark');
    }));

  test('the 1.6 sender sends the upgraded queue in order, byte-identical to what schema 1 sent', async () => {
    const file = schema1();
    const store = openSqliteStore(file);
    try {
      const wire = await drain16(store);
      // Schema 1's sender added `transactionId` (the integer from the journal) to the stored payload.
      const withId = (payload: string, id: number) => JSON.stringify({ ...JSON.parse(payload), transactionId: id });
      assert.deepEqual(wire, [
        `MeterValues ${withId(METER_OPEN, 77)}`,
        `StopTransaction ${withId(STOP_DONE, 2147483647)}`,
        `StartTransaction ${START_PENDING}`,
        `MeterValues ${withId(METER_PENDING, 900)}`,
      ]);
      assert.equal(store.journal.get('pending')?.csmsId, '900', 'the id the CSMS gave is recorded as text');
      assert.equal(store.journal.get('done-1')?.stopState, 'confirmed');
      assert.equal(store.queue.stats().depth, 0);
    } finally {
      store.close();
    }
  });
});

describe('migration 0002 down and up again', () => {
  /** A schema-2 database with rows 1.6 can represent and rows it cannot. */
  function mixed(): string {
    const file = schema1();
    withFile(file, (store) => {
      store.journal.open({ localId: 'v201', evseId: 1, idTag: 'X', startedAt: at(300), meterStartWh: 0, extra: {} }, { action: 'TransactionEvent', payload: { eventType: 'Started' }, ocppVersion: '2.0.1' });
      store.journal.setCsmsId('v201', 'c0ffee-1', 'Accepted');
      store.journal.open({ localId: 'leading-zero', evseId: 1, idTag: 'X', startedAt: at(301), meterStartWh: 0, extra: {} }, { action: 'TransactionEvent', payload: {}, ocppVersion: '2.0.1' });
      store.journal.setCsmsId('leading-zero', '007', 'Accepted');
      const dead = store.queue.enqueue({ kind: 'meter', action: 'TransactionEvent', payload: {}, txLocalId: 'v201', createdAt: at(302), ocppVersion: '2.0.1' });
      store.queue.deadLetter(dead.seq, 'refused', at(303));
      store.localList.update(13, [
        { token: { idToken: 'TYPED', tokenType: 'ISO14443' }, info: { status: 'Accepted' } },
        { token: u('TYPED-GROUP'), info: { status: 'Accepted', groupIdToken: { idToken: 'G', tokenType: 'Central' } } },
        { token: u('NO-CREDIT'), info: { status: 'NoCredit' } },
        { token: u('M'), info: { status: 'Invalid', expiryDate: at(7) } },
      ]);
      store.authCache.put({ idToken: 'C', tokenType: 'eMAID' }, { status: 'Accepted' }, at(8));
      store.authCache.put(u('E'), { status: 'Unknown' }, at(9));
    });
    return file;
  }

  const representable = (store: Store) => ({
    queue: store.queue.list(),
    dead: store.queue.deadLetters(),
    stats: store.queue.stats(),
    journal: store.journal.list(),
    list: store.localList.list(),
    version: store.localList.version(),
    cache: ['C', 'D'].map((id) => store.authCache.get(u(id))),
    settings: store.settings.getAll(),
  });

  test('down keeps every row 1.6 can represent, drops the others; up again gives back the representable ones', () => {
    const file = mixed();
    const before = withFile(file, (store) => {
      const all = representable(store);
      return {
        ...all,
        queue: all.queue.filter((m) => m.ocppVersion === '1.6'),
        dead: all.dead.filter((m) => m.ocppVersion === '1.6'),
        stats: { ...all.stats, depth: all.queue.filter((m) => m.ocppVersion === '1.6').length, deadLetters: 1 },
        journal: all.journal.filter((r) => r.localId !== 'v201' && r.localId !== 'leading-zero'),
        list: all.list.filter((e) => e.token.tokenType === null && e.info.groupIdToken?.tokenType !== 'Central' && e.info.status !== 'NoCredit'),
      };
    });

    const db = new Database(file);
    assert.deepEqual(migrate(db, { target: 1 }), { from: 2, to: 1 });
    assert.deepEqual(db.prepare('SELECT local_id, typeof(csms_id) AS t, csms_id FROM transactions ORDER BY id').all(), [
      { local_id: 'open-1', t: 'integer', csms_id: 77 },
      { local_id: 'done-1', t: 'integer', csms_id: 2147483647 },
      { local_id: 'pending', t: 'null', csms_id: null },
      { local_id: 'negative', t: 'integer', csms_id: -1 },
    ], "'c0ffee-1' and '007' are not 1.6 integers: dropped");
    assert.deepEqual(
      (db.prepare('SELECT action FROM queue ORDER BY seq').all() as { action: string }[]).map((r) => r.action),
      ['MeterValues', 'StopTransaction', 'StartTransaction', 'MeterValues'],
      'the 2.0.1 messages (TransactionEvent) are dropped',
    );
    assert.deepEqual(db.prepare('SELECT seq FROM dead_letters').all(), [{ seq: 3 }]);
    assert.deepEqual(db.prepare('SELECT id_tag, status, parent FROM local_list ORDER BY id_tag').all(), [
      { id_tag: 'Card-L', status: 'Accepted', parent: 'P' },
      { id_tag: 'M', status: 'Invalid', parent: null },
      { id_tag: 'N', status: 'ConcurrentTx', parent: 'FLEET' },
    ], 'typed token, typed group and a 2.0.1-only status are dropped');
    assert.deepEqual(db.prepare('SELECT id_tag, status FROM auth_cache ORDER BY id_tag').all(), [
      { id_tag: 'C', status: 'Expired' },
      { id_tag: 'D', status: 'Invalid' },
    ]);
    const highMark = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'queue'").get() as { seq: number }).seq;
    assert.ok(highMark >= 501, 'down keeps the AUTOINCREMENT high mark too');
    db.close();

    withFile(file, (store) => {
      assert.deepEqual(representable(store), before);
      const next = store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: {}, createdAt: at(400) });
      assert.ok(next.seq > highMark, 'no seq is reused across down and up');
    });
  });
});
