/**
 * B07/B08 on a 2.0.1 station: GetBaseReport and GetReport answered first, then the NotifyReport parts in order
 * (seqNo from 0, tbc on all but the last), every part valid for the strict 2.0.1 CSMS.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { CsmsRecord } from '../../../agent/demo/csms.js';
import { assertValidFrames, callErrorCode, type Rig } from '../core/harness.js';
import { component, rawCall, rig201, variable } from './harness.js';

/** All NotifyReport parts of `requestId`, once the last (tbc false) arrived; checks the answer came first. */
async function report(r: Rig, requestId: number, from: number): Promise<any[]> {
  await r.csms.waitFor('NotifyReport', (p) => p.requestId === requestId && !p.tbc, 10_000, from);
  const recs = r.csms.records.slice(from);
  const answer = recs.findIndex((x: CsmsRecord) => x.dir === 'out' && x.kind === 'result' && (x.action === 'GetBaseReport' || x.action === 'GetReport'));
  const firstPart = recs.findIndex((x: CsmsRecord) => x.dir === 'in' && x.kind === 'call' && x.action === 'NotifyReport' && (x.payload as any).requestId === requestId);
  assert.ok(answer >= 0 && answer < firstPart, 'the answer before the first NotifyReport');
  const parts = recs.filter((x) => x.dir === 'in' && x.kind === 'call' && x.action === 'NotifyReport' && (x.payload as any).requestId === requestId).map((x) => x.payload as any);
  assert.deepEqual(parts.map((p) => p.seqNo), parts.map((_p, i) => i), 'seqNo 0..n-1 in order');
  assert.deepEqual(parts.map((p) => p.tbc === true), parts.map((_p, i) => i < parts.length - 1), 'tbc on all but the last');
  return parts.flatMap((p) => p.reportData ?? []);
}

const names = (data: any[]) => data.map((d) => `${d.component.name}${d.component.evse ? `@${d.component.evse.id}${d.component.evse.connectorId ? `/${d.component.evse.connectorId}` : ''}` : ''}.${d.variable.name}${d.variable.instance ? `[${d.variable.instance}]` : ''}`);

