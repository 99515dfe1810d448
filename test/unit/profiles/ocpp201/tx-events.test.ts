// The 2.0.1 TransactionEvent builder (profiles/ocpp201/transactions/tx-events.ts): every payload it makes, with
// the seqNo the sender adds, validates against the official TransactionEventRequest schema, and says the right
// triggerReason, chargingState, offline flag, idToken, evse, stoppedReason and meter contexts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Settings } from '../../../../agent/station/settings.js';
import type { MeterSample, StopReason } from '../../../../agent/station/types.js';
import { createMemoryStore, type TransactionRecord } from '../../../../offline-queue/index.js';
import { createOcpp201Validator } from '../../../../profiles/ocpp201/validator.js';
import { STOPPED_REASON, STOP_TRIGGER } from '../../../../profiles/ocpp201/transactions/mapping.js';
import { createTxEventBuilder } from '../../../../profiles/ocpp201/transactions/tx-events.js';

const validator = createOcpp201Validator();
const T0 = '2026-03-01T10:00:00.000Z';

function rec(): TransactionRecord {
  return {
    localId: '0f8fad5b-d9cb-469f-a165-70867728950e', evseId: 1, idTag: 'CARD-1', csmsId: null, startedAt: T0, meterStartWh: 1000, lastMeterWh: 1000, lastMeterAt: T0,
    stoppedAt: null, meterStopWh: null, stopReason: null, stopIdTag: null, startState: 'pending', stopState: null, authStatus: 'Accepted', extra: {},
  };
}

function builder(o: { online?: boolean; plugged?: boolean } = {}) {
  const settings = new Settings(createMemoryStore().settings);
  settings.set('sampledMeasurands', ['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import', 'Voltage', 'Frequency']);
  return createTxEventBuilder({ settings, phasesOf: () => 3, online: () => o.online ?? true, tokenType: (id) => (id === 'APP' ? 'Central' : 'ISO14443'), evPlugged: () => o.plugged ?? true });
}

function valid(payload: unknown, seqNo = 0): any {
  const full = { ...(payload as object), seqNo };
  const failure = validator.validateRequest('TransactionEvent', full);
  assert.equal(failure, null, JSON.stringify(failure));
  return full;
}

const sample = (context: MeterSample['context'], wh: number): MeterSample => ({
  timestamp: T0, context, offeredCurrentA: 16,
  reading: { energyImportWh: wh, powerW: 7360.25, currentA: { L1: 10.5, L2: 10.5, L3: 10.5 }, voltageV: { L1: 230.1, L2: 229.9, L3: 230 }, frequencyHz: 50.01 },
});

const startArgs = { evseId: 1, idTag: 'CARD-1', parentIdTag: null, meterStartWh: 1000, timestamp: T0, remoteStartId: null, reservationId: null, authStatus: 'Accepted' };

