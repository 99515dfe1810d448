/**
 * A station whose OCPP version was switched holds messages of both versions: its sender takes only those of its
 * profile's version, in order, and leaves the others queued and listed (dead letters too).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../agent/log.js';
import { isConnectionError } from '../../../agent/ocpp/is-connection-error.js';
import { Settings } from '../../../agent/station/settings.js';
import { QueueSender, type TxSendHooks } from '../../../agent/transactions/queue-sender.js';
import { createMemoryStore, openSqliteStore, type Store } from '../../../offline-queue/index.js';
import { createTxSendHooks } from '../../../profiles/ocpp16/tx-messages.js';

function setup(store: Store, hooks: TxSendHooks) {
  const sent: { action: string; payload: unknown }[] = [];
  const pending: (() => void)[] = [];
  const sender = new QueueSender({
    store,
    clock: new FakeClock(),
    log: silentLogger(),
    settings: new Settings(store.settings),
    hooks,
    transport: {
      call: (action, payload) =>
        new Promise((resolve) => {
          sent.push({ action, payload });
          pending.push(() => resolve({}));
        }),
    },
  });
  /** Answer every call until the sender asks for no more (its version's messages are all sent). */
  const answerAll = async () => {
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setImmediate(r));
      const next = pending.shift();
      if (!next) return;
      next();
    }
  };
  return { sender, sent, answerAll };
}

const enqueue = (store: Store, ocppVersion: string, action: string, n: number) =>
  store.queue.enqueue({ kind: 'meter', action, payload: { n }, txLocalId: null, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), ocppVersion });

for (const [name, build] of [
  ['memory', () => createMemoryStore()],
  ['sqlite', () => openSqliteStore(':memory:')],
] as const) {
  describe(`the sender takes only its version's messages: ${name}`, () => {
    test("a 1.6 sender sends the 1.6 messages in order, skipping 2.0.1 ones at the head and between; they stay queued and listed", async () => {
      const store = build();
      const first201 = enqueue(store, '2.0.1', 'TransactionEvent', 1);
      enqueue(store, '1.6', 'MeterValues', 2);
      const mid201 = enqueue(store, '2.0.1', 'TransactionEvent', 3);
      enqueue(store, '1.6', 'MeterValues', 4);
      const hooks = createTxSendHooks(store, { idTagInfo: () => undefined, startAnswered: () => undefined });
      assert.equal(hooks.ocppVersion, '1.6');
      const s = setup(store, hooks);
      s.sender.start();
      s.sender.setReady(true);
      await s.answerAll();
      assert.deepEqual(s.sent.map((m) => [m.action, (m.payload as { n: number }).n]), [
        ['MeterValues', 2],
        ['MeterValues', 4],
      ]);
      assert.deepEqual(store.queue.list().map((m) => [m.seq, m.ocppVersion]), [
        [first201.seq, '2.0.1'],
        [mid201.seq, '2.0.1'],
      ], 'never sent, never dropped');
      assert.equal(store.queue.peek('1.6'), undefined);
      s.sender.kick();
      await s.answerAll();
      assert.equal(s.sent.length, 2, 'a kick with only other-version messages sends nothing');
      s.sender.stop();
      store.close();
    });

    test("a sender of the other version takes those the first one left, and dead letters keep their version", async () => {
      const store = build();
      const a = enqueue(store, '1.6', 'MeterValues', 1);
      enqueue(store, '2.0.1', 'TransactionEvent', 2);
      store.queue.deadLetter(a.seq, 'refused', new Date(0).toISOString());
      const s = setup(store, { ocppVersion: '2.0.1', prepare: (m) => ({ action: m.action, payload: m.payload }), onResult: () => undefined, isConnectionError });
      s.sender.start();
      s.sender.setReady(true);
      await s.answerAll();
      assert.deepEqual(s.sent.map((m) => m.action), ['TransactionEvent']);
      assert.equal(store.queue.stats().depth, 0);
      assert.deepEqual(store.queue.deadLetters().map((d) => [d.seq, d.ocppVersion]), [[a.seq, '1.6']]);
      store.queue.retryDeadLetters();
      s.sender.kick();
      await s.answerAll();
      assert.deepEqual(s.sent.map((m) => m.action), ['TransactionEvent'], 'the retried 1.6 message waits for a 1.6 sender');
      assert.equal(store.queue.peek('1.6')?.action, 'MeterValues');
      s.sender.stop();
      store.close();
    });
  });
}

describe('the 1.6 hooks and text CSMS ids', () => {
  test('a decimal id goes out as the integer; an id that is no 1.6 integer (a 2.0.1 transaction) as -1', () => {
    const store = createMemoryStore();
    const hooks = createTxSendHooks(store, { idTagInfo: () => undefined, startAnswered: () => undefined });
    const ids: Record<string, string> = { a: '77', b: '-5', c: 'c0ffee', d: '0x1F', e: '1e3', f: '99999999999999999999' };
    const sent: Record<string, unknown> = {};
    for (const [localId, csmsId] of Object.entries(ids)) {
      store.journal.open({ localId, evseId: 1, idTag: 'T', startedAt: new Date(0).toISOString(), meterStartWh: 0, extra: {} }, { action: 'StartTransaction', payload: {} });
      store.journal.setCsmsId(localId, csmsId, 'Accepted');
      const msg = store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: { connectorId: 1 }, txLocalId: localId, createdAt: new Date(0).toISOString() });
      sent[localId] = (hooks.prepare(msg).payload as { transactionId: unknown }).transactionId;
    }
    assert.deepEqual(sent, { a: 77, b: -5, c: -1, d: -1, e: -1, f: -1 });
    store.close();
  });
});
