/**
 * The durable queue's sender (OCPP 1.6 §3.7 / §4.8–4.10 transaction messages): strict order, one CALL at a
 * time, a row deleted only after the answer, retry after RetryInterval × earlier sends, dead letter after
 * TransactionMessageAttempts, connection errors are no attempts, nothing before setReady(true).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../agent/log.js';
import { CallTimeoutError, ConnectionLostError, NotConnectedError, OcppCallError } from '../../../agent/ocpp/errors.js';
import { isConnectionError } from '../../../agent/ocpp/is-connection-error.js';
import { Settings } from '../../../agent/station/settings.js';
import { QueueSender, type TxSendHooks } from '../../../agent/transactions/queue-sender.js';
import { createMemoryStore, openSqliteStore, type QueuedMessage, type Store } from '../../../offline-queue/index.js';

interface PendingCall {
  /** The uniqueId the sender was told. */
  id: string;
  action: string;
  payload: { n: number };
  at: number;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

function setup(opts: { attempts?: number; retryS?: number; store?: Store; prepare?: TxSendHooks['prepare']; clock?: FakeClock } = {}) {
  const clock = opts.clock ?? new FakeClock();
  const store = opts.store ?? createMemoryStore();
  const settings = new Settings(store.settings);
  settings.set('transactionMessageAttempts', opts.attempts ?? 3);
  settings.set('transactionMessageRetryIntervalS', opts.retryS ?? 60);
  const calls: PendingCall[] = [];
  let outstanding = 0;
  let maxOutstanding = 0;
  const results: { seq: number; result: unknown; depthAtResult: number }[] = [];
  const sender = new QueueSender({
    store,
    clock,
    log: silentLogger(),
    settings,
    transport: {
      call: (action, payload, onId) =>
        new Promise((resolve, reject) => {
          outstanding++;
          maxOutstanding = Math.max(maxOutstanding, outstanding);
          const id = `u${calls.length + 1}`;
          onId?.(id);
          calls.push({
            id,
            action,
            payload: payload as { n: number },
            at: clock.monotonicMs(),
            resolve: (v) => {
              outstanding--;
              resolve(v);
            },
            reject: (e) => {
              outstanding--;
              reject(e);
            },
          });
        }),
    },
    hooks: {
      prepare: opts.prepare ?? ((msg: QueuedMessage) => ({ action: msg.action, payload: msg.payload })),
      onResult: (msg, result) => results.push({ seq: msg.seq, result, depthAtResult: store.queue.stats().depth }),
      isConnectionError,
    },
  });
  let n = 0;
  const enqueue = (action = 'MeterValues', kind: QueuedMessage['kind'] = 'meter') =>
    store.queue.enqueue({ kind, action, payload: { n: ++n }, txLocalId: null, createdAt: clock.now().toISOString() });
  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  const last = () => calls[calls.length - 1]!;
  return { clock, store, settings, sender, calls, results, enqueue, flush, last, maxOutstanding: () => maxOutstanding };
}

const callError = () => new OcppCallError('InternalError', 'CSMS failed to process');

