/**
 * Provisioning B01-B04 and G02 on a 2.0.1 station against a strict 2.0.1 CSMS: cold boot, Pending, Rejected,
 * heartbeat, the clock, boot reasons.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, callErrorCode, type Rig } from '../core/harness.js';
import { answers, component, rig201, sent, variable } from './harness.js';

describe('TC_B_01_CS cold boot, Accepted', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-BOOT', { csms: { heartbeatIntervalS: 1 } });
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('sends BootNotification with reason PowerUp and the identity, then one StatusNotification per connector', async () => {
    const boots = sent(r, 'BootNotification');
    assert.equal(boots.length, 1);
    assert.equal(boots[0].reason, 'PowerUp');
    assert.equal(typeof boots[0].chargingStation.vendorName, 'string');
    assert.equal(typeof boots[0].chargingStation.model, 'string');
    const calls = r.csms.received().filter((x) => x.identity === r.id).map((x) => x.action);
    assert.equal(calls[0], 'BootNotification', 'nothing before the BootNotification (B01.FR.08)');
    const st = sent(r, 'StatusNotification');
    assert.deepEqual(
      st.map((p) => [p.evseId, p.connectorId, p.connectorStatus]).sort(),
      [
        [1, 1, 'Available'],
        [2, 1, 'Available'],
      ],
    );
  });

  it('adopts the interval as OCPPCommCtrlr.HeartbeatInterval and sends Heartbeats at it (B01.FR.04, G02)', async () => {
    const res = await r.call('GetVariables', { getVariableData: [{ component: component('OCPPCommCtrlr'), variable: variable('HeartbeatInterval') }] });
    assert.equal(res.getVariableResult[0].attributeStatus, 'Accepted');
    assert.equal(res.getVariableResult[0].attributeValue, '1');
    const from = r.mark();
    await r.csms.waitFor('Heartbeat', () => true, 5000, from);
    const first = r.csms.records.length;
    await r.csms.waitFor('Heartbeat', () => true, 5000, first);
  });

  it('chargerctl status shows OCPP 2.0.1 and Accepted', async () => {
    const s = await r.st.status();
    assert.equal(s.ocppVersion, '2.0.1');
    assert.equal(s.registration, 'Accepted');
    const text = await r.st.ok('status');
    assert.match(text, /OCPP 2\.0\.1/);
  });

  it('TriggerMessage(BootNotification) once Accepted is Rejected (F06.FR.17)', async () => {
    const res = await r.call('TriggerMessage', { requestedMessage: 'BootNotification' });
    assert.equal(res.status, 'Rejected');
  });
});

describe('TC_B_02_CS cold boot, Pending', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-PENDING', { until: 'boot', csms: { bootStatus: 'Pending', heartbeatIntervalS: 2 } });
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('stays connected, answers GetVariables / SetVariables / GetBaseReport, sends nothing of its own but what was asked', async () => {
    const from = r.mark();
    const g = await r.call('GetVariables', { getVariableData: [{ component: component('ChargingStation'), variable: variable('Model') }] });
    assert.equal(g.getVariableResult[0].attributeStatus, 'Accepted');
    const s = await r.call('SetVariables', { setVariableData: [{ component: component('OCPPCommCtrlr'), variable: variable('OfflineThreshold'), attributeValue: '120' }] });
    assert.equal(s.setVariableResult[0].attributeStatus, 'Accepted');
    const b = await r.call('GetBaseReport', { requestId: 7, reportBase: 'SummaryInventory' });
    assert.equal(b.status, 'Accepted');
    await r.csms.waitFor('NotifyReport', (p) => p.requestId === 7 && !p.tbc, 5000, from);
    assert.equal((await r.st.status()).registration, 'Pending');
    assert.ok(r.csms.isConnected(r.id), 'B02.FR.06: the connection stays open');
    const own = r.csms.received().filter((x) => x.identity === r.id).map((x) => x.action);
    assert.deepEqual([...new Set(own)].sort(), ['BootNotification', 'NotifyReport'], 'no StatusNotification or Heartbeat while Pending');
  });

  it('TriggerMessage(StatusNotification) while Pending is answered first and then sent (B02.FR.02, F06.FR.04)', async () => {
    const from = r.mark();
    const res = await r.call('TriggerMessage', { requestedMessage: 'StatusNotification', evse: { id: 1, connectorId: 1 } });
    assert.equal(res.status, 'Accepted');
    const sn = await r.csms.waitFor('StatusNotification', (p) => p.evseId === 1, 5000, from);
    const answer = r.csms.records.slice(from).findIndex((x) => x.dir === 'out' && x.kind === 'result' && x.action === 'TriggerMessage');
    assert.ok(answer >= 0 && answer < r.csms.records.indexOf(sn) - from, 'the TriggerMessage answer before the StatusNotification');
  });

  it('boots again after the interval and, once Accepted, sends the statuses', async () => {
    const from = r.mark();
    r.csms.setHandler('BootNotification', () => ({ status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 }));
    const boot = await r.csms.waitFor('BootNotification', () => true, 6000, from);
    assert.equal((boot.payload as any).reason, 'PowerUp');
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 2, 5000, from);
    assert.equal((await r.st.status()).registration, 'Accepted');
    assert.ok(answers(r, 'TriggerMessage').length >= 1);
  });
});

describe('TC_B_03_CS cold boot, Rejected', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-REJECTED', { until: 'boot', csms: { bootStatus: 'Rejected', heartbeatIntervalS: 2 } });
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('answers every CSMS call with SecurityError while Rejected (B03.FR.08) and sends nothing but BootNotification', async () => {
    const code = await callErrorCode(r.call('GetVariables', { getVariableData: [{ component: component('ChargingStation'), variable: variable('Model') }] }));
    assert.equal(code, 'SecurityError');
    assert.equal((await r.st.status()).registration, 'Rejected');
    const own = r.csms.received().filter((x) => x.identity === r.id).map((x) => x.action);
    assert.deepEqual([...new Set(own)], ['BootNotification']);
  });

  it('sends the next BootNotification only after the interval (B03.FR.02/06)', async () => {
    const first = r.csms.received('BootNotification', r.id).at(-1)!;
    const next = await r.csms.waitFor('BootNotification', () => true, 6000, r.csms.records.indexOf(first) + 1);
    assert.ok(next.at - first.at >= 1900, `retry after ${next.at - first.at} ms, interval 2 s`);
  });
});
