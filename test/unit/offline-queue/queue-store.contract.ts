import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueuedKind, Store } from '../../../offline-queue/index.js';
import { assertStoreError, at, withStore, type BuildStore } from './helpers.js';

function put(store: Store, kind: QueuedKind, tx: string | null, n: number, createdAt = at(n)) {
  return store.queue.enqueue({ kind, action: kind === 'start' ? 'StartTransaction' : kind === 'stop' ? 'StopTransaction' : 'MeterValues', payload: { n }, txLocalId: tx, createdAt });
}

const seqs = (store: Store) => store.queue.list().map((m) => m.seq);

/** The MessageQueueStore contract: every store implementation must pass it. */
export function runQueueStoreContract(name: string, build: BuildStore): void {
  describe(`MessageQueueStore contract: ${name}`, () => {
    test('an empty queue has no head and zero stats', () =>
      withStore(build, (store) => {
        assert.equal(store.queue.head(), undefined);
        assert.deepEqual(store.queue.list(), []);
        assert.deepEqual(store.queue.stats(), { depth: 0, oldestCreatedAt: null, deadLetters: 0, thinned: 0 });
        assert.deepEqual(store.queue.deadLetters(), []);
        assert.equal(store.queue.enforceCap(0), 0);
      }));

    test('enqueue returns the stored message and the queue is FIFO by increasing seq', () =>
      withStore(build, (store) => {
        const a = store.queue.enqueue({ kind: 'start', action: 'StartTransaction', payload: { connectorId: 1 }, txLocalId: 't1', createdAt: at(1) });
        const b = store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: { v: 2 }, createdAt: at(2) });
        const c = put(store, 'stop', 't1', 3);
        assert.deepEqual(a, { seq: a.seq, kind: 'start', action: 'StartTransaction', payload: { connectorId: 1 }, txLocalId: 't1', attempts: 0, createdAt: at(1), notBefore: 0, ocppVersion: '1.6' }, 'no version given: 1.6, as before versions were stored');
        assert.equal(b.txLocalId, null, 'txLocalId defaults to null');
        assert.ok(a.seq < b.seq && b.seq < c.seq, 'seqs strictly increase');
        assert.deepEqual(store.queue.head(), a);
        assert.deepEqual(store.queue.list(), [a, b, c]);
        store.queue.remove(a.seq);
        assert.deepEqual(store.queue.head(), b);
        store.queue.remove(c.seq);
        assert.deepEqual(store.queue.list(), [b]);
        store.queue.remove(b.seq);
        assert.equal(store.queue.head(), undefined);
      }));

    test('remove, recordFailure and deadLetter of an unknown seq change nothing', () =>
      withStore(build, (store) => {
        const a = put(store, 'meter', 't1', 1);
        store.queue.remove(a.seq + 100);
        store.queue.recordFailure(a.seq + 100, 5);
        store.queue.deadLetter(a.seq + 100, 'x', at(9));
        assert.deepEqual(store.queue.list(), [a]);
        assert.deepEqual(store.queue.deadLetters(), []);
        store.queue.remove(a.seq);
        store.queue.remove(a.seq);
        assert.equal(store.queue.stats().depth, 0);
      }));

    test('seqs are never reused, even after the queue was emptied', () =>
      withStore(build, (store) => {
        const first = [put(store, 'meter', null, 1), put(store, 'meter', null, 2), put(store, 'meter', null, 3)];
        for (const m of first) store.queue.remove(m.seq);
        const next = put(store, 'meter', null, 4);
        assert.ok(next.seq > (first[2]?.seq ?? Infinity), `new seq ${next.seq} must exceed ${first[2]?.seq}`);
      }));

    test('payloads are stored as JSON copies', () =>
      withStore(build, (store) => {
        const payload: Record<string, unknown> = { a: 1, nested: { b: [1, 2] }, gone: undefined };
        const m = store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload, createdAt: at(1) });
        payload.a = 99;
        (m.payload as { nested: { b: number[] } }).nested.b.push(3);
        assert.deepEqual(store.queue.head()?.payload, { a: 1, nested: { b: [1, 2] } });
        const n = store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: undefined, createdAt: at(2) });
        assert.equal(n.payload, null);
        assert.equal(store.queue.list()[1]?.payload, null);
      }));

    test('recordFailure counts attempts and sets notBefore; the message stays at the head', () =>
      withStore(build, (store) => {
        const a = put(store, 'start', 't1', 1);
        const b = put(store, 'meter', 't1', 2);
        store.queue.recordFailure(a.seq, 60_000);
        store.queue.recordFailure(a.seq, 180_000.5);
        assert.deepEqual(store.queue.head(), { ...a, attempts: 2, notBefore: 180_000.5 });
        assert.deepEqual(store.queue.list()[1], b, 'other messages untouched');
        assertStoreError(() => store.queue.recordFailure(a.seq, Number.NaN), 'STORE_CONSTRAINT');
        assert.equal(store.queue.head()?.attempts, 2);
      }));

    test('deadLetter moves the message out of the queue, keeping everything it had', () =>
      withStore(build, (store) => {
        const a = put(store, 'meter', 't1', 1);
        const b = put(store, 'stop', 't1', 2);
        store.queue.recordFailure(a.seq, 1000);
        store.queue.deadLetter(a.seq, 'attempts exhausted', at(50));
        assert.deepEqual(store.queue.deadLetters(), [{ ...a, attempts: 1, notBefore: 1000, deadAt: at(50), reason: 'attempts exhausted' }]);
        assert.deepEqual(store.queue.list(), [b]);
        assert.deepEqual(store.queue.stats(), { depth: 1, oldestCreatedAt: at(2), deadLetters: 1, thinned: 0 });
        store.queue.deadLetter(a.seq, 'again', at(51));
        assert.equal(store.queue.deadLetters().length, 1, 'a second deadLetter of the same seq adds nothing');
      }));

    test('retryDeadLetters re-enqueues at the end in original order with attempts reset and createdAt kept', () =>
      withStore(build, (store) => {
        const a = put(store, 'start', 't1', 1);
        const b = put(store, 'meter', 't1', 2);
        const c = put(store, 'stop', 't1', 3);
        store.queue.recordFailure(b.seq, 500);
        store.queue.deadLetter(b.seq, 'r1', at(10));
        store.queue.recordFailure(a.seq, 700);
        store.queue.deadLetter(a.seq, 'r2', at(11));
        assert.deepEqual(store.queue.deadLetters().map((d) => d.seq), [a.seq, b.seq], 'dead letters listed by seq');
        const d = put(store, 'meter', 't2', 4);
        assert.equal(store.queue.retryDeadLetters(), 2);
        assert.deepEqual(store.queue.deadLetters(), []);
        const list = store.queue.list();
        assert.deepEqual(list.slice(0, 2), [c, d]);
        const [ra, rb] = list.slice(2);
        assert.ok(ra && rb);
        assert.ok(ra.seq > d.seq && rb.seq > ra.seq, 'retried messages get new seqs after everything queued');
        assert.deepEqual({ ...ra, seq: 0 }, { ...a, seq: 0 });
        assert.deepEqual({ ...rb, seq: 0 }, { ...b, seq: 0 });
        assert.equal(store.queue.stats().oldestCreatedAt, at(1), 'oldest is the retried start, now at the end');
        assert.equal(store.queue.retryDeadLetters(), 0);
      }));

    test('stats report depth, oldest createdAt and dead letters', () =>
      withStore(build, (store) => {
        put(store, 'meter', null, 5);
        const x = put(store, 'meter', null, 3);
        put(store, 'meter', null, 7);
        store.queue.deadLetter(x.seq, 'r', at(8));
        assert.deepEqual(store.queue.stats(), { depth: 2, oldestCreatedAt: at(5), deadLetters: 1, thinned: 0 });
      }));

    test('list honours a limit', () =>
      withStore(build, (store) => {
        const all = [1, 2, 3, 4].map((n) => put(store, 'meter', null, n));
        assert.deepEqual(store.queue.list(2), all.slice(0, 2));
        assert.deepEqual(store.queue.list(0), []);
        assert.deepEqual(store.queue.list(10), all);
      }));

    test('enqueue refuses an unknown kind', () =>
      withStore(build, (store) => {
        assertStoreError(() => store.queue.enqueue({ kind: 'status' as QueuedKind, action: 'StatusNotification', payload: {}, createdAt: at(1) }), 'STORE_CONSTRAINT');
        assert.equal(store.queue.stats().depth, 0);
      }));

    describe('enforceCap', () => {
      test('does nothing while depth is within the cap', () =>
        withStore(build, (store) => {
          put(store, 'start', 'A', 1);
          put(store, 'meter', 'A', 2);
          put(store, 'meter', 'A', 3);
          assert.equal(store.queue.enforceCap(3), 0);
          assert.equal(store.queue.enforceCap(10), 0);
          assert.equal(store.queue.stats().depth, 3);
          assert.equal(store.queue.stats().thinned, 0);
        }));

      test('never removes start or stop messages', () =>
        withStore(build, (store) => {
          for (let i = 0; i < 5; i++) {
            put(store, 'start', `T${i}`, i * 2);
            put(store, 'stop', `T${i}`, i * 2 + 1);
          }
          const before = seqs(store);
          assert.equal(store.queue.enforceCap(2), 0);
          assert.deepEqual(seqs(store), before);
          assert.equal(store.queue.stats().thinned, 0);
        }));

      test('thins the transaction with most meter values: its 1st, 3rd, 5th... oldest first', () =>
        withStore(build, (store) => {
          const sA = put(store, 'start', 'A', 0);
          const a = [1, 2, 3, 4, 5, 6].map((n) => put(store, 'meter', 'A', n));
          const sB = put(store, 'start', 'B', 7);
          const b = [8, 9].map((n) => put(store, 'meter', 'B', n));
          const stopA = put(store, 'stop', 'A', 10);
          const depth = store.queue.stats().depth;
          assert.equal(store.queue.enforceCap(depth - 3), 3);
          const removed = [a[0], a[2], a[4]].map((m) => m?.seq);
          assert.deepEqual(seqs(store), [sA, ...a, sB, ...b, stopA].map((m) => m?.seq).filter((s) => !removed.includes(s)));
          assert.equal(store.queue.stats().thinned, 3);
        }));

      test('stops as soon as depth is within the cap', () =>
        withStore(build, (store) => {
          put(store, 'start', 'A', 0);
          const a = [1, 2, 3, 4, 5, 6].map((n) => put(store, 'meter', 'A', n));
          assert.equal(store.queue.enforceCap(6), 1);
          assert.deepEqual(
            store.queue.list().filter((m) => m.kind === 'meter').map((m) => m.seq),
            a.slice(1).map((m) => m.seq),
            'only the oldest meter value was removed',
          );
        }));

      test('keeps thinning across transactions until nothing more can go, keeping each one\'s newest meter value', () =>
        withStore(build, (store) => {
          const starts = [put(store, 'start', 'A', 0), put(store, 'start', 'B', 1)];
          const a = [2, 3, 4, 5].map((n) => put(store, 'meter', 'A', n));
          const b = [6, 7, 8].map((n) => put(store, 'meter', 'B', n));
          const stop = put(store, 'stop', 'A', 9);
          // 10 messages, cap 1. A has most (4): loses a1, a3 -> [a2 a4]. B has most (3): loses b1 -> [b2 b3].
          // Tie at 2: A's oldest (a2) is older, A loses a2. Then B loses b2. Each keeps its newest (a4, b3).
          const removed = store.queue.enforceCap(1);
          assert.equal(removed, 5);
          assert.deepEqual(seqs(store), [starts[0], starts[1], a[3], b[2], stop].map((m) => m?.seq));
          assert.equal(store.queue.stats().thinned, 5);
          assert.equal(store.queue.enforceCap(1), 0, 'a second call finds nothing more to thin');
        }));

      test('ties go to the transaction whose oldest candidate is oldest', () =>
        withStore(build, (store) => {
          put(store, 'start', 'X', 0);
          const b1 = put(store, 'meter', 'B', 1);
          const a1 = put(store, 'meter', 'A', 2);
          put(store, 'meter', 'A', 3);
          put(store, 'meter', 'B', 4);
          assert.equal(store.queue.enforceCap(4), 1);
          assert.ok(!seqs(store).includes(b1.seq), 'B started first, so B is thinned first');
          assert.ok(seqs(store).includes(a1.seq));
        }));

      test('never removes the head, which the sender may have in flight', () =>
        withStore(build, (store) => {
          const m = [1, 2, 3].map((n) => put(store, 'meter', 'A', n));
          assert.equal(store.queue.enforceCap(0), 1);
          assert.deepEqual(seqs(store), [m[0]?.seq, m[2]?.seq]);
        }));

      test('meter values without a transaction are thinned as one group', () =>
        withStore(build, (store) => {
          const m = [1, 2, 3, 4].map((n) => put(store, 'meter', null, n));
          const x = put(store, 'meter', 'A', 5);
          // Head m1 is exempt; the null group [m2 m3 m4] loses m2, then [m3 m4] loses m3; A has one and keeps it.
          assert.equal(store.queue.enforceCap(0), 2);
          assert.deepEqual(seqs(store), [m[0]?.seq, m[3]?.seq, x.seq]);
        }));
    });

    test('after close every method throws STORE_CLOSED, and close is idempotent', () => {
      const store = build();
      put(store, 'meter', null, 1);
      store.close();
      store.close();
      assertStoreError(() => store.queue.head(), 'STORE_CLOSED');
      assertStoreError(() => put(store, 'meter', null, 2), 'STORE_CLOSED');
      assertStoreError(() => store.queue.stats(), 'STORE_CLOSED');
      assertStoreError(() => store.queue.enforceCap(0), 'STORE_CLOSED');
      assertStoreError(() => store.queue.retryDeadLetters(), 'STORE_CLOSED');
    });
  });
}