describe('TransactionEvent builder', () => {
  test('Started: transactionId, evse, idToken with its type, EVConnected, Transaction.Begin register; the trigger is the start point reached last', () => {
    const b = builder();
    const card = valid(b.start(rec(), { ...startArgs, startedBy: 'Authorized' }).payload);
    assert.equal(card.eventType, 'Started');
    assert.equal(card.triggerReason, 'Authorized');
    assert.equal(card.transactionInfo.transactionId, rec().localId);
    assert.equal(card.transactionInfo.chargingState, 'EVConnected');
    assert.deepEqual(card.evse, { id: 1, connectorId: 1 });
    assert.deepEqual(card.idToken, { idToken: 'CARD-1', type: 'ISO14443' });
    assert.equal(card.offline, undefined);
    assert.deepEqual(card.meterValue, [{ timestamp: T0, sampledValue: [{ value: 1000, context: 'Transaction.Begin', measurand: 'Energy.Active.Import.Register', location: 'Outlet', unitOfMeasure: { unit: 'Wh' } }] }]);
    assert.equal(valid(b.start(rec(), { ...startArgs, startedBy: 'EVConnected' }).payload).triggerReason, 'CablePluggedIn');
    const remote = valid(b.start(rec(), { ...startArgs, idTag: 'APP', remoteStartId: 7, startedBy: 'EVConnected' }).payload);
    assert.equal(remote.triggerReason, 'RemoteStart');
    assert.equal(remote.transactionInfo.remoteStartId, 7);
    assert.deepEqual(remote.idToken, { idToken: 'APP', type: 'Central' });
    assert.equal(b.csmsIdAtStart?.(rec()), rec().localId);
  });

  test('offline is true for events that happen while the CSMS cannot be reached', () => {
    const b = builder({ online: false });
    assert.equal(valid(b.start(rec(), startArgs).payload).offline, true);
    assert.equal(valid(b.meter(rec(), [sample('Sample.Periodic', 1200)])!.payload).offline, true);
    assert.equal(valid(b.stop(rec(), { timestamp: T0, meterStopWh: 1500, reason: 'Local', stopIdTag: 'CARD-1', transactionData: [] }).payload).offline, true);
    assert.equal(valid(b.chargingStateChanged(rec(), 'Charging', T0).payload).offline, true);
  });

  test('Updated: periodic samples are MeterValuePeriodic, aligned ones MeterValueClock, numbers with units (Hz too)', () => {
    const b = builder();
    const p = valid(b.meter(rec(), [sample('Sample.Periodic', 1200)])!.payload, 3);
    assert.equal(p.eventType, 'Updated');
    assert.equal(p.triggerReason, 'MeterValuePeriodic');
    const values = p.meterValue[0].sampledValue;
    assert.ok(values.every((v: any) => v.context === 'Sample.Periodic' && typeof v.value === 'number' && v.unitOfMeasure.unit));
    assert.deepEqual(values.find((v: any) => v.measurand === 'Frequency'), { value: 50.01, context: 'Sample.Periodic', measurand: 'Frequency', location: 'Outlet', unitOfMeasure: { unit: 'Hz' } });
    assert.deepEqual(values.filter((v: any) => v.measurand === 'Voltage').map((v: any) => v.phase), ['L1-N', 'L2-N', 'L3-N']);
    assert.equal(valid(b.meter(rec(), [sample('Sample.Clock', 1200)])!.payload).triggerReason, 'MeterValueClock');
    const cs = valid(b.chargingStateChanged(rec(), 'SuspendedEV', T0).payload);
    assert.equal(cs.triggerReason, 'ChargingStateChanged');
    assert.equal(cs.transactionInfo.chargingState, 'SuspendedEV');
  });

  test('Ended: every core stop reason maps to a valid stoppedReason and triggerReason; the end register is always there', () => {
    const reasons = Object.keys(STOPPED_REASON) as StopReason[];
    for (const reason of reasons) {
      for (const plugged of [true, false]) {
        const b = builder({ plugged });
        const e = valid(b.stop(rec(), { timestamp: T0, meterStopWh: 1500, reason, stopIdTag: reason === 'Local' ? 'CARD-1' : null, transactionData: [] }).payload, 9);
        assert.equal(e.eventType, 'Ended');
        assert.equal(e.transactionInfo.stoppedReason, STOPPED_REASON[reason]);
        assert.equal(e.triggerReason, STOP_TRIGGER[reason]);
        assert.equal(e.transactionInfo.chargingState, plugged ? 'EVConnected' : 'Idle');
        assert.deepEqual(e.meterValue.flatMap((m: any) => m.sampledValue.map((v: any) => [v.context, v.value])), [['Transaction.End', 1500]]);
      }
    }
    const local = valid(builder().stop(rec(), { timestamp: T0, meterStopWh: 1500, reason: 'Local', stopIdTag: 'CARD-1', transactionData: [sample('Transaction.End', 1500)] }).payload);
    assert.deepEqual(local.idToken, { idToken: 'CARD-1', type: 'ISO14443' });
    assert.equal(local.triggerReason, 'StopAuthorized');
    assert.equal(local.meterValue.length, 1, 'a Transaction.End sample of TxEndedMeasurands is not repeated');
    assert.equal(STOP_TRIGGER.EVDisconnected, 'EVCommunicationLost');
    assert.equal(STOP_TRIGGER.Remote, 'RemoteStop');
    assert.equal(STOP_TRIGGER.DeAuthorized, 'Deauthorized');
  });
});
