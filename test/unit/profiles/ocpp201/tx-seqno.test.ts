// seqNo of 2.0.1 TransactionEvents as the CSMS sees them (tx-send-hooks.ts), on the memory and the SQLite
// store: given at the first send from the journal's counter, the same on a resend and after a restart, never
// consumed by messages the cap policy thinned out, consumed by a dead letter, advanced once per message.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import { Settings } from '../../../../agent/station/settings.js';
import { QueueSender } from '../../../../agent/transactions/queue-sender.js';
import { createMemoryStore, openSqliteStore, type Store, type TransactionRecord } from '../../../../offline-queue/index.js';
import { Ocpp201Ledger } from '../../../../profiles/ocpp201/transactions/ledger201.js';
import { createTxEventBuilder } from '../../../../profiles/ocpp201/transactions/tx-events.js';
import { createTxEventSendHooks, seqState } from '../../../../profiles/ocpp201/transactions/tx-send-hooks.js';
import { createOcpp201Validator } from '../../../../profiles/ocpp201/validator.js';

const validator = createOcpp201Validator();
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

type Answer = 'ok' | 'fail';

/** A station's transaction side on `store`, with a CSMS that answers as `answer` says (default: accepted). */
function side(store: Store, clock = new FakeClock()) {
  const settings = new Settings(store.settings);
  const sent: any[] = [];
  let answer: (payload: any) => Answer = () => 'ok';
  let held: ((v: unknown) => void) | null = null;
  let hold = false;
  const hooks = createTxEventSendHooks(store, { idTokenInfo: () => undefined });
  const sender = new QueueSender({
    store, clock, settings, hooks, log: silentLogger(),
    transport: {
      call: (_action, payload: any) => {
        assert.equal(validator.validateRequest('TransactionEvent', payload), null);
        sent.push(payload);
        if (hold) return new Promise((resolve) => (held = resolve));
        return answer(payload) === 'ok' ? Promise.resolve({}) : Promise.reject(new Error('CALLERROR InternalError'));
      },
    },
  });
  const builder = createTxEventBuilder({ settings, phasesOf: () => 3, online: () => true, tokenType: () => 'ISO14443', evPlugged: () => true });
  const ledger = new Ocpp201Ledger(store, builder, () => sender.kick(), () => 1000);
  const settle = async () => {
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    settings, sent, sender, ledger, hooks, builder, clock, settle,
    answerWith: (fn: (payload: any) => Answer) => (answer = fn),
    holdNext: () => (hold = true),
    release: () => {
      hold = false;
      held?.({});
    },
  };
}

const T = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const sample = (s: number, wh: number) => [{ timestamp: T(s), context: 'Sample.Periodic' as const, offeredCurrentA: 16, reading: { energyImportWh: wh } }];
const begin = (l: Ocpp201Ledger): TransactionRecord => l.begin({ evseId: 1, idTag: 'CARD', parentIdTag: null, meterStartWh: 0, timestamp: T(0), remoteStartId: null, reservationId: null, authStatus: 'Accepted', startedBy: 'Authorized' });
const end = (l: Ocpp201Ledger, rec: TransactionRecord, s: number) => l.end(rec, { timestamp: T(s), meterStopWh: 100 * s, reason: 'Local', stopIdTag: 'CARD', transactionData: [] });
const seqNos = (sent: any[]) => sent.map((p) => p.seqNo);