describe('sending', () => {
  test('nothing is sent before setReady(true), whatever kicks it', async () => {
    const s = setup();
    s.enqueue();
    s.sender.kick();
    s.sender.start();
    s.sender.kick();
    await s.clock.advanceAsync(600_000, 60_000);
    assert.equal(s.calls.length, 0);
    s.sender.setReady(true);
    await s.flush();
    assert.equal(s.calls.length, 1);
  });

  test('strict order, one CALL at a time, a row deleted only after its answer', async () => {
    const s = setup();
    s.enqueue('StartTransaction', 'start');
    s.enqueue();
    s.enqueue('StopTransaction', 'stop');
    s.sender.start();
    s.sender.setReady(true);
    s.sender.kick();
    await s.flush();
    assert.equal(s.calls.length, 1, 'one at a time');
    assert.equal(s.store.queue.stats().depth, 3, 'not deleted while unanswered');
    assert.equal(s.store.queue.head()!.payload && (s.store.queue.head()!.payload as { n: number }).n, 1);
    for (let i = 0; i < 3; i++) {
      s.sender.kick(); // kicks while a CALL is outstanding change nothing
      await s.flush();
      assert.equal(s.calls.length, i + 1);
      s.last().resolve({ ok: i });
      await s.flush();
    }
    assert.deepEqual(s.calls.map((c) => [c.action, c.payload.n]), [['StartTransaction', 1], ['MeterValues', 2], ['StopTransaction', 3]]);
    assert.equal(s.maxOutstanding(), 1);
    assert.equal(s.store.queue.stats().depth, 0);
    assert.equal(s.sender.sent(), 3);
    // onResult runs with the answer before the row is deleted (the journal is updated first).
    assert.deepEqual(s.results.map((r) => [r.result, r.depthAtResult]), [[{ ok: 0 }, 3], [{ ok: 1 }, 2], [{ ok: 2 }, 1]]);
  });

  test('messages queued later are sent after the earlier ones, when kicked', async () => {
    const s = setup();
    s.sender.start();
    s.sender.setReady(true);
    s.enqueue();
    s.sender.kick();
    await s.flush();
    s.enqueue();
    s.sender.kick();
    await s.flush();
    assert.equal(s.calls.length, 1);
    s.last().resolve({});
    await s.flush();
    assert.equal(s.calls.length, 2);
    assert.equal(s.last().payload.n, 2);
  });

  test('works the same on the SQLite store', async () => {
    const store = openSqliteStore(':memory:');
    const s = setup({ store });
    s.enqueue();
    s.enqueue();
    s.sender.start();
    s.sender.setReady(true);
    await s.flush();
    s.last().resolve({});
    await s.flush();
    s.last().resolve({});
    await s.flush();
    assert.deepEqual(s.calls.map((c) => c.payload.n), [1, 2]);
    assert.equal(store.queue.stats().depth, 0);
    store.close();
  });
});

