/**
 * The 1.6 wire form of transaction messages and the send-time hooks: payloads validate against the official
 * schemas, transactionId is filled in at send time from the journal (-1 while the start is unconfirmed,
 * errata 3.18), StartTransaction.conf results reach the journal, the cache and the station.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import { CallTimeoutError, ConnectionLostError, NotConnectedError, OcppCallError } from '../../../../agent/ocpp/errors.js';
import { Authorization } from '../../../../agent/station/authorization.js';
import type { TransactionStartArgs } from '../../../../agent/station/ports.js';
import { Settings } from '../../../../agent/station/settings.js';
import type { IdTokenInfo, MeterSample, ReadingContext } from '../../../../agent/station/types.js';
import { DurableLedger } from '../../../../agent/transactions/ledger.js';
import { QueueSender } from '../../../../agent/transactions/queue-sender.js';
import { createTxMessageBuilder, createTxSendHooks } from '../../../../profiles/ocpp16/tx-messages.js';
import { createOcpp16Validator } from '../../../../profiles/ocpp16/validator.js';
import { createMemoryStore, type QueuedMessage } from '../../../../offline-queue/index.js';
import { stored, u } from '../../../support/stored-auth.js';

const validator = createOcpp16Validator({ security: false });

function assertValidRequest(action: string, payload: unknown): void {
  const failure = validator.validateRequest(action, payload);
  assert.equal(failure, null, `${action}: ${JSON.stringify(failure)} in ${JSON.stringify(payload)}`);
}

function sample(context: ReadingContext, wh: number, at = '2026-01-01T10:00:00.000Z'): MeterSample {
  return {
    timestamp: at,
    context,
    offeredCurrentA: 16,
    reading: { energyImportWh: wh, powerW: 3680, currentA: { L1: 16 }, voltageV: { L1: 230 }, frequencyHz: 50 },
  };
}

function setup() {
  const store = createMemoryStore();
  const settings = new Settings(store.settings);
  const clock = new FakeClock();
  const builder = createTxMessageBuilder(settings, (id) => (id === 1 ? 3 : 1));
  const ledger = new DurableLedger(store, builder, () => undefined, () => 1000);
  const authorization = new Authorization({
    localList: store.localList,
    cache: store.authCache,
    settings,
    clock,
    log: silentLogger(),
    online: () => true,
    remote: async () => ({ status: 'Accepted' }),
  });
  const answered: { localId: string; info: IdTokenInfo }[] = [];
  const hooks = createTxSendHooks(store, {
    idTagInfo: (idTag, info) => authorization.remember(idTag, info),
    startAnswered: (localId, info) => answered.push({ localId, info }),
  });
  const begin = (over: Partial<TransactionStartArgs> = {}) =>
    ledger.begin({
      evseId: 1,
      idTag: 'CARD-A',
      parentIdTag: null,
      meterStartWh: 1234.6,
      timestamp: '2026-01-01T09:00:00.000Z',
      remoteStartId: null,
      reservationId: null,
      authStatus: 'Accepted',
      ...over,
    });
  const queued = (action: string): QueuedMessage[] => store.queue.list().filter((m) => m.action === action);
  return { store, settings, clock, builder, ledger, hooks, answered, begin, queued, authorization };
}

describe('StartTransaction', () => {
  test('payload: connectorId, idTag, meterStart rounded to Wh, timestamp; valid against the schema', () => {
    const s = setup();
    s.begin();
    const [m] = s.queued('StartTransaction');
    assert.ok(m);
    assert.equal(m.kind, 'start');
    assert.deepEqual(m.payload, { connectorId: 1, idTag: 'CARD-A', meterStart: 1235, timestamp: '2026-01-01T09:00:00.000Z' });
    const out = s.hooks.prepare(m);
    assert.deepEqual(out, { action: 'StartTransaction', payload: m.payload }, 'no transactionId on a start');
    assertValidRequest('StartTransaction', out.payload);
  });

  test('reservationId is carried when the start used a reservation', () => {
    const s = setup();
    s.begin({ reservationId: 7 });
    const out = s.hooks.prepare(s.queued('StartTransaction')[0]!);
    assert.equal((out.payload as { reservationId?: number }).reservationId, 7);
    assertValidRequest('StartTransaction', out.payload);
  });

  test('prepare marks the start as sent in the journal', () => {
    const s = setup();
    const rec = s.begin();
    assert.equal(s.store.journal.get(rec.localId)!.startState, 'pending');
    s.hooks.prepare(s.queued('StartTransaction')[0]!);
    assert.equal(s.store.journal.get(rec.localId)!.startState, 'sent');
  });

  test('.conf Accepted: CSMS id and status in the journal, idTagInfo remembered in the cache and handed to the transaction', () => {
    const s = setup();
    const rec = s.begin();
    const idTagInfo = { status: 'Accepted' as const, expiryDate: '2027-01-01T00:00:00.000Z', parentIdTag: 'GROUP' };
    s.hooks.onResult(s.queued('StartTransaction')[0]!, { transactionId: 42, idTagInfo });
    const j = s.store.journal.get(rec.localId)!;
    assert.equal(j.csmsId, '42', 'the journal keeps the id as text');
    assert.equal(j.authStatus, 'Accepted');
    assert.deepEqual(s.store.authCache.get(u('CARD-A'))?.info, stored(idTagInfo));
    // The owner's group reaches the running transaction even when the id is accepted.
    assert.deepEqual(s.answered, [{ localId: rec.localId, info: idTagInfo }]);
  });

  for (const status of ['Blocked', 'Expired', 'Invalid', 'ConcurrentTx'] as const) {
    test(`.conf ${status}: startAnswered with the localId, cache updated, CSMS id kept`, () => {
      const s = setup();
      const rec = s.begin();
      s.hooks.onResult(s.queued('StartTransaction')[0]!, { transactionId: 43, idTagInfo: { status } });
      assert.deepEqual(s.answered, [{ localId: rec.localId, info: { status } }]);
      assert.equal(s.store.journal.get(rec.localId)!.csmsId, '43');
      assert.equal(s.store.journal.get(rec.localId)!.authStatus, status);
      assert.equal(s.store.authCache.get(u('CARD-A'))?.info.status, status);
    });
  }
});

describe('MeterValues', () => {
  test('transactionId is -1 until the start is confirmed, then the CSMS id (filled in at send time)', () => {
    const s = setup();
    const rec = s.begin();
    s.ledger.meter(rec, [sample('Sample.Periodic', 1300)]);
    const [m] = s.queued('MeterValues');
    assert.ok(m);
    assert.equal(m.kind, 'meter');
    assert.equal((m.payload as { transactionId?: number }).transactionId, undefined, 'queued without an id');
    const before = s.hooks.prepare(m);
    assert.equal((before.payload as { transactionId: number }).transactionId, -1);
    assertValidRequest('MeterValues', before.payload);
    s.hooks.onResult(s.queued('StartTransaction')[0]!, { transactionId: 42, idTagInfo: { status: 'Accepted' } });
    const after = s.hooks.prepare(m);
    assert.deepEqual(after.payload, {
      connectorId: 1,
      transactionId: 42,
      meterValue: [
        {
          timestamp: '2026-01-01T10:00:00.000Z',
          sampledValue: [{ context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', location: 'Outlet', value: '1300', unit: 'Wh' }],
        },
      ],
    });
    assertValidRequest('MeterValues', after.payload);
  });

  test('sampled values use MeterValuesSampledData, clock-aligned ones MeterValuesAlignedData', () => {
    const s = setup();
    s.settings.set('sampledMeasurands', ['Power.Active.Import', 'Current.Import']);
    s.settings.set('alignedMeasurands', ['Energy.Active.Import.Register', 'Voltage']);
    const rec = s.begin();
    s.ledger.meter(rec, [sample('Sample.Periodic', 1300)]);
    s.ledger.meter(rec, [sample('Sample.Clock', 1400)]);
    const [periodic, clock] = s.queued('MeterValues').map((m) => s.hooks.prepare(m).payload as { meterValue: { sampledValue: { measurand: string }[] }[] });
    assert.deepEqual(periodic!.meterValue[0]!.sampledValue.map((v) => v.measurand), ['Power.Active.Import', 'Current.Import']);
    assert.deepEqual(clock!.meterValue[0]!.sampledValue.map((v) => v.measurand), ['Energy.Active.Import.Register', 'Voltage']);
    assertValidRequest('MeterValues', periodic);
    assertValidRequest('MeterValues', clock);
  });

  test('nothing configured → nothing queued, but the journal still learns the reading', () => {
    const s = setup();
    s.settings.set('sampledMeasurands', []);
    const rec = s.begin();
    s.ledger.meter(rec, [sample('Sample.Periodic', 1500, '2026-01-01T10:05:00.000Z')]);
    assert.deepEqual(s.queued('MeterValues'), []);
    const j = s.store.journal.get(rec.localId)!;
    assert.equal(j.lastMeterWh, 1500);
    assert.equal(j.lastMeterAt, '2026-01-01T10:05:00.000Z');
  });

  test('Power.Offered uses the EVSE phase count', () => {
    const s = setup();
    s.settings.set('sampledMeasurands', ['Power.Offered']);
    const r1 = s.begin();
    const r2 = s.begin({ evseId: 2, idTag: 'CARD-B' });
    s.ledger.meter(r1, [sample('Sample.Periodic', 1)]);
    s.ledger.meter(r2, [sample('Sample.Periodic', 1)]);
    const values = s.queued('MeterValues').map((m) => (m.payload as { meterValue: { sampledValue: { value: string }[] }[] }).meterValue[0]!.sampledValue[0]!.value);
    assert.deepEqual(values, ['11040', '3680']);
  });
});

describe('StopTransaction', () => {
  const data = [
    sample('Transaction.Begin', 1234.6, '2026-01-01T09:00:00.000Z'),
    sample('Sample.Periodic', 1500, '2026-01-01T09:30:00.000Z'),
    sample('Sample.Clock', 1600, '2026-01-01T09:45:00.000Z'),
    sample('Transaction.End', 2000.4, '2026-01-01T10:00:00.000Z'),
  ];

  test('payload: meterStop rounded, timestamp, reason, idTag, transactionData; valid; transactionId at send time', () => {
    const s = setup();
    const rec = s.begin();
    s.ledger.end(rec, { timestamp: '2026-01-01T10:00:00.000Z', meterStopWh: 2000.4, reason: 'EVDisconnected', stopIdTag: 'CARD-A', transactionData: data });
    const [m] = s.queued('StopTransaction');
    assert.ok(m);
    assert.equal(m.kind, 'stop');
    const out = s.hooks.prepare(m);
    const p = out.payload as Record<string, unknown> & { transactionData: { sampledValue: { context: string }[] }[] };
    assert.equal(p.transactionId, -1, 'start never confirmed (errata 3.18)');
    assert.equal(p.meterStop, 2000);
    assert.equal(p.timestamp, '2026-01-01T10:00:00.000Z');
    assert.equal(p.reason, 'EVDisconnected');
    assert.equal(p.idTag, 'CARD-A');
    // StopTxnAlignedData is empty by default: the clock-aligned sample is left out.
    assert.deepEqual(p.transactionData.map((mv) => mv.sampledValue[0]!.context), ['Transaction.Begin', 'Sample.Periodic', 'Transaction.End']);
    assertValidRequest('StopTransaction', p);
    s.hooks.onResult(s.queued('StartTransaction')[0]!, { transactionId: 99, idTagInfo: { status: 'Accepted' } });
    assert.equal((s.hooks.prepare(m).payload as { transactionId: number }).transactionId, 99);
  });

  test('StopTxnAlignedData set: clock-aligned samples included with their measurands', () => {
    const s = setup();
    s.settings.set('stopTxnAlignedMeasurands', ['Energy.Active.Import.Register', 'Voltage']);
    const rec = s.begin();
    s.ledger.end(rec, { timestamp: '2026-01-01T10:00:00.000Z', meterStopWh: 2000, reason: 'Local', stopIdTag: null, transactionData: data });
    const p = s.hooks.prepare(s.queued('StopTransaction')[0]!).payload as { transactionData: { sampledValue: { context: string; measurand: string }[] }[] };
    const clock = p.transactionData.find((mv) => mv.sampledValue[0]!.context === 'Sample.Clock');
    assert.ok(clock);
    assert.deepEqual(clock.sampledValue.map((v) => v.measurand), ['Energy.Active.Import.Register', 'Voltage']);
    assertValidRequest('StopTransaction', p);
  });

  test('both StopTxn lists empty → no transactionData at all (errata 3.14.5); no stop idTag → no idTag', () => {
    const s = setup();
    s.settings.set('stopTxnSampledMeasurands', []);
    s.settings.set('stopTxnAlignedMeasurands', []);
    const rec = s.begin();
    s.ledger.end(rec, { timestamp: '2026-01-01T10:00:00.000Z', meterStopWh: 2000, reason: 'Remote', stopIdTag: null, transactionData: data });
    const p = s.hooks.prepare(s.queued('StopTransaction')[0]!).payload as Record<string, unknown>;
    assert.equal('transactionData' in p, false);
    assert.equal('idTag' in p, false);
    assertValidRequest('StopTransaction', p);
  });

  test('core reasons without a 1.6 name are sent as Other; all others keep their name; every one validates', () => {
    const reasons = {
      Local: 'Local',
      Remote: 'Remote',
      EVDisconnected: 'EVDisconnected',
      DeAuthorized: 'DeAuthorized',
      EmergencyStop: 'EmergencyStop',
      HardReset: 'HardReset',
      SoftReset: 'SoftReset',
      PowerLoss: 'PowerLoss',
      Reboot: 'Reboot',
      UnlockCommand: 'UnlockCommand',
      GroundFault: 'Other',
      PowerSwitchFailure: 'Other',
      MeterFailure: 'Other',
      PilotFault: 'Other',
      Timeout: 'Other',
      Other: 'Other',
    } as const;
    for (const [core, wire] of Object.entries(reasons)) {
      const s = setup();
      const rec = s.begin();
      s.ledger.end(rec, { timestamp: '2026-01-01T10:00:00.000Z', meterStopWh: 2000, reason: core as keyof typeof reasons, stopIdTag: null, transactionData: [] });
      const p = s.hooks.prepare(s.queued('StopTransaction')[0]!).payload as { reason: string };
      assert.equal(p.reason, wire, core);
      assertValidRequest('StopTransaction', p);
    }
  });

  test('.conf: stop state confirmed; idTagInfo of the stop idTag remembered; none without idTagInfo', () => {
    const s = setup();
    const rec = s.begin();
    s.ledger.end(rec, { timestamp: '2026-01-01T10:00:00.000Z', meterStopWh: 2000, reason: 'Local', stopIdTag: 'CARD-B', transactionData: [] });
    const m = s.queued('StopTransaction')[0]!;
    s.hooks.onResult(m, { idTagInfo: { status: 'Blocked' } });
    assert.equal(s.store.journal.get(rec.localId)!.stopState, 'confirmed');
    assert.equal(s.store.authCache.get(u('CARD-B'))?.info.status, 'Blocked');
    const t = setup();
    const rec2 = t.begin();
    t.ledger.end(rec2, { timestamp: '2026-01-01T10:00:00.000Z', meterStopWh: 2000, reason: 'Local', stopIdTag: 'CARD-A', transactionData: [] });
    t.hooks.onResult(t.queued('StopTransaction')[0]!, {});
    assert.equal(t.store.journal.get(rec2.localId)!.stopState, 'confirmed');
    assert.equal(t.store.authCache.size(), 0);
  });
});

describe('send hooks', () => {
  test('connection errors (not connected, connection lost) are told apart from failures to process', () => {
    const { hooks } = setup();
    assert.equal(hooks.isConnectionError(new NotConnectedError('MeterValues')), true);
    assert.equal(hooks.isConnectionError(new ConnectionLostError('MeterValues', true)), true);
    assert.equal(hooks.isConnectionError(new OcppCallError('InternalError', 'boom')), false);
    assert.equal(hooks.isConnectionError(new CallTimeoutError('MeterValues', 'id', 30_000)), false);
    assert.equal(hooks.isConnectionError(new Error('other')), false);
  });

  test('a whole offline session drained through the QueueSender: every request valid, ids filled in from the StartTransaction.conf', async () => {
    const s = setup();
    const rec = s.begin();
    s.ledger.meter(rec, [sample('Sample.Periodic', 1300)]);
    s.ledger.meter(rec, [sample('Sample.Clock', 1400)]);
    s.ledger.end(rec, { timestamp: '2026-01-01T10:00:00.000Z', meterStopWh: 1500, reason: 'Local', stopIdTag: 'CARD-A', transactionData: [sample('Transaction.Begin', 1234.6), sample('Transaction.End', 1500)] });
    const sent: { action: string; payload: Record<string, unknown> }[] = [];
    const sender = new QueueSender({
      store: s.store,
      clock: s.clock,
      log: silentLogger(),
      settings: s.settings,
      hooks: s.hooks,
      transport: {
        call: async (action, payload) => {
          assertValidRequest(action, payload);
          sent.push({ action, payload: payload as Record<string, unknown> });
          if (action === 'StartTransaction') return { transactionId: 555, idTagInfo: { status: 'Accepted' } };
          if (action === 'StopTransaction') return { idTagInfo: { status: 'Accepted' } };
          return {};
        },
      },
    });
    sender.start();
    sender.setReady(true);
    await s.clock.advanceAsync(100, 10);
    assert.deepEqual(sent.map((m) => m.action), ['StartTransaction', 'MeterValues', 'MeterValues', 'StopTransaction']);
    assert.deepEqual(sent.slice(1).map((m) => m.payload.transactionId), [555, 555, 555]);
    assert.equal(s.store.queue.stats().depth, 0);
    const j = s.store.journal.get(rec.localId)!;
    assert.equal(j.csmsId, '555');
    assert.equal(j.startState, 'sent');
    assert.equal(j.stopState, 'confirmed');
    sender.stop();
  });

  test('a start that was dead-lettered leaves -1 on the rest of the transaction', () => {
    const s = setup();
    const rec = s.begin();
    s.ledger.meter(rec, [sample('Sample.Periodic', 1300)]);
    const start = s.queued('StartTransaction')[0]!;
    s.store.queue.deadLetter(start.seq, 'failed', '2026-01-01T10:00:00.000Z');
    const m = s.store.queue.head()!;
    assert.equal(m.action, 'MeterValues');
    assert.equal((s.hooks.prepare(m).payload as { transactionId: number }).transactionId, -1);
  });
});
