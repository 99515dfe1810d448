/**
 * F06 TriggerMessage for MeterValues, TransactionEvent, LogStatusNotification and FirmwareStatusNotification, and
 * J01 clock-aligned meter values outside (MeterValues) and inside (TransactionEvent MeterValueClock) transactions,
 * against the strict 2.0.1 CSMS (every frame validated against the OCA schemas).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { answers, rig201, sent } from './harness.js';
import { assertStream, txEvents, waitEnded, startTx } from './tx-events.js';

const contexts = (m: any): string[] => (m.meterValue ?? []).flatMap((v: any) => v.sampledValue.map((s: any) => s.context));
const measurands = (m: any): string[] => (m.meterValue ?? []).flatMap((v: any) => v.sampledValue.map((s: any) => s.measurand));

async function setVars(r: Rig, vars: Record<string, string>): Promise<void> {
  const res = await r.call('SetVariables', {
    setVariableData: Object.entries(vars).map(([k, v]) => {
      const [component, variable] = k.split('.');
      return { component: { name: component }, variable: { name: variable }, attributeValue: v };
    }),
  });
  assert.deepEqual(res.setVariableResult.map((x: any) => x.attributeStatus), Object.keys(vars).map(() => 'Accepted'));
}

describe('2.0.1 TriggerMessage and meter values', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-TRIG', { ocppKeys: { 'SampledDataCtrlr.TxUpdatedInterval': 0, 'TxCtrlr.EVConnectionTimeOut': 600, 'AlignedDataCtrlr.Measurands': 'Energy.Active.Import.Register,Power.Active.Import' } });
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  async function stopTx(evse: number, card: string, id: string): Promise<void> {
    const m = r.mark();
    await r.st.ok('sim', 'tag', String(evse), card);
    await waitEnded(r, id, m);
    await r.st.ok('sim', 'unplug', String(evse));
    await r.st.until(`EVSE ${evse} available`, (s) => s.evses[evse - 1].status === 'Available');
  }

  it('TC_F_11_CS TriggerMessage(MeterValues) for EVSE 1: Accepted, then one MeterValuesRequest for EVSE 1, context Trigger, AlignedDataCtrlr.Measurands', async () => {
    const m = r.mark();
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'MeterValues', evse: { id: 1 } })).status, 'Accepted');
    const mv = (await r.csms.waitFor('MeterValues', () => true, 5000, m)).payload as any;
    assert.equal(mv.evseId, 1);
    assert.deepEqual([...new Set(contexts(mv))], ['Trigger']);
    assert.deepEqual(measurands(mv).sort(), ['Energy.Active.Import.Register', 'Power.Active.Import']);
    const answerAt = r.csms.records.findIndex((x, i) => i >= m && x.dir === 'out' && x.kind === 'result' && x.action === 'TriggerMessage');
    const sentAt = r.csms.records.findIndex((x, i) => i >= m && x.dir === 'in' && x.kind === 'call' && x.action === 'MeterValues');
    assert.ok(answerAt >= 0 && answerAt < sentAt, 'the answer comes first (F06.FR.04)');
    assert.equal(sent(r, 'MeterValues', m).length, 1);
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'MeterValues', evse: { id: 7 } })).status, 'Rejected');
  });

  it('TC_F_12_CS TriggerMessage(MeterValues) without evse: one MeterValuesRequest per EVSE, also for the one in a transaction', async () => {
    const id = await startTx(r, 1, 'CARD-M');
    const m = r.mark();
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'MeterValues' })).status, 'Accepted');
    await r.csms.waitFor('MeterValues', (p) => p.evseId === 1, 5000, m);
    await r.csms.waitFor('MeterValues', (p) => p.evseId === 2, 5000, m);
    assert.deepEqual(sent(r, 'MeterValues', m).map((p) => p.evseId).sort(), [1, 2]);
    assert.equal(txEvents(r, id, m).filter((e) => e.triggerReason === 'Trigger').length, 0, 'no TransactionEvent for a MeterValues trigger');
    await stopTx(1, 'CARD-M', id);
  });

  it('TC_F_13_CS TriggerMessage(TransactionEvent) for an EVSE: Rejected without a transaction; with one, an Updated (Trigger) with chargingState and TxUpdatedMeasurands', async () => {
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'TransactionEvent', evse: { id: 2 } })).status, 'Rejected');
    const m0 = r.mark();
    const id = await startTx(r, 2, 'CARD-T');
    const m = r.mark();
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'TransactionEvent', evse: { id: 2 } })).status, 'Accepted');
    const ev = (await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'Trigger', 5000, m)).payload as any;
    assert.equal(ev.eventType, 'Updated');
    assert.equal(ev.transactionInfo.transactionId, id);
    assert.equal(ev.transactionInfo.chargingState, 'Charging');
    assert.deepEqual(measurands(ev), ['Energy.Active.Import.Register']);
    assert.deepEqual([...new Set(contexts(ev))], ['Trigger']);
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'TransactionEvent', evse: { id: 1 } })).status, 'Rejected', 'EVSE 1 has no transaction');
    await stopTx(2, 'CARD-T', id);
    assertStream(txEvents(r, id, m0));
  });

  it('TC_F_14_CS TriggerMessage(TransactionEvent) without evse: an Updated (Trigger) for every running transaction', async () => {
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'TransactionEvent' })).status, 'Rejected', 'no transaction at all');
    const a = await startTx(r, 1, 'CARD-A');
    const b = await startTx(r, 2, 'CARD-B');
    const m = r.mark();
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'TransactionEvent' })).status, 'Accepted');
    await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'Trigger' && p.transactionInfo.transactionId === a, 5000, m);
    await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'Trigger' && p.transactionInfo.transactionId === b, 5000, m);
    await stopTx(1, 'CARD-A', a);
    await stopTx(2, 'CARD-B', b);
  });

  it('TC_F_15_CS / TC_F_17_CS / TC_F_18_CS LogStatusNotification and FirmwareStatusNotification (evse ignored): Idle', async () => {
    let m = r.mark();
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'LogStatusNotification' })).status, 'Accepted');
    assert.deepEqual((await r.csms.waitFor('LogStatusNotification', () => true, 5000, m)).payload, { status: 'Idle' });
    m = r.mark();
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'FirmwareStatusNotification', evse: { id: 1 } })).status, 'Accepted');
    assert.deepEqual((await r.csms.waitFor('FirmwareStatusNotification', () => true, 5000, m)).payload, { status: 'Idle' });
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'PublishFirmwareStatusNotification' })).status, 'NotImplemented');
    assert.deepEqual(answers(r, 'TriggerMessage', m).map((a) => a.status), ['Accepted', 'NotImplemented']);
  });

  it('TC_J_01_CS / TC_J_02_CS AlignedDataCtrlr.Interval: MeterValues (Sample.Clock) for idle EVSEs, TransactionEvent Updated (MeterValueClock) for the one charging', async () => {
    const id = await startTx(r, 1, 'CARD-J');
    const m = r.mark();
    await setVars(r, { 'AlignedDataCtrlr.Interval': '1' });
    const clockTx = (await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'MeterValueClock' && p.transactionInfo.transactionId === id, 5000, m)).payload as any;
    assert.deepEqual([...new Set(contexts(clockTx))], ['Sample.Clock']);
    assert.deepEqual(measurands(clockTx).sort(), ['Energy.Active.Import.Register', 'Power.Active.Import']);
    const idle = (await r.csms.waitFor('MeterValues', (p) => p.evseId === 2, 5000, m)).payload as any;
    assert.deepEqual([...new Set(contexts(idle))], ['Sample.Clock']);
    // A second aligned tick, so that "never for EVSE 1" below has seen more than one.
    await r.csms.waitFor('MeterValues', (p) => p.evseId === 2, 5000, r.csms.records.indexOf(r.csms.received('MeterValues').at(-1)!) + 1);
    await setVars(r, { 'AlignedDataCtrlr.Interval': '0' });
    assert.equal(sent(r, 'MeterValues', m).filter((p) => p.evseId === 1).length, 0, 'EVSE 1 in a transaction: no MeterValues');
    await stopTx(1, 'CARD-J', id);
  });

  it('TC_J_06_CS / J01.FR.20 AlignedDataCtrlr.SendDuringIdle true: no aligned data at all while a transaction runs, MeterValues again once it ended', async () => {
    await setVars(r, { 'AlignedDataCtrlr.SendDuringIdle': 'true' });
    const id = await startTx(r, 1, 'CARD-I');
    const m = r.mark();
    await setVars(r, { 'AlignedDataCtrlr.Interval': '1' });
    // The station's own 1 s heartbeats measure the time: three of them span at least two aligned ticks.
    await setVars(r, { 'OCPPCommCtrlr.HeartbeatInterval': '1' });
    for (let i = 0; i < 3; i++) await r.csms.waitFor('Heartbeat', () => true, 5000, r.mark());
    await setVars(r, { 'OCPPCommCtrlr.HeartbeatInterval': '300' });
    const m2 = r.mark();
    await stopTx(1, 'CARD-I', id);
    await r.csms.waitFor('MeterValues', (p) => p.evseId === 2 && contexts(p).includes('Sample.Clock'), 5000, m2);
    await setVars(r, { 'AlignedDataCtrlr.Interval': '0', 'AlignedDataCtrlr.SendDuringIdle': 'false' });
    const during = r.csms.records.slice(m, m2).filter((x) => x.dir === 'in' && x.kind === 'call');
    assert.equal(during.filter((x) => x.action === 'MeterValues').length, 0, 'no MeterValues during the transaction');
    assert.equal(during.filter((x) => x.action === 'TransactionEvent' && (x.payload as any).triggerReason === 'MeterValueClock').length, 0, 'no MeterValueClock during the transaction');
    assertStream(txEvents(r, id));
  });
});