describe('retries (TransactionMessageAttempts / TransactionMessageRetryInterval)', () => {
  test('attempts 3, interval 60: resend after 60 s, then after 120 s, then dead letter; the next message waits until then', async () => {
    const s = setup({ attempts: 3, retryS: 60 });
    s.enqueue();
    s.enqueue();
    s.sender.start();
    s.sender.setReady(true);
    await s.flush();
    s.last().reject(callError());
    await s.flush();
    assert.equal(s.store.queue.head()!.attempts, 1);
    await s.clock.advanceAsync(59_999, 1000);
    assert.equal(s.calls.length, 1, 'no resend before 60 s, and message 2 does not overtake');
    await s.clock.advanceAsync(1);
    await s.flush();
    assert.equal(s.calls.length, 2);
    assert.deepEqual([s.last().payload.n, s.last().at], [1, 60_000]);
    s.last().reject(callError());
    await s.flush();
    await s.clock.advanceAsync(119_999, 1000);
    assert.equal(s.calls.length, 2, 'second wait is 2 × 60 s');
    await s.clock.advanceAsync(1);
    await s.flush();
    assert.deepEqual([s.calls.length, s.last().payload.n, s.last().at], [3, 1, 180_000]);
    s.last().reject(callError());
    await s.flush();
    // Third failure: out of the queue into the dead letters, and message 2 goes at once.
    const dead = s.store.queue.deadLetters();
    assert.equal(dead.length, 1);
    assert.equal((dead[0]!.payload as { n: number }).n, 1);
    assert.match(dead[0]!.reason, /3 attempt/);
    assert.equal(s.calls.length, 4);
    assert.deepEqual([s.last().payload.n, s.last().at], [2, 180_000]);
    s.last().resolve({});
    await s.flush();
    assert.equal(s.store.queue.stats().depth, 0);
    assert.equal(s.store.queue.stats().deadLetters, 1);
  });

  test('a timeout counts as a failed attempt like a CALLERROR', async () => {
    const s = setup({ attempts: 2, retryS: 10 });
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    s.last().reject(new CallTimeoutError('MeterValues', 'm1', 30_000));
    await s.flush();
    assert.equal(s.store.queue.head()!.attempts, 1);
    await s.clock.advanceAsync(10_000, 1000);
    await s.flush();
    assert.equal(s.calls.length, 2);
    s.last().reject(new CallTimeoutError('MeterValues', 'm1', 30_000));
    await s.flush();
    assert.equal(s.store.queue.stats().deadLetters, 1);
  });

  test('success on a retry removes the message; no dead letter', async () => {
    const s = setup({ attempts: 3, retryS: 5 });
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    s.last().reject(callError());
    await s.flush();
    await s.clock.advanceAsync(5000, 1000);
    await s.flush();
    s.last().resolve({});
    await s.flush();
    assert.deepEqual(s.store.queue.stats(), { depth: 0, oldestCreatedAt: null, deadLetters: 0, thinned: 0 });
  });

  test('TransactionMessageAttempts 1: dead letter after the first failure', async () => {
    const s = setup({ attempts: 1 });
    s.enqueue();
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    s.last().reject(callError());
    await s.flush();
    assert.equal(s.store.queue.stats().deadLetters, 1);
    assert.equal(s.last().payload.n, 2);
  });

  test('the settings are read when a failure happens (a ChangeConfiguration applies to the next retry)', async () => {
    const s = setup({ attempts: 5, retryS: 60 });
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    s.settings.set('transactionMessageRetryIntervalS', 7);
    s.last().reject(callError());
    await s.flush();
    await s.clock.advanceAsync(7000, 1000);
    await s.flush();
    assert.deepEqual([s.calls.length, s.last().at], [2, 7000]);
  });

  test('a wall-clock step backwards (time adopted from the CSMS) does not stretch the retry wait', async () => {
    const s = setup({ attempts: 3, retryS: 60 });
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    s.last().reject(callError());
    await s.flush();
    s.clock.setWallClock(new Date(s.clock.now().getTime() - 3_600_000));
    s.sender.setReady(false);
    s.sender.setReady(true);
    await s.clock.advanceAsync(60_000, 1000);
    await s.flush();
    assert.equal(s.calls.length, 2, 'resent 60 s after the failure, not 1 h later');
  });

  test('a message that cannot be prepared goes to the dead letters and the next one is sent', async () => {
    const s = setup({
      prepare: (msg) => {
        if ((msg.payload as { n: number }).n === 1) throw new Error('no such transaction');
        return { action: msg.action, payload: msg.payload };
      },
    });
    s.enqueue();
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    assert.deepEqual(s.calls.map((c) => c.payload.n), [2]);
    assert.match(s.store.queue.deadLetters()[0]!.reason, /cannot prepare: no such transaction/);
  });
});

