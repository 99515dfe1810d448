/**
 * The queue.* and tx.* control methods against a memory store (same contract as SQLite): what they return,
 * how they validate params, and that queue.retry wakes the sender.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { createQueueHandlers, MAX_LIST_LIMIT } from '../../../agent/control/handlers-queue.js';
import { ControlError, type ControlParams } from '../../../agent/control/protocol.js';
import type { ControlHandler } from '../../../agent/control/server.js';
import { createMemoryStore, type Store } from '../../../offline-queue/index.js';

const T0 = '2026-01-01T00:00:00.000Z';

describe('queue and transaction control methods', () => {
  let store: Store;
  let clock: FakeClock;
  let kicks: number;
  let online: boolean;
  let delivered: number;
  let h: Record<string, ControlHandler>;

  const call = async (method: string, params: ControlParams = {}): Promise<any> => h[method]!(params);
  const rejects = (method: string, params: ControlParams, code: string, message?: RegExp) =>
    assert.rejects(call(method, params), (err: unknown) => {
      assert.ok(err instanceof ControlError, String(err));
      assert.equal(err.code, code);
      if (message) assert.match(err.message, message);
      return true;
    });

  /** A transaction with its start message queued (as the ledger does), `meters` MeterValues after it. */
  const openTx = (localId: string, evseId: number, startedAt: string, meterStartWh: number, meters = 0) => {
    store.journal.open(
      { localId, evseId, idTag: `TAG-${localId}`, startedAt, meterStartWh, extra: { reservationId: 7 } },
      { action: 'StartTransaction', payload: { connectorId: evseId, idTag: `TAG-${localId}`, meterStart: meterStartWh, timestamp: startedAt } },
    );
    for (let i = 0; i < meters; i++) {
      store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: { connectorId: evseId, n: i }, txLocalId: localId, createdAt: startedAt });
    }
  };

  beforeEach(() => {
    store = createMemoryStore();
    clock = new FakeClock(new Date(T0));
    kicks = 0;
    online = true;
    delivered = 0;
    h = createQueueHandlers({
      store,
      clock,
      chargePointId: 'CP-Q',
      sender: { kick: () => void kicks++, sent: () => delivered },
      online: () => online,
    });
  });

  test('registers exactly the queue and tx methods', () => {
    assert.deepEqual(Object.keys(h).sort(), ['queue.dead', 'queue.export', 'queue.list', 'queue.retry', 'queue.stats', 'tx.list', 'tx.show']);
  });

  describe('queue.stats', () => {
    test('empty queue: depth 0, no oldest, no age', async () => {
      assert.deepEqual(await call('queue.stats'), {
        depth: 0,
        oldestCreatedAt: null,
        oldestAgeS: null,
        deadLetters: 0,
        thinned: 0,
        sender: { online: true, delivered: 0 },
      });
    });

    test('depth, oldest creation time and its age on the injected clock, dead letters, thinned, sender state', async () => {
      openTx('a', 1, '2025-12-31T23:58:00.000Z', 100, 3);
      const head = store.queue.head()!;
      store.queue.deadLetter(head.seq, 'rejected', T0);
      assert.equal(store.queue.enforceCap(1), 1, 'one intermediate MeterValues thinned');
      online = false;
      delivered = 42;
      let s = await call('queue.stats');
      assert.equal(s.depth, 2);
      assert.equal(s.oldestCreatedAt, '2025-12-31T23:58:00.000Z');
      assert.equal(s.oldestAgeS, 120);
      assert.equal(s.deadLetters, 1);
      assert.equal(s.thinned, 1);
      assert.deepEqual(s.sender, { online: false, delivered: 42 });
      clock.advance(61_500);
      s = await call('queue.stats');
      assert.equal(s.oldestAgeS, 181, 'whole seconds, from the clock it was given');
    });

    test('a message stamped after "now" (wall clock stepped back) has age 0, not a negative age', async () => {
      store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: {}, createdAt: '2026-01-01T00:05:00.000Z' });
      assert.equal((await call('queue.stats')).oldestAgeS, 0);
    });

    test('takes no params', async () => {
      await rejects('queue.stats', { verbose: true }, 'BAD_PARAMS', /verbose/);
    });
  });

  describe('queue.list', () => {
    test('head of the queue in send order, CSMS id resolved from the journal, retry time as ISO', async () => {
      openTx('a', 1, T0, 0, 2);
      store.journal.setCsmsId('a', '4711', 'Accepted');
      store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: {}, createdAt: T0 });
      const head = store.queue.head()!;
      store.queue.recordFailure(head.seq, Date.parse('2026-01-01T00:01:00.000Z'));
      const r = await call('queue.list');
      assert.equal(r.depth, 4);
      assert.deepEqual(
        r.messages.map((m: any) => [m.kind, m.action, m.txLocalId, m.csmsId, m.attempts, m.notBefore]),
        [
          ['start', 'StartTransaction', 'a', '4711', 1, '2026-01-01T00:01:00.000Z'],
          ['meter', 'MeterValues', 'a', '4711', 0, null],
          ['meter', 'MeterValues', 'a', '4711', 0, null],
          ['meter', 'MeterValues', null, null, 0, null],
        ],
      );
      const seqs = r.messages.map((m: any) => m.seq);
      assert.deepEqual(seqs, [...seqs].sort((x: number, y: number) => x - y));
      assert.equal(r.messages[0].createdAt, T0);
      assert.ok(!('payload' in r.messages[0]), 'no payloads in the list (queue.export has them)');
    });

    test('limit: default 20, explicit N, checked', async () => {
      openTx('a', 1, T0, 0, 30);
      assert.equal((await call('queue.list')).messages.length, 20);
      const r = await call('queue.list', { limit: 3 });
      assert.equal(r.messages.length, 3);
      assert.equal(r.depth, 31);
      assert.equal((await call('queue.list', { limit: MAX_LIST_LIMIT })).messages.length, 31);
      for (const limit of [0, -1, 1.5, '5', MAX_LIST_LIMIT + 1, null]) await rejects('queue.list', { limit }, 'BAD_PARAMS', /limit/);
      await rejects('queue.list', { limt: 5 }, 'BAD_PARAMS', /limt/);
    });
  });

  describe('queue.dead and queue.retry', () => {
    test('dead letters with reason and time; retry puts them back at the end, resets attempts, kicks the sender once', async () => {
      openTx('a', 1, T0, 0, 2);
      const [start, m1] = store.queue.list();
      store.queue.recordFailure(m1!.seq, 1);
      store.queue.deadLetter(m1!.seq, '3 attempt(s) failed; last: InternalError', '2026-01-01T00:00:30.000Z');
      store.queue.deadLetter(start!.seq, 'cannot prepare: x', '2026-01-01T00:00:40.000Z');
      const dead = await call('queue.dead');
      assert.equal(dead.total, 2);
      assert.deepEqual(
        dead.messages.map((m: any) => [m.seq, m.action, m.reason, m.deadAt]),
        [
          [start!.seq, 'StartTransaction', 'cannot prepare: x', '2026-01-01T00:00:40.000Z'],
          [m1!.seq, 'MeterValues', '3 attempt(s) failed; last: InternalError', '2026-01-01T00:00:30.000Z'],
        ],
      );
      assert.equal((await call('queue.dead', { limit: 1 })).messages.length, 1);
      assert.equal((await call('queue.dead', { limit: 1 })).total, 2);
      assert.equal(kicks, 0);

      const r = await call('queue.retry');
      assert.deepEqual(r, { retried: 2, depth: 3, online: true });
      assert.equal(kicks, 1, 'the sender is woken');
      assert.equal((await call('queue.dead')).total, 0);
      const q = store.queue.list();
      assert.deepEqual(
        q.map((m) => [m.action, m.attempts]),
        [
          ['MeterValues', 0],
          ['StartTransaction', 0],
          ['MeterValues', 0],
        ],
      );
      assert.ok(q[1]!.seq > q[0]!.seq && q[2]!.seq > q[1]!.seq, 'retried ones come last, in their old order');
    });

    test('nothing to retry: 0 and no kick; offline is reported', async () => {
      online = false;
      assert.deepEqual(await call('queue.retry'), { retried: 0, depth: 0, online: false });
      assert.equal(kicks, 0);
    });
  });

  describe('queue.export', () => {
    const setup = () => {
      openTx('a', 1, T0, 10, 1);
      openTx('b', 2, T0, 20, 0);
      store.journal.setCsmsId('a', '7', 'Accepted');
      const metersOfA = store.queue.list().filter((m) => m.txLocalId === 'a' && m.kind === 'meter');
      store.queue.deadLetter(metersOfA[0]!.seq, 'refused', T0);
    };

    test('dead: the dead letters with payloads and only the transactions they name', async () => {
      setup();
      const r = await call('queue.export', { what: 'dead' });
      assert.equal(r.format, 'chargerd-queue-export/1');
      assert.equal(r.chargePointId, 'CP-Q');
      assert.equal(r.exportedAt, T0);
      assert.equal(r.what, 'dead');
      assert.ok(!('queue' in r));
      assert.equal(r.deadLetters.length, 1);
      assert.deepEqual(r.deadLetters[0].payload, { connectorId: 1, n: 0 });
      assert.equal(r.deadLetters[0].reason, 'refused');
      assert.deepEqual(r.transactions.map((t: any) => [t.localId, t.csmsId]), [['a', '7']]);
      assert.deepEqual(r.stats, store.queue.stats());
      assert.doesNotThrow(() => JSON.parse(JSON.stringify(r)));
    });

    test('queue, all, and the default (all)', async () => {
      setup();
      const q = await call('queue.export', { what: 'queue' });
      assert.ok(!('deadLetters' in q));
      assert.deepEqual(q.queue.map((m: any) => m.action), ['StartTransaction', 'StartTransaction']);
      assert.deepEqual(q.queue[1].payload, { connectorId: 2, idTag: 'TAG-b', meterStart: 20, timestamp: T0 });
      assert.deepEqual(q.transactions.map((t: any) => t.localId).sort(), ['a', 'b']);
      const all = await call('queue.export', { what: 'all' });
      assert.equal(all.queue.length, 2);
      assert.equal(all.deadLetters.length, 1);
      assert.deepEqual(await call('queue.export'), all);
    });

    test('what is checked', async () => {
      await rejects('queue.export', { what: 'everything' }, 'BAD_PARAMS', /dead, queue, all/);
      await rejects('queue.export', { what: 1 }, 'BAD_PARAMS');
    });
  });

  describe('tx.list', () => {
    test('newest first, energy from the stop reading or else the last reading, send states (a known CSMS id means the start was confirmed)', async () => {
      openTx('old', 1, '2025-12-31T10:00:00.000Z', 1000);
      store.journal.updateMeter('old', 1500, '2025-12-31T10:30:00.000Z');
      store.journal.close('old', { stoppedAt: '2025-12-31T11:00:00.000Z', meterStopWh: 3500, reason: 'Local', stopIdTag: 'TAG-old' }, { action: 'StopTransaction', payload: {} });
      store.journal.setCsmsId('old', '11', 'Accepted');
      store.journal.setStartState('old', 'confirmed');
      store.journal.setStopState('old', 'sent');
      openTx('mid', 1, '2025-12-31T11:30:00.000Z', 7000);
      store.journal.setStartState('mid', 'sent');
      store.journal.setCsmsId('mid', '12', 'Blocked');
      openTx('new', 2, '2025-12-31T12:00:00.000Z', 50_000);
      store.journal.updateMeter('new', 50_750.5, '2025-12-31T12:10:00.000Z');

      const r = await call('tx.list');
      assert.deepEqual(
        r.transactions.map((t: any) => [t.localId, t.csmsId, t.evseId, t.idTag, t.energyWh, t.stoppedAt, t.stopReason, t.startState, t.stopState]),
        [
          ['new', null, 2, 'TAG-new', 750.5, null, null, 'pending', null],
          ['mid', '12', 1, 'TAG-mid', 0, null, null, 'confirmed', null],
          ['old', '11', 1, 'TAG-old', 2500, '2025-12-31T11:00:00.000Z', 'Local', 'confirmed', 'sent'],
        ],
      );
      const old = r.transactions[2];
      assert.equal(old.meterStartWh, 1000);
      assert.equal(old.meterStopWh, 3500);
      assert.equal(old.startedAt, '2025-12-31T10:00:00.000Z');
      assert.equal(old.stopIdTag, 'TAG-old');
      assert.equal(old.authStatus, 'Accepted');
    });

    test('open: only running ones, newest first; limit', async () => {
      for (const id of ['t1', 't2', 't3', 't4']) openTx(id, 1, T0, 0);
      store.journal.close('t2', { stoppedAt: T0, meterStopWh: 0, reason: 'Local', stopIdTag: null }, { action: 'StopTransaction', payload: {} });
      assert.deepEqual((await call('tx.list', { open: true })).transactions.map((t: any) => t.localId), ['t4', 't3', 't1']);
      assert.deepEqual((await call('tx.list', { open: true, limit: 2 })).transactions.map((t: any) => t.localId), ['t4', 't3']);
      assert.deepEqual((await call('tx.list', { open: false, limit: 2 })).transactions.map((t: any) => t.localId), ['t4', 't3']);
      assert.deepEqual((await call('tx.list', { limit: 4 })).transactions.map((t: any) => t.localId), ['t4', 't3', 't2', 't1']);
      await rejects('tx.list', { open: 'yes' }, 'BAD_PARAMS', /open/);
      await rejects('tx.list', { limit: 0 }, 'BAD_PARAMS', /limit/);
    });

    test('a meter that went backwards shows as negative energy (not hidden)', async () => {
      openTx('x', 1, T0, 900);
      store.journal.close('x', { stoppedAt: T0, meterStopWh: 100, reason: 'Other', stopIdTag: null }, { action: 'StopTransaction', payload: {} });
      assert.equal((await call('tx.list')).transactions[0].energyWh, -800);
    });
  });

  describe('tx.show', () => {
    const setup = () => {
      openTx('11111111-2222-3333-4444-555555555555', 1, T0, 100, 2);
      openTx('other', 2, T0, 0, 1);
      store.journal.setCsmsId('11111111-2222-3333-4444-555555555555', '4711', 'Accepted');
      const meter = store.queue.list().find((m) => m.txLocalId === '11111111-2222-3333-4444-555555555555' && m.kind === 'meter')!;
      store.queue.deadLetter(meter.seq, 'refused', T0);
    };

    test('by local id (with or without local:), by CSMS id as digits or number: record, extra, its messages only', async () => {
      setup();
      const id = '11111111-2222-3333-4444-555555555555';
      for (const key of [id, `local:${id}`, '4711', 4711]) {
        const r = await call('tx.show', { id: key });
        assert.equal(r.transaction.localId, id, `id ${String(key)}`);
        assert.equal(r.transaction.csmsId, '4711');
        assert.equal(r.transaction.energyWh, 0);
        assert.deepEqual(r.transaction.extra, { reservationId: 7 });
        assert.deepEqual(r.queued.map((m: any) => [m.action, m.csmsId]), [['StartTransaction', '4711'], ['MeterValues', '4711']]);
        assert.deepEqual(r.deadLetters.map((m: any) => [m.action, m.reason]), [['MeterValues', 'refused']]);
      }
      const other = await call('tx.show', { id: 'other' });
      assert.deepEqual(other.queued.map((m: any) => m.txLocalId), ['other', 'other']);
      assert.deepEqual(other.deadLetters, []);
    });

    test('a CSMS id used twice (new CSMS) finds the newest transaction', async () => {
      openTx('first', 1, T0, 0);
      openTx('second', 1, T0, 0);
      store.journal.setCsmsId('first', '5', 'Accepted');
      store.journal.setCsmsId('second', '5', 'Accepted');
      assert.equal((await call('tx.show', { id: '5' })).transaction.localId, 'second');
    });

    test('unknown id: NOT_FOUND; missing or malformed id: BAD_PARAMS', async () => {
      setup();
      await rejects('tx.show', { id: '999' }, 'NOT_FOUND', /999/);
      await rejects('tx.show', { id: 999 }, 'NOT_FOUND');
      await rejects('tx.show', { id: 'nope' }, 'NOT_FOUND');
      await rejects('tx.show', { id: 'local:4711' }, 'NOT_FOUND', /local:4711/);
      await rejects('tx.show', { id: 'local:' }, 'NOT_FOUND');
      await rejects('tx.show', {}, 'BAD_PARAMS');
      await rejects('tx.show', { id: '' }, 'BAD_PARAMS');
      await rejects('tx.show', { id: 1.5 }, 'BAD_PARAMS');
      await rejects('tx.show', { id: 'x', extra: 1 }, 'BAD_PARAMS');
    });
  });

  test('a closed store surfaces as the store error (the server answers INTERNAL), not as an empty answer', async () => {
    store.close();
    await assert.rejects(call('queue.stats'), { name: 'StoreError', code: 'STORE_CLOSED' });
    await assert.rejects(call('tx.list'), { name: 'StoreError', code: 'STORE_CLOSED' });
  });
});
