import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueuedKind, Store } from '../../../offline-queue/index.js';
import { assertStoreError, at, withStore, type BuildStore } from './helpers.js';

function put(store: Store, ocppVersion: string | undefined, kind: QueuedKind, tx: string | null, s: number) {
  return store.queue.enqueue({ kind, action: kind, payload: { s }, txLocalId: tx, createdAt: at(s), ...(ocppVersion !== undefined ? { ocppVersion } : {}) });
}

/** Messages of several OCPP versions in one queue (a station whose version was switched). Every store must pass it. */
export function runQueueVersionContract(name: string, build: BuildStore): void {
  describe(`queue with several OCPP versions: ${name}`, () => {
    test('each message keeps its version; peek(version) is the oldest of that version; list and head are all versions', () =>
      withStore(build, (store) => {
        const a = put(store, undefined, 'start', 'a', 1);
        const b = put(store, '2.0.1', 'start', 'b', 2);
        const c = put(store, '1.6', 'meter', 'a', 3);
        const d = put(store, '2.0.1', 'meter', 'b', 4);
        assert.deepEqual(store.queue.list().map((m) => [m.seq, m.ocppVersion]), [
          [a.seq, '1.6'],
          [b.seq, '2.0.1'],
          [c.seq, '1.6'],
          [d.seq, '2.0.1'],
        ]);
        assert.equal(store.queue.head()?.seq, a.seq);
        assert.deepEqual(store.queue.peek('1.6'), a);
        assert.deepEqual(store.queue.peek('2.0.1'), b);
        assert.equal(store.queue.peek('2.1'), undefined);
        store.queue.remove(a.seq);
        assert.equal(store.queue.peek('1.6')?.seq, c.seq);
        assert.equal(store.queue.peek('2.0.1')?.seq, b.seq, "another version's removal changes nothing");
        assert.equal(store.queue.stats().depth, 3, 'depth counts every version');
      }));

    test('an empty version is refused', () =>
      withStore(build, (store) => {
        assertStoreError(() => put(store, '', 'meter', null, 1), 'STORE_CONSTRAINT');
        assert.equal(store.queue.stats().depth, 0);
      }));

    test('dead letters keep the version, and a retry queues them under it again', () =>
      withStore(build, (store) => {
        const a = put(store, '2.0.1', 'meter', 'b', 1);
        const b = put(store, '1.6', 'meter', 'a', 2);
        store.queue.deadLetter(a.seq, 'refused', at(3));
        store.queue.deadLetter(b.seq, 'refused', at(3));
        assert.deepEqual(store.queue.deadLetters().map((m) => [m.seq, m.ocppVersion]), [
          [a.seq, '2.0.1'],
          [b.seq, '1.6'],
        ]);
        assert.equal(store.queue.retryDeadLetters(), 2);
        assert.deepEqual(store.queue.list().map((m) => [m.payload, m.ocppVersion]), [
          [{ s: 1 }, '2.0.1'],
          [{ s: 2 }, '1.6'],
        ]);
        assert.equal(store.queue.peek('1.6')?.payload && (store.queue.peek('1.6')!.payload as { s: number }).s, 2);
      }));

    test("the journal queues a transaction's start and stop under the version it is given", () =>
      withStore(build, (store) => {
        store.journal.open({ localId: 'T', evseId: 1, idTag: 'X', startedAt: at(0), meterStartWh: 0, extra: {} }, { action: 'TransactionEvent', payload: { e: 'Started' }, ocppVersion: '2.0.1' });
        store.journal.close('T', { stoppedAt: at(9), meterStopWh: 5, reason: 'Local', stopIdTag: null }, { action: 'TransactionEvent', payload: { e: 'Ended' }, ocppVersion: '2.0.1' });
        assert.deepEqual(store.queue.list().map((m) => [m.kind, m.ocppVersion]), [
          ['start', '2.0.1'],
          ['stop', '2.0.1'],
        ]);
        assert.equal(store.queue.peek('1.6'), undefined);
      }));

    test("the cap never thins any version's head: each version's sender may have it in flight", () =>
      withStore(build, (store) => {
        const old16 = put(store, '1.6', 'meter', 'a', 1);
        const head201 = put(store, '2.0.1', 'meter', 'b', 2);
        const rest = [3, 4, 5, 6, 7, 8].map((s) => put(store, s % 2 ? '1.6' : '2.0.1', 'meter', s % 2 ? 'a' : 'b', s));
        const removed = store.queue.enforceCap(2);
        assert.ok(removed > 0);
        const left = store.queue.list().map((m) => m.seq);
        assert.ok(left.includes(old16.seq), 'the 1.6 head stays');
        assert.ok(left.includes(head201.seq), 'the 2.0.1 head stays');
        assert.ok(left.includes(rest[4]!.seq) && left.includes(rest[5]!.seq), "each transaction's newest sample stays");
      }));
  });
}