describe('connection loss', () => {
  for (const err of [() => new NotConnectedError('MeterValues'), () => new ConnectionLostError('MeterValues', true)]) {
    test(`${err().name} is no attempt: the message stays at the head with attempts 0 and waits for setReady(true)`, async () => {
      const s = setup({ attempts: 2, retryS: 60 });
      s.enqueue();
      s.enqueue();
      s.sender.setReady(true);
      await s.flush();
      for (let i = 0; i < 5; i++) {
        s.last().reject(err());
        await s.flush();
        assert.equal(s.calls.length, i + 1, 'no busy loop after a connection error');
        const head = s.store.queue.head()!;
        assert.deepEqual([(head.payload as { n: number }).n, head.attempts, head.notBefore], [1, 0, 0]);
        s.sender.setReady(false);
        s.sender.setReady(true); // reconnected and accepted again: sent at once
        await s.flush();
      }
      assert.equal(s.calls.length, 6);
      assert.equal(s.store.queue.stats().deadLetters, 0);
      // Real failures still count from zero afterwards: two CALLERRORs with attempts 2.
      s.last().reject(callError());
      await s.flush();
      assert.equal(s.store.queue.head()!.attempts, 1);
      await s.clock.advanceAsync(60_000, 1000);
      await s.flush();
      s.last().reject(callError());
      await s.flush();
      assert.equal(s.store.queue.stats().deadLetters, 1);
    });
  }

  test('setReady(false) during a retry wait: nothing sent; after reconnecting, the rest of the wait still applies', async () => {
    const s = setup({ attempts: 3, retryS: 60 });
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    s.last().reject(callError());
    await s.flush();
    s.sender.setReady(false);
    await s.clock.advanceAsync(30_000, 1000);
    s.sender.setReady(true);
    await s.flush();
    assert.equal(s.calls.length, 1, 'retry not due yet');
    await s.clock.advanceAsync(29_999, 1000);
    assert.equal(s.calls.length, 1);
    await s.clock.advanceAsync(1);
    await s.flush();
    assert.equal(s.calls.length, 2);
    s.sender.setReady(false);
    await s.clock.advanceAsync(600_000, 10_000);
    assert.equal(s.calls.length, 2, 'nothing while not ready');
  });

  test('stop(): nothing more is sent; an answer arriving after stop() does not delete the row (sent again later)', async () => {
    const s = setup();
    s.enqueue();
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    s.sender.stop();
    s.last().resolve({});
    await s.flush();
    assert.equal(s.store.queue.stats().depth, 2);
    s.sender.kick();
    await s.clock.advanceAsync(600_000, 60_000);
    assert.equal(s.calls.length, 1);
    assert.equal(s.clock.pendingTimers(), 0);
  });
});

describe('shutdown: finish() before the connection closes', () => {
  test('the answer to the CALL in flight is recorded and its row deleted; nothing new is sent', async () => {
    const s = setup();
    s.enqueue();
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    const finished = s.sender.finish(3000);
    await s.clock.advanceAsync(1000, 100);
    s.last().resolve({ answer: 1 });
    await finished;
    await s.flush();
    assert.deepEqual(s.results.map((r) => r.seq), [1], 'the answer reached the journal hooks');
    assert.equal(s.store.queue.head()!.seq, 2, 'its row is deleted, so it is not sent again after the restart');
    s.sender.kick();
    s.sender.setReady(true);
    await s.clock.advanceAsync(60_000, 1000);
    assert.equal(s.calls.length, 1, 'no new CALL while finishing');
    s.sender.stop();
    assert.equal(s.clock.pendingTimers(), 0);
  });

  test('no answer within the bound: finish() resolves, the row stays queued', async () => {
    const s = setup();
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    let done = false;
    const finished = s.sender.finish(3000).then(() => (done = true));
    await s.clock.advanceAsync(2999, 100);
    assert.equal(done, false);
    await s.clock.advanceAsync(1);
    await finished;
    s.sender.stop();
    s.last().reject(new ConnectionLostError('MeterValues', true));
    await s.flush();
    assert.equal(s.store.queue.stats().depth, 1);
    assert.equal(s.results.length, 0);
    assert.equal(s.clock.pendingTimers(), 0);
  });

  test('nothing in flight: finish() resolves at once and leaves no timer', async () => {
    const s = setup();
    s.enqueue();
    await s.sender.finish(3000);
    assert.equal(s.clock.pendingTimers(), 0);
  });
});