describe('2.0.1 GetBaseReport / GetReport', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-REPORTS');
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('TC_B_12_CS ConfigurationInventory: every writable variable and no read-only one', async () => {
    const from = r.mark();
    assert.equal((await r.call('GetBaseReport', { requestId: 1, reportBase: 'ConfigurationInventory' })).status, 'Accepted');
    const data = await report(r, 1, from);
    const n = names(data);
    assert.ok(n.includes('OCPPCommCtrlr.HeartbeatInterval'));
    assert.ok(!n.includes('ChargingStation.Model'));
    assert.ok(data.every((d) => d.variableAttribute.some((a: any) => a.mutability !== 'ReadOnly')));
  });

  it('TC_B_13_CS / TC_B_53_CS FullInventory: every component of part 5 Core, in more than one part (ItemsPerMessage 100)', async () => {
    const from = r.mark();
    assert.equal((await r.call('GetBaseReport', { requestId: 2, reportBase: 'FullInventory' })).status, 'Accepted');
    const data = await report(r, 2, from);
    const comps = new Set(data.map((d) => d.component.name));
    for (const c of ['OCPPCommCtrlr', 'TxCtrlr', 'DeviceDataCtrlr', 'ClockCtrlr', 'SecurityCtrlr', 'SampledDataCtrlr', 'AlignedDataCtrlr', 'AuthCtrlr', 'AuthCacheCtrlr', 'LocalAuthListCtrlr', 'ChargingStation', 'EVSE', 'Connector'])
      assert.ok(comps.has(c), `${c} in the FullInventory`);
    const n = names(data);
    assert.ok(n.includes('EVSE@2.Power') && n.includes('Connector@2/1.ConnectorType'));
    const power = data.find((d) => d.component.name === 'EVSE' && d.component.evse.id === 1 && d.variable.name === 'Power');
    assert.equal(power.variableCharacteristics.maxLimit, 32 * 230 * 3, 'EVSE.Power maxLimit from the EVSE config');
    assert.ok(r.csms.received('NotifyReport').filter((x) => (x.payload as any).requestId === 2).length > 1);
  });

  it('TC_B_14_CS SummaryInventory: the availability states', async () => {
    const from = r.mark();
    assert.equal((await r.call('GetBaseReport', { requestId: 3, reportBase: 'SummaryInventory' })).status, 'Accepted');
    const n = names(await report(r, 3, from));
    assert.ok(n.includes('ChargingStation.AvailabilityState') && n.includes('EVSE@1.AvailabilityState'), n.join());
  });

  it('TC_B_15_CS a base report outside ReportBaseEnumType: a CALLERROR with a 2.0.1 code, and the station stays up', async () => {
    // Every ReportBaseEnumType value is supported, so the only "not supported" base report is one the schema refuses.
    const reply = await rawCall(r, 'b15', 'GetBaseReport', { requestId: 4, reportBase: 'Everything' });
    assert.equal(reply[0], 4);
    assert.ok(['FormatViolation', 'PropertyConstraintViolation'].includes(reply[2] as string), String(reply[2]));
    assert.equal((await r.call('GetBaseReport', { requestId: 11, reportBase: 'SummaryInventory' })).status, 'Accepted');
  });

  it('more componentVariable entries than ItemsPerMessage[GetReport] is a CALLERROR OccurrenceConstraintViolation (B08.FR.17)', async () => {
    const componentVariable = Array.from({ length: 101 }, () => ({ component: component('OCPPCommCtrlr') }));
    assert.equal(await callErrorCode(r.call('GetReport', { requestId: 12, componentVariable })), 'OccurrenceConstraintViolation');
  });

  it('TC_B_16_CS component criteria', async () => {
    const from = r.mark();
    assert.equal((await r.call('GetReport', { requestId: 5, componentCriteria: ['Available'] })).status, 'Accepted');
    assert.ok((await report(r, 5, from)).length > 0);
  });

  it('TC_B_17_CS / TC_B_55_CS component/variable (with instance)', async () => {
    const from = r.mark();
    const res = await r.call('GetReport', {
      requestId: 6,
      componentVariable: [
        { component: component('OCPPCommCtrlr'), variable: variable('HeartbeatInterval') },
        { component: component('DeviceDataCtrlr'), variable: variable('ItemsPerMessage', 'GetReport') },
      ],
    });
    assert.equal(res.status, 'Accepted');
    assert.deepEqual(names(await report(r, 6, from)).sort(), ['DeviceDataCtrlr.ItemsPerMessage[GetReport]', 'OCPPCommCtrlr.HeartbeatInterval']);
  });

  it('TC_B_54_CS / TC_B_56_CS component/variable without instance or evse id: every instance, every EVSE', async () => {
    const from = r.mark();
    const res = await r.call('GetReport', {
      requestId: 7,
      componentVariable: [{ component: component('DeviceDataCtrlr'), variable: variable('ItemsPerMessage') }, { component: component('EVSE'), variable: variable('AvailabilityState') }],
    });
    assert.equal(res.status, 'Accepted');
    const n = names(await report(r, 7, from));
    assert.deepEqual(n.filter((x) => x.startsWith('DeviceDataCtrlr')).sort(), ['DeviceDataCtrlr.ItemsPerMessage[GetReport]', 'DeviceDataCtrlr.ItemsPerMessage[GetVariables]', 'DeviceDataCtrlr.ItemsPerMessage[SetVariables]']);
    assert.deepEqual(n.filter((x) => x.startsWith('EVSE')).sort(), ['EVSE@1.AvailabilityState', 'EVSE@2.AvailabilityState']);
  });

  it('TC_B_18_CS criteria and component/variable together', async () => {
    const from = r.mark();
    const res = await r.call('GetReport', { requestId: 8, componentCriteria: ['Available'], componentVariable: [{ component: component('EVSE', { id: 1 }) }] });
    assert.equal(res.status, 'Accepted');
    const n = names(await report(r, 8, from));
    assert.ok(n.length > 0 && n.every((x) => x.startsWith('EVSE@1.')), n.join());
  });

  it('TC_B_19_CS unknown component: EmptyResultSet and no NotifyReport', async () => {
    const from = r.mark();
    const res = await r.call('GetReport', { requestId: 9, componentVariable: [{ component: component('NoSuchCtrlr') }] });
    assert.equal(res.status, 'EmptyResultSet');
    // A FullInventory sent after it is the fence: its parts come after anything report 9 could have sent.
    await r.call('GetBaseReport', { requestId: 10, reportBase: 'SummaryInventory' });
    await r.csms.waitFor('NotifyReport', (p) => p.requestId === 10 && !p.tbc, 10_000, from);
    assert.equal(r.csms.received('NotifyReport').filter((x) => (x.payload as any).requestId === 9).length, 0);
  });
});