for (const [name, open] of [
  ['memory', (): { store: Store; reopen: () => Store } => {
    const store = createMemoryStore();
    return { store, reopen: () => store };
  }],
  ['sqlite', (): { store: Store; reopen: () => Store } => {
    const dir = mkdtempSync(join(tmpdir(), 'tx201-seq-'));
    dirs.push(dir);
    const file = join(dir, 'q.db');
    return { store: openSqliteStore(file), reopen: () => openSqliteStore(file) };
  }],
] as const) {
  describe(`seqNo: ${name} store`, () => {
    test('a transaction goes out as 0..n; the journal keeps the transactionId as csmsId at begin', async () => {
      const { store } = open();
      const s = side(store);
      const rec = begin(s.ledger);
      assert.equal(store.journal.get(rec.localId)!.csmsId, rec.localId);
      s.ledger.meter(rec, sample(1, 100));
      s.ledger.event(rec, s.builder.chargingStateChanged(rec, 'Charging', T(2)), T(2));
      end(s.ledger, rec, 3);
      s.sender.setReady(true);
      await s.settle();
      assert.deepEqual(seqNos(s.sent), [0, 1, 2, 3]);
      assert.deepEqual(s.sent.map((p) => p.eventType), ['Started', 'Updated', 'Updated', 'Ended']);
      assert.equal(store.queue.stats().depth, 0);
      assert.equal(store.journal.get(rec.localId)!.stopState, 'confirmed');
      assert.deepEqual(seqState(store.journal.get(rec.localId)).seqNext, 4);
      store.close();
    });

    test('a failed send is retried with the same seqNo and payload', async () => {
      const { store } = open();
      const s = side(store);
      s.settings.set('transactionMessageRetryIntervalS', 1);
      let fails = 1;
      s.answerWith(() => (fails-- > 0 ? 'fail' : 'ok'));
      const rec = begin(s.ledger);
      s.ledger.meter(rec, sample(1, 100));
      s.sender.setReady(true);
      await s.settle();
      s.clock.advance(1000);
      await s.settle();
      assert.deepEqual(seqNos(s.sent), [0, 0, 1]);
      assert.deepEqual(s.sent[0], s.sent[1]);
      store.close();
    });

    test('after a restart the unanswered message goes out again with the same seqNo; the counter goes on', async () => {
      const { store, reopen } = open();
      const a = side(store);
      const rec = begin(a.ledger);
      a.ledger.meter(rec, sample(1, 100));
      a.sender.setReady(true);
      await a.settle();
      a.holdNext();
      a.ledger.meter(rec, sample(2, 200));
      await a.settle();
      // seqNo 2 is in flight when the process dies: nothing of it was recorded.
      assert.deepEqual(seqNos(a.sent), [0, 1, 2]);
      a.sender.stop();
      if (name === 'sqlite') store.close();
      const again = reopen();
      const b = side(again);
      end(b.ledger, again.journal.get(rec.localId)!, 3);
      b.sender.setReady(true);
      await b.settle();
      assert.deepEqual(seqNos(b.sent), [2, 3]);
      assert.deepEqual({ ...b.sent[0] }, { ...a.sent[2] }, 'the resend is the same message');
      again.close();
    });

    test('an answer committed just before the crash (row not yet deleted): the row is not sent again, and no seqNo repeats', async () => {
      const { store, reopen } = open();
      const a = side(store);
      const rec = begin(a.ledger);
      const head = store.queue.peek('2.0.1')!;
      // What the sender does for an answer, stopped between the journal's commit and the row's deletion.
      a.hooks.prepare(head);
      a.hooks.onResult(head, {});
      assert.equal(store.queue.stats().depth, 1);
      if (name === 'sqlite') store.close();
      const again = reopen();
      const b = side(again);
      end(b.ledger, again.journal.get(rec.localId)!, 3);
      b.sender.setReady(true);
      await b.settle();
      assert.deepEqual(b.sent.map((p) => [p.eventType, p.seqNo]), [['Ended', 1]]);
      again.close();
    });

    test('a second answer to one message advances the counter once', async () => {
      const { store } = open();
      const s = side(store);
      const rec = begin(s.ledger);
      const head = store.queue.peek('2.0.1')!;
      s.hooks.onResult(head, {});
      s.hooks.onResult(head, {});
      assert.equal(seqState(store.journal.get(rec.localId)).seqNext, 1);
      store.close();
    });

    test('messages the cap policy thinned out never consume a seqNo', async () => {
      const { store } = open();
      const s = side(store);
      const rec = begin(s.ledger);
      for (let i = 1; i <= 20; i++) s.ledger.meter(rec, sample(i, i * 10));
      end(s.ledger, rec, 30);
      const thinned = store.queue.enforceCap(5);
      assert.ok(thinned > 0);
      const depth = store.queue.stats().depth;
      s.sender.setReady(true);
      await s.settle();
      assert.equal(s.sent.length, depth);
      assert.deepEqual(seqNos(s.sent), s.sent.map((_, i) => i));
      assert.equal(s.sent[s.sent.length - 1].eventType, 'Ended');
      store.close();
    });

    test('a message moved to the dead letters used its seqNo: the next one takes the following number', async () => {
      const { store } = open();
      const s = side(store);
      s.settings.set('transactionMessageAttempts', 1);
      const rec = begin(s.ledger);
      s.ledger.meter(rec, sample(1, 100));
      end(s.ledger, rec, 2);
      s.answerWith((p) => (p.eventType === 'Updated' ? 'fail' : 'ok'));
      s.sender.setReady(true);
      await s.settle();
      assert.deepEqual(s.sent.map((p) => [p.eventType, p.seqNo]), [['Started', 0], ['Updated', 1], ['Ended', 2]]);
      assert.equal(store.queue.deadLetters().length, 1);
      store.close();
    });
  });
}

test("the answer of an Updated is recorded with an ordered commit, of a Started and an Ended with a full one", async () => {
  const store = createMemoryStore();
  const seen: { action: string; durability: string }[] = [];
  const atomically = store.atomically.bind(store);
  let current = '';
  (store as { atomically: Store['atomically'] }).atomically = (fn, opts) => {
    if (current) seen.push({ action: current, durability: opts?.durability ?? 'full' });
    return atomically(fn, opts);
  };
  const s = side(store);
  const onResult = s.hooks.onResult.bind(s.hooks);
  s.hooks.onResult = (msg, result) => {
    current = `${msg.kind}`;
    try {
      onResult(msg, result);
    } finally {
      current = '';
    }
  };
  const rec = begin(s.ledger);
  s.ledger.meter(rec, sample(1, 100));
  end(s.ledger, rec, 3);
  s.sender.setReady(true);
  await s.settle();
  assert.deepEqual(seqNos(s.sent), [0, 1, 2]);
  assert.deepEqual(seen, [
    { action: 'start', durability: 'full' },
    { action: 'meter', durability: 'ordered' },
    { action: 'stop', durability: 'full' },
  ]);
});