describe('late answers (after MessageTimeout)', () => {
  test('a late answer to a timed-out send is its answer: recorded, row deleted, no resend; the next message goes out', async () => {
    const s = setup({ attempts: 3, retryS: 60 });
    s.enqueue('StartTransaction', 'start');
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    const first = s.last();
    first.reject(new CallTimeoutError('StartTransaction', first.id, 30_000));
    await s.flush();
    assert.equal(s.store.queue.head()!.attempts, 1, 'the timeout counted as a failure');
    s.sender.lateResult(first.id, { late: true });
    await s.flush();
    assert.deepEqual(s.results.map((r) => [r.seq, r.result]), [[1, { late: true }]]);
    assert.deepEqual(s.calls.map((c) => c.payload.n), [1, 2], 'the next message is sent at once, the first never again');
    await s.clock.advanceAsync(600_000, 10_000);
    assert.equal(s.calls.filter((c) => c.payload.n === 1).length, 1);
  });

  test('late answer while the resend is in flight: both answers reach the hooks, the row is deleted once, no third send', async () => {
    const s = setup({ attempts: 3, retryS: 1 });
    s.enqueue('StartTransaction', 'start');
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    const first = s.last();
    first.reject(new CallTimeoutError('StartTransaction', first.id, 30_000));
    await s.flush();
    await s.clock.advanceAsync(1000, 100);
    const resend = s.last();
    assert.notEqual(resend, first);
    assert.deepEqual(resend.payload, first.payload);
    s.sender.lateResult(first.id, { answer: 'late' });
    await s.flush();
    assert.equal(s.calls.length, 2, 'one CALL at a time: the next waits for the resend');
    resend.resolve({ answer: 'resend' });
    await s.flush();
    assert.deepEqual(s.results.map((r) => r.result), [{ answer: 'late' }, { answer: 'resend' }], 'the first answer first; the hooks keep it');
    assert.deepEqual(s.calls.map((c) => c.payload.n), [1, 1, 2]);
    assert.equal(s.sender.sent(), 1, 'one delivery');
  });

  test('a late answer after the resend was answered reaches the hooks as the second; nothing else happens', async () => {
    const s = setup({ attempts: 3, retryS: 1 });
    s.enqueue('StartTransaction', 'start');
    s.sender.setReady(true);
    await s.flush();
    const first = s.last();
    first.reject(new CallTimeoutError('StartTransaction', first.id, 30_000));
    await s.flush();
    await s.clock.advanceAsync(1000, 100);
    s.last().resolve({ answer: 'resend' });
    await s.flush();
    s.sender.lateResult(first.id, { answer: 'late' });
    await s.flush();
    assert.deepEqual(s.results.map((r) => r.result), [{ answer: 'resend' }, { answer: 'late' }]);
    assert.equal(s.calls.length, 2);
  });

  test('an unknown id, or one of a message already dead-lettered, changes nothing', async () => {
    const s = setup({ attempts: 1 });
    s.enqueue();
    s.enqueue();
    s.sender.setReady(true);
    await s.flush();
    const first = s.last();
    first.reject(callError());
    await s.flush();
    assert.equal(s.store.queue.stats().deadLetters, 1);
    s.sender.lateResult(first.id, {});
    s.sender.lateResult('nobody', {});
    await s.flush();
    assert.equal(s.results.length, 0);
    assert.equal(s.store.queue.head()!.seq, 2);
  });

  test('a resend is byte-identical to the first send, also when its time was re-stamped and the clock stepped since', async () => {
    const clock = new FakeClock(undefined, { trusted: false });
    const s = setup({ attempts: 3, retryS: 60, clock });
    await clock.advanceAsync(12_345);
    // Stamped before the clock was known: epoch plus monotonic time, re-stamped when sent.
    s.store.queue.enqueue({ kind: 'start', action: 'StartTransaction', payload: { n: 1, timestamp: clock.now().toISOString() }, txLocalId: null, createdAt: clock.now().toISOString() });
    s.sender.setReady(true);
    await clock.advanceAsync(500);
    clock.setWallClock(new Date('2026-03-01T10:00:00.000Z'));
    await clock.advanceAsync(5000, 1000);
    await s.flush();
    assert.equal(s.calls.length, 1);
    const first = s.last();
    assert.equal((first.payload as unknown as { timestamp: string }).timestamp, '2026-03-01T09:59:59.500Z');
    first.reject(callError());
    await s.flush();
    // Time adopted again (a Heartbeat): a stamp computed anew would move by 2 s.
    clock.setWallClock(new Date(clock.now().getTime() + 2000));
    await clock.advanceAsync(60_000, 1000);
    await s.flush();
    assert.equal(s.calls.length, 2);
    assert.equal(JSON.stringify(s.last().payload), JSON.stringify(first.payload));
  });
});
