/**
 * The crash window between two commits of the sender: the CSMS's answer is committed to the journal
 * (StartTransaction.conf → CSMS id, StopTransaction.conf → stop confirmed), then the queue row is deleted. A
 * kill between the two leaves a delivered message queued. With the journal consulted before sending
 * (TxSendHooks.alreadyAnswered), the restarted station does not send it again: no second transaction id at the
 * CSMS for one start, no repeated stop.
 *
 * A kill cannot be aimed between two synchronous SQLite commits from outside the process, so the "process" here
 * is the real ledger, hooks and sender on a SQLite file: phase one stops right after the answer's commit (its
 * store is closed; what was committed is what a kill leaves), phase two is the restart on the same file.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../agent/clock/fake-clock.js';
import { silentLogger } from '../../agent/log.js';
import { Settings } from '../../agent/station/settings.js';
import type { MeterSample } from '../../agent/station/types.js';
import { DurableLedger } from '../../agent/transactions/ledger.js';
import { QueueSender } from '../../agent/transactions/queue-sender.js';
import { openSqliteStore, type Store } from '../../offline-queue/index.js';
import { createTxMessageBuilder, createTxSendHooks } from '../../profiles/ocpp16/tx-messages.js';

const dir = mkdtempSync(join(tmpdir(), 'chargerd-window-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sink = { idTagInfo: () => undefined, startAnswered: () => undefined };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();
const sample = (s: number, wh: number): MeterSample => ({ timestamp: at(s), context: 'Sample.Periodic', reading: { energyImportWh: wh }, offeredCurrentA: 16 });

/** A transaction with a start, one sample and a stop, all queued. */
function session(file: string): void {
  const store = openSqliteStore(file);
  const ledger = new DurableLedger(store, createTxMessageBuilder(new Settings(store.settings), () => 3), () => undefined, () => 1000);
  const rec = ledger.begin({ evseId: 1, idTag: 'WINDOW', parentIdTag: null, meterStartWh: 100, timestamp: at(0), remoteStartId: null, reservationId: null, authStatus: 'Accepted' });
  ledger.meter(rec, [sample(10, 150)]);
  ledger.end(rec, { timestamp: at(20), meterStopWh: 200, reason: 'Local', stopIdTag: 'WINDOW', transactionData: [] });
  store.close();
}

/** Send the head as the sender does up to the answer's commit, then "die" (no row deleted). */
function answerThenDie(file: string, answer: unknown): string {
  const store = openSqliteStore(file);
  try {
    const hooks = createTxSendHooks(store, sink);
    const head = store.queue.head()!;
    hooks.prepare(head);
    hooks.onResult(head, answer);
    return head.action;
  } finally {
    store.close();
  }
}

/** Restart: a sender on the same file, answering everything, until the queue is empty. */
async function restart(file: string): Promise<{ sent: { action: string; payload: any }[]; store: Store }> {
  const store = openSqliteStore(file);
  const settings = new Settings(store.settings);
  const sent: { action: string; payload: any }[] = [];
  const sender = new QueueSender({
    store,
    clock: new FakeClock(),
    log: silentLogger(),
    settings,
    hooks: createTxSendHooks(store, sink),
    transport: {
      call: async (action, payload) => {
        sent.push({ action, payload });
        return action === 'StartTransaction' ? { transactionId: 999, idTagInfo: { status: 'Accepted' } } : {};
      },
    },
  });
  sender.start();
  sender.setReady(true);
  for (let i = 0; i < 50 && store.queue.stats().depth > 0; i++) await new Promise((r) => setImmediate(r));
  sender.stop();
  return { sent, store };
}

