/**
 * A StartTransaction answered after MessageTimeout (issue 7, task 2), through the real ledger, 1.6 hooks and
 * sender on a memory store: the late answer is the answer (one CSMS transaction, no resend), and when the resend
 * was answered too the first transactionId stays in the journal and on every later message, the other is logged.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { CallTimeoutError } from '../../../agent/ocpp/errors.js';
import { Settings } from '../../../agent/station/settings.js';
import { DurableLedger } from '../../../agent/transactions/ledger.js';
import { QueueSender } from '../../../agent/transactions/queue-sender.js';
import { createMemoryStore } from '../../../offline-queue/index.js';
import { createTxMessageBuilder, createTxSendHooks } from '../../../profiles/ocpp16/tx-messages.js';
import { captureLog } from '../ocpp/ws-peer.js';

interface Wire {
  id: string;
  action: string;
  payload: Record<string, unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

function setup() {
  const clock = new FakeClock();
  const store = createMemoryStore();
  const settings = new Settings(store.settings);
  settings.set('transactionMessageRetryIntervalS', 1);
  const cap = captureLog();
  const wire: Wire[] = [];
  const sender = new QueueSender({
    store,
    clock,
    log: cap.log,
    settings,
    hooks: createTxSendHooks(store, { idTagInfo: () => undefined, startAnswered: () => undefined }, cap.log),
    transport: {
      call: (action, payload, onId) =>
        new Promise((resolve, reject) => {
          const id = `u${wire.length + 1}`;
          onId?.(id);
          wire.push({ id, action, payload: payload as Record<string, unknown>, resolve, reject });
        }),
    },
  });
  const ledger = new DurableLedger(store, createTxMessageBuilder(settings, () => 3), () => sender.kick(), () => 1000);
  const rec = ledger.begin({ evseId: 1, idTag: 'LATE', parentIdTag: null, meterStartWh: 100, timestamp: clock.now().toISOString(), remoteStartId: null, reservationId: null, authStatus: 'Accepted' });
  ledger.end(rec, { timestamp: clock.now().toISOString(), meterStopWh: 200, reason: 'Local', stopIdTag: null, transactionData: [] });
  sender.start();
  sender.setReady(true);
  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  const conf = (transactionId: number) => ({ transactionId, idTagInfo: { status: 'Accepted' } });
  return { clock, store, sender, wire, rec, cap, flush, conf };
}

describe('StartTransaction answered after MessageTimeout', () => {
  test('the late answer before the resend: its id is the transaction id, no second StartTransaction', async () => {
    const s = setup();
    await s.flush();
    const first = s.wire[0]!;
    first.reject(new CallTimeoutError('StartTransaction', first.id, 30_000));
    await s.flush();
    s.sender.lateResult(first.id, s.conf(41));
    await s.flush();
    assert.equal(s.store.journal.get(s.rec.localId)!.csmsId, '41');
    assert.deepEqual(s.wire.map((w) => w.action), ['StartTransaction', 'StopTransaction']);
    assert.equal(s.wire[1]!.payload.transactionId, 41);
    await s.clock.advanceAsync(10_000, 500);
    assert.equal(s.wire.filter((w) => w.action === 'StartTransaction').length, 1);
  });

  test('both sends answered (late one first): the first id is kept for the stop, the discrepancy is logged at warn with both ids', async () => {
    const s = setup();
    await s.flush();
    const first = s.wire[0]!;
    first.reject(new CallTimeoutError('StartTransaction', first.id, 30_000));
    await s.flush();
    await s.clock.advanceAsync(1000, 100);
    await s.flush();
    const resend = s.wire[1]!;
    assert.equal(JSON.stringify(resend.payload), JSON.stringify(first.payload), 'the resend is the identical message');
    s.sender.lateResult(first.id, s.conf(41));
    await s.flush();
    resend.resolve(s.conf(42));
    await s.flush();
    assert.equal(s.store.journal.get(s.rec.localId)!.csmsId, '41');
    const stop = s.wire[2]!;
    assert.equal(stop.action, 'StopTransaction');
    assert.equal(stop.payload.transactionId, 41);
    const warn = s.cap.lines.map((l) => JSON.parse(l)).find((l) => l.kept !== undefined);
    assert.deepEqual([warn?.level, warn?.kept, warn?.ignored], [40, 41, 42]);
  });
});
