import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store, TransactionRecord } from '../../../offline-queue/index.js';
import { assertStoreError, at, withStore, type BuildStore } from './helpers.js';

function openTx(store: Store, localId: string, t = 0, meterStartWh = 1000, evseId = 1): TransactionRecord {
  return store.journal.open(
    { localId, evseId, idTag: 'TAG1', startedAt: at(t), meterStartWh, extra: { reservationId: 7 } },
    { action: 'StartTransaction', payload: { connectorId: evseId, idTag: 'TAG1', meterStart: meterStartWh } },
  );
}

const stopOf = (t: number, wh: number) => ({ stoppedAt: at(t), meterStopWh: wh, reason: 'Local', stopIdTag: 'TAG1' });
const stopMsg = (wh: number) => ({ action: 'StopTransaction', payload: { meterStop: wh } });

/** The TransactionJournal contract: every store implementation must pass it. */
export function runJournalContract(name: string, build: BuildStore): void {
  describe(`TransactionJournal contract: ${name}`, () => {
    test('open stores the record with defaults and queues the start message', () =>
      withStore(build, (store) => {
        const rec = openTx(store, 'L1', 5);
        const expected: TransactionRecord = {
          localId: 'L1',
          evseId: 1,
          idTag: 'TAG1',
          csmsId: null,
          startedAt: at(5),
          meterStartWh: 1000,
          lastMeterWh: 1000,
          lastMeterAt: at(5),
          stoppedAt: null,
          meterStopWh: null,
          stopReason: null,
          stopIdTag: null,
          startState: 'pending',
          stopState: null,
          authStatus: null,
          extra: { reservationId: 7 },
        };
        assert.deepEqual(rec, expected);
        assert.deepEqual(store.journal.get('L1'), expected);
        const msgs = store.queue.list();
        assert.equal(msgs.length, 1);
        assert.deepEqual({ ...msgs[0], seq: 0 }, {
          seq: 0,
          kind: 'start',
          action: 'StartTransaction',
          payload: { connectorId: 1, idTag: 'TAG1', meterStart: 1000 },
          txLocalId: 'L1',
          attempts: 0,
          createdAt: at(5),
          notBefore: 0,
          ocppVersion: '1.6',
        });
        assert.equal(store.journal.get('nope'), undefined);
      }));

    test('open of an existing localId fails and queues nothing', () =>
      withStore(build, (store) => {
        openTx(store, 'L1', 1);
        assertStoreError(() => openTx(store, 'L1', 2, 5000), 'STORE_CONSTRAINT');
        assert.equal(store.queue.stats().depth, 1, 'only the first start message');
        assert.equal(store.journal.get('L1')?.meterStartWh, 1000, 'the first record is untouched');
      }));

    test('open is atomic: a start message that cannot be stored leaves no record', () =>
      withStore(build, (store) => {
        assert.throws(() =>
          store.journal.open(
            { localId: 'L1', evseId: 1, idTag: 'T', startedAt: at(0), meterStartWh: 0, extra: {} },
            { action: 'StartTransaction', payload: { big: 10n } },
          ),
        );
        assert.equal(store.journal.get('L1'), undefined);
        assert.deepEqual(store.journal.unfinished(), []);
        assert.equal(store.queue.stats().depth, 0);
        openTx(store, 'L1');
        assert.equal(store.queue.stats().depth, 1, 'the id is still free afterwards');
      }));

    test('open refuses values a bill cannot be made from', () =>
      withStore(build, (store) => {
        assertStoreError(() => openTx(store, 'L1', 0, 1000, 1.5), 'STORE_CONSTRAINT');
        assertStoreError(() => openTx(store, 'L2', 0, Number.NaN), 'STORE_CONSTRAINT');
        assert.equal(store.journal.list().length, 0);
        assert.equal(store.queue.stats().depth, 0);
      }));

    test('updateMeter records the latest reading of a running transaction', () =>
      withStore(build, (store) => {
        openTx(store, 'L1');
        store.journal.updateMeter('L1', 1500.5, at(60));
        const rec = store.journal.get('L1');
        assert.equal(rec?.lastMeterWh, 1500.5);
        assert.equal(rec?.lastMeterAt, at(60));
        assert.equal(rec?.meterStartWh, 1000);
        assertStoreError(() => store.journal.updateMeter('nope', 1, at(1)), 'STORE_CONSTRAINT');
        assertStoreError(() => store.journal.updateMeter('L1', Number.NaN, at(61)), 'STORE_CONSTRAINT');
        assert.equal(store.journal.get('L1')?.lastMeterWh, 1500.5);
      }));

    test('setCsmsId maps the CSMS id; byCsmsId finds the newest transaction with it', () =>
      withStore(build, (store) => {
        openTx(store, 'L1');
        openTx(store, 'L2', 10);
        assert.equal(store.journal.byCsmsId('42'), undefined);
        store.journal.setCsmsId('L1', '42', 'Accepted');
        assert.equal(store.journal.get('L1')?.csmsId, '42');
        assert.equal(store.journal.get('L1')?.authStatus, 'Accepted');
        assert.equal(store.journal.byCsmsId('42')?.localId, 'L1');
        store.journal.setCsmsId('L2', '42', 'Invalid');
        assert.equal(store.journal.byCsmsId('42')?.localId, 'L2');
        assert.equal(store.journal.byCsmsId('43'), undefined);
        assertStoreError(() => store.journal.setCsmsId('nope', '1', 'Accepted'), 'STORE_CONSTRAINT');
        assertStoreError(() => store.journal.setCsmsId('L1', '', 'Accepted'), 'STORE_CONSTRAINT');
        assertStoreError(() => store.journal.setCsmsId('L1', 1.5 as unknown as string, 'Accepted'), 'STORE_CONSTRAINT');
        assert.equal(store.journal.get('L1')?.csmsId, '42');
      }));

    test('a CSMS id is text: a 2.0.1 transaction id is kept exactly, and found only as written', () =>
      withStore(build, (store) => {
        openTx(store, 'L1');
        openTx(store, 'L2', 10);
        store.journal.setCsmsId('L1', 'tx-3f9a', 'Accepted');
        store.journal.setCsmsId('L2', '007', 'Accepted');
        assert.equal(store.journal.get('L1')?.csmsId, 'tx-3f9a');
        assert.equal(store.journal.byCsmsId('tx-3f9a')?.localId, 'L1');
        assert.equal(store.journal.byCsmsId('TX-3F9A'), undefined, 'ids compare exactly');
        assert.equal(store.journal.byCsmsId('007')?.localId, 'L2');
        assert.equal(store.journal.byCsmsId('7'), undefined, 'text, not a number: "007" is not 7');
      }));

    test('a CSMS id can arrive after the transaction was stopped (offline start and stop)', () =>
      withStore(build, (store) => {
        openTx(store, 'L1');
        store.journal.close('L1', stopOf(100, 2000), stopMsg(2000));
        store.journal.setCsmsId('L1', '7', 'Accepted');
        store.journal.setStartState('L1', 'confirmed');
        assert.equal(store.journal.byCsmsId('7')?.stoppedAt, at(100));
        assert.equal(store.journal.get('L1')?.startState, 'confirmed');
      }));

    test('send states: start any time, stop only once stopped', () =>
      withStore(build, (store) => {
        openTx(store, 'L1');
        store.journal.setStartState('L1', 'sent');
        assert.equal(store.journal.get('L1')?.startState, 'sent');
        assertStoreError(() => store.journal.setStopState('L1', 'sent'), 'STORE_CONSTRAINT');
        assert.equal(store.journal.get('L1')?.stopState, null);
        store.journal.close('L1', stopOf(100, 2000), stopMsg(2000));
        store.journal.setStopState('L1', 'confirmed');
        assert.equal(store.journal.get('L1')?.stopState, 'confirmed');
        assertStoreError(() => store.journal.setStartState('nope', 'sent'), 'STORE_CONSTRAINT');
        assertStoreError(() => store.journal.setStopState('nope', 'sent'), 'STORE_CONSTRAINT');
        assertStoreError(() => store.journal.setStartState('L1', 'lost' as 'sent'), 'STORE_CONSTRAINT');
        assert.equal(store.journal.get('L1')?.startState, 'sent');
      }));

    test('close records the stop and queues the stop message once; a second close changes nothing', () =>
      withStore(build, (store) => {
        openTx(store, 'L1');
        store.journal.updateMeter('L1', 1800, at(50));
        assert.equal(store.journal.close('L1', stopOf(100, 2000), stopMsg(2000)), true);
        const rec = store.journal.get('L1');
        assert.deepEqual(
          { stoppedAt: rec?.stoppedAt, meterStopWh: rec?.meterStopWh, stopReason: rec?.stopReason, stopIdTag: rec?.stopIdTag, stopState: rec?.stopState, lastMeterWh: rec?.lastMeterWh, lastMeterAt: rec?.lastMeterAt },
          { stoppedAt: at(100), meterStopWh: 2000, stopReason: 'Local', stopIdTag: 'TAG1', stopState: 'pending', lastMeterWh: 2000, lastMeterAt: at(100) },
        );
        const stops = store.queue.list().filter((m) => m.kind === 'stop');
        assert.equal(stops.length, 1);
        assert.deepEqual({ ...stops[0], seq: 0 }, { seq: 0, kind: 'stop', action: 'StopTransaction', payload: { meterStop: 2000 }, txLocalId: 'L1', attempts: 0, createdAt: at(100), notBefore: 0, ocppVersion: '1.6' });

        // After a restart the agent may try to stop the same transaction again (e.g. reason PowerLoss).
        assert.equal(store.journal.close('L1', { ...stopOf(200, 2500), reason: 'PowerLoss' }, stopMsg(2500)), false);
        assert.deepEqual(store.journal.get('L1'), rec, 'the first stop stays');
        assert.equal(store.queue.list().filter((m) => m.kind === 'stop').length, 1, 'no duplicate StopTransaction');

        store.journal.updateMeter('L1', 9999, at(300));
        assert.equal(store.journal.get('L1')?.lastMeterWh, 2000, 'a late sample does not change a stopped transaction');
        assertStoreError(() => store.journal.close('nope', stopOf(1, 1), stopMsg(1)), 'STORE_CONSTRAINT');
      }));

    test('close is atomic: a stop message that cannot be stored leaves the transaction open', () =>
      withStore(build, (store) => {
        openTx(store, 'L1');
        assert.throws(() => store.journal.close('L1', stopOf(100, 2000), { action: 'StopTransaction', payload: { big: 1n } }));
        assert.equal(store.journal.get('L1')?.stoppedAt, null);
        assert.equal(store.queue.list().filter((m) => m.kind === 'stop').length, 0);
        assertStoreError(() => store.journal.close('L1', stopOf(100, Number.NaN), stopMsg(0)), 'STORE_CONSTRAINT');
        assert.equal(store.journal.get('L1')?.stoppedAt, null);
        assert.equal(store.journal.close('L1', stopOf(100, 2000), stopMsg(2000)), true, 'a valid close still works');
      }));

    test('unfinished lists open transactions in start order; list is newest first', () =>
      withStore(build, (store) => {
        openTx(store, 'L1', 1);
        openTx(store, 'L2', 2, 1000, 2);
        openTx(store, 'L3', 3);
        store.journal.close('L2', stopOf(10, 1100), stopMsg(1100));
        assert.deepEqual(store.journal.unfinished().map((r) => r.localId), ['L1', 'L3']);
        store.journal.close('L1', stopOf(11, 1100), stopMsg(1100));
        assert.deepEqual(store.journal.unfinished().map((r) => r.localId), ['L3']);
        assert.deepEqual(store.journal.list().map((r) => r.localId), ['L3', 'L2', 'L1']);
        assert.deepEqual(store.journal.list(2).map((r) => r.localId), ['L3', 'L2']);
        assert.deepEqual(store.journal.list(0), []);
      }));

    test('records are copies: changing a returned record changes nothing stored', () =>
      withStore(build, (store) => {
        const rec = openTx(store, 'L1');
        rec.extra.reservationId = 99;
        rec.meterStartWh = 0;
        const got = store.journal.get('L1');
        assert.ok(got);
        got.extra.other = 1;
        assert.deepEqual(store.journal.get('L1')?.extra, { reservationId: 7 });
        assert.equal(store.journal.get('L1')?.meterStartWh, 1000);
      }));

    test('forgetIdTag replaces the ids of a stopped transaction only once nothing of it is queued or dead-lettered', () =>
      withStore(build, (store) => {
        openTx(store, 'L1', 0);
        assert.equal(store.journal.forgetIdTag('L1', 'cleared'), false, 'running: kept');
        store.journal.close('L1', stopOf(1, 1500), stopMsg(1500));
        assert.equal(store.journal.forgetIdTag('L1', 'cleared'), false, 'start and stop still queued: kept');
        const [start, stop] = store.queue.list();
        store.queue.remove(start!.seq);
        store.queue.deadLetter(stop!.seq, 'attempts exhausted', at(2));
        assert.equal(store.journal.forgetIdTag('L1', 'cleared'), false, 'a dead letter is still the CSMS\'s to receive: kept');
        assert.equal(store.journal.get('L1')!.idTag, 'TAG1');
        store.queue.retryDeadLetters();
        store.queue.remove(store.queue.list()[0]!.seq);
        assert.equal(store.journal.forgetIdTag('L1', 'cleared'), true);
        const rec = store.journal.get('L1')!;
        assert.deepEqual([rec.idTag, rec.stopIdTag, rec.meterStopWh, rec.stoppedAt], ['cleared', 'cleared', 1500, at(1)], 'only the ids change: the bill stays');
        openTx(store, 'L2', 3);
        store.journal.close('L2', { ...stopOf(4, 1001), stopIdTag: null }, stopMsg(1001));
        for (const m of store.queue.list()) store.queue.remove(m.seq);
        assert.equal(store.journal.forgetIdTag('L2', 'cleared'), true);
        assert.equal(store.journal.get('L2')!.stopIdTag, null, 'no stop id stays none');
        assertStoreError(() => store.journal.forgetIdTag('nope', 'cleared'), 'STORE_CONSTRAINT');
      }));

    test('the journal refuses use after close', () => {
      const store = build();
      openTx(store, 'L1');
      store.close();
      assertStoreError(() => store.journal.get('L1'), 'STORE_CLOSED');
      assertStoreError(() => openTx(store, 'L2'), 'STORE_CLOSED');
      assertStoreError(() => store.journal.close('L1', stopOf(1, 1), stopMsg(1)), 'STORE_CLOSED');
      assertStoreError(() => store.journal.unfinished(), 'STORE_CLOSED');
    });
  });
}