/** A store whose writes fail after `budget` of them succeeded: a kill between two commits. */
function killedAfter(store: Store, budget: number): Store {
  let writes = 0;
  const cut = <T extends object>(target: T, methods: string[]): T =>
    new Proxy(target, {
      get(t, name, receiver) {
        const value = Reflect.get(t, name, receiver);
        if (typeof value !== 'function' || !methods.includes(String(name))) return value;
        return (...args: unknown[]) => {
          if (writes++ >= budget) throw new Error('killed');
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  return {
    ...store,
    close: () => store.close(),
    journal: cut(store.journal, ['open', 'updateMeter', 'setCsmsId', 'setStartState', 'setStopState', 'close']),
    queue: cut(store.queue, ['enqueue', 'recordFailure', 'remove', 'deadLetter', 'enforceCap', 'retryDeadLetters']),
  };
}

describe('kill between two commits of a sample', () => {
  test('wherever the kill falls, the power-loss stop made from the journal covers every queued sample (energy and time)', () => {
    // begin: 1 write; each sample: journal reading, message, cap. Budget 0..10 cuts before every write.
    for (let budget = 0; budget <= 10; budget++) {
      const file = join(dir, `sample-${budget}.db`);
      const live = openSqliteStore(file);
      const ledger = new DurableLedger(killedAfter(live, budget), createTxMessageBuilder(new Settings(live.settings), () => 3), () => undefined, () => 1000);
      try {
        const rec = ledger.begin({ evseId: 1, idTag: 'CUT', parentIdTag: null, meterStartWh: 100, timestamp: at(0), remoteStartId: null, reservationId: null, authStatus: 'Accepted' });
        for (let i = 1; i <= 3; i++) ledger.meter(rec, [sample(i * 10, 100 + i * 50)]);
      } catch (err) {
        assert.equal((err as Error).message, 'killed');
      }
      live.close();

      // The restart: what Station.recoverUnfinished does with the journal's last reading.
      const store = openSqliteStore(file);
      try {
        const after = new DurableLedger(store, createTxMessageBuilder(new Settings(store.settings), () => 3), () => undefined, () => 1000);
        for (const rec of after.unfinished()) {
          after.end(rec, { timestamp: rec.lastMeterAt, meterStopWh: Math.max(rec.lastMeterWh, rec.meterStartWh), reason: 'PowerLoss', stopIdTag: null, transactionData: [] });
        }
        const queued = store.queue.list();
        const stop = queued.find((q) => q.kind === 'stop')?.payload as { meterStop: number; timestamp: string } | undefined;
        if (budget === 0) {
          assert.equal(queued.length, 0, 'killed before the start was committed: nothing at all');
          continue;
        }
        assert.ok(stop, `budget ${budget}: the transaction is stopped`);
        for (const q of queued.filter((x) => x.kind === 'meter')) {
          const mv = (q.payload as { meterValue: { timestamp: string; sampledValue: { value: string }[] }[] }).meterValue[0]!;
          assert.ok(Number(mv.sampledValue[0]!.value) <= stop.meterStop, `budget ${budget}: queued sample ${mv.sampledValue[0]!.value} Wh above the power-loss meterStop ${stop.meterStop}`);
          assert.ok(mv.timestamp <= stop.timestamp, `budget ${budget}: queued sample at ${mv.timestamp} after the power-loss stop at ${stop.timestamp}`);
        }
      } finally {
        store.close();
      }
    }
  });
});

describe('kill between the answer commit and the queue delete', () => {
  test('StartTransaction.conf committed: after the restart the start is not sent again; samples and stop carry the first id', async () => {
    const file = join(dir, 'start.db');
    session(file);
    assert.equal(answerThenDie(file, { transactionId: 77, idTagInfo: { status: 'Accepted' } }), 'StartTransaction');
    const { sent, store } = await restart(file);
    try {
      assert.deepEqual(
        sent.map((s) => [s.action, s.payload.transactionId]),
        [
          ['MeterValues', 77],
          ['StopTransaction', 77],
        ],
      );
      assert.equal(store.queue.stats().depth, 0);
      assert.equal(store.journal.list()[0]!.csmsId, '77', 'the id the CSMS gave first is kept (as text)');
    } finally {
      store.close();
    }
  });

  test('StopTransaction.conf committed: after the restart the stop is not sent again', async () => {
    const file = join(dir, 'stop.db');
    session(file);
    assert.equal(answerThenDie(file, { transactionId: 78, idTagInfo: { status: 'Accepted' } }), 'StartTransaction');
    // The start and the sample were delivered and deleted normally.
    const s = openSqliteStore(file);
    s.queue.remove(s.queue.head()!.seq);
    s.queue.remove(s.queue.head()!.seq);
    s.close();
    assert.equal(answerThenDie(file, {}), 'StopTransaction');
    const { sent, store } = await restart(file);
    try {
      assert.deepEqual(sent, []);
      assert.equal(store.queue.stats().depth, 0);
      assert.equal(store.journal.list()[0]!.stopState, 'confirmed');
    } finally {
      store.close();
    }
  });

  test('a start sent but not answered (the window that stays): sent again after the restart, the same message', async () => {
    const file = join(dir, 'sent.db');
    session(file);
    const store0 = openSqliteStore(file);
    const first = createTxSendHooks(store0, sink).prepare(store0.queue.head()!);
    assert.equal(store0.journal.list()[0]!.startState, 'sent', 'the journal knows the CSMS may have it');
    store0.close();
    const { sent, store } = await restart(file);
    try {
      assert.deepEqual(sent.map((s) => s.action), ['StartTransaction', 'MeterValues', 'StopTransaction']);
      assert.deepEqual(sent[0], first, 'identical: the CSMS can recognise the repeat');
      assert.equal(sent[2]!.payload.transactionId, 999);
    } finally {
      store.close();
    }
  });
});
