/**
 * B05/B06 on a 2.0.1 station: GetVariables and SetVariables against the strict 2.0.1 CSMS, every result status,
 * persistence across a restart, the size limits as CALLERRORs, and the settings the core obeys.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, callErrorCode, type Rig } from '../core/harness.js';
import { component, rawCall, relaunch201, rig201, variable } from './harness.js';

const get = (c: ReturnType<typeof component>, v: ReturnType<typeof variable>, attributeType?: string) => ({ component: c, variable: v, ...(attributeType ? { attributeType } : {}) });
const set = (c: ReturnType<typeof component>, v: ReturnType<typeof variable>, attributeValue: string, attributeType?: string) => ({ component: c, variable: v, attributeValue, ...(attributeType ? { attributeType } : {}) });

describe('2.0.1 GetVariables / SetVariables', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-VARS');
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('TC_B_06_CS single value', async () => {
    const res = await r.call('GetVariables', { getVariableData: [get(component('OCPPCommCtrlr'), variable('OfflineThreshold'))] });
    assert.deepEqual(res.getVariableResult.map((x: any) => [x.attributeStatus, x.attributeType, x.attributeValue]), [['Accepted', 'Actual', '600']]);
  });

  it('TC_B_07_CS multiple values, including EVSE and connector tiers and live values', async () => {
    const res = await r.call('GetVariables', {
      getVariableData: [
        get(component('ClockCtrlr'), variable('DateTime')),
        get(component('EVSE', { id: 2 }), variable('AvailabilityState')),
        get(component('Connector', { id: 1, connectorId: 1 }), variable('ConnectorType')),
        get(component('DeviceDataCtrlr'), variable('ItemsPerMessage', 'GetVariables')),
        get(component('OCPPCommCtrlr'), variable('MessageTimeout', 'Default')),
      ],
    });
    const v = res.getVariableResult.map((x: any) => x.attributeValue);
    assert.ok(res.getVariableResult.every((x: any) => x.attributeStatus === 'Accepted'), JSON.stringify(res));
    assert.ok(Math.abs(Date.parse(v[0]) - Date.now()) < 60_000, `DateTime ${v[0]} is now`);
    assert.deepEqual(v.slice(1), ['Available', 'sType2', '50', '5'], 'MessageTimeout[Default] is ocpp.callTimeoutS (5 in the test config)');
  });

  it('TC_B_32/33/34_CS unknown component, unknown variable, not supported attribute type', async () => {
    const res = await r.call('GetVariables', {
      getVariableData: [
        get(component('NoSuchCtrlr'), variable('X')),
        get(component('OCPPCommCtrlr'), variable('NoSuchVariable')),
        get(component('OCPPCommCtrlr'), variable('OfflineThreshold'), 'Target'),
        get(component('EVSE', { id: 9 }), variable('AvailabilityState')),
      ],
    });
    assert.deepEqual(res.getVariableResult.map((x: any) => x.attributeStatus), ['UnknownComponent', 'UnknownVariable', 'NotSupportedAttributeType', 'UnknownComponent']);
  });

  it('TC_B_09_CS / TC_B_10_CS set one and several values; they read back and drive the station (HeartbeatInterval)', async () => {
    const one = await r.call('SetVariables', { setVariableData: [set(component('OCPPCommCtrlr'), variable('OfflineThreshold'), '900')] });
    assert.equal(one.setVariableResult[0].attributeStatus, 'Accepted');
    const from = r.mark();
    const many = await r.call('SetVariables', {
      setVariableData: [set(component('OCPPCommCtrlr'), variable('HeartbeatInterval'), '1'), set(component('TxCtrlr'), variable('EVConnectionTimeOut'), '45')],
    });
    assert.deepEqual(many.setVariableResult.map((x: any) => x.attributeStatus), ['Accepted', 'Accepted']);
    const back = await r.call('GetVariables', { getVariableData: [get(component('OCPPCommCtrlr'), variable('OfflineThreshold')), get(component('TxCtrlr'), variable('EVConnectionTimeOut'))] });
    assert.deepEqual(back.getVariableResult.map((x: any) => x.attributeValue), ['900', '45']);
    await r.csms.waitFor('Heartbeat', () => true, 5000, from);
  });

  it('TC_B_11_CS invalidly formatted values are Rejected with a reason code', async () => {
    const res = await r.call('SetVariables', {
      setVariableData: [
        set(component('OCPPCommCtrlr'), variable('HeartbeatInterval'), 'soon'),
        set(component('OCPPCommCtrlr'), variable('HeartbeatInterval', undefined), '0'),
        set(component('TxCtrlr'), variable('StopTxOnInvalidId'), 'yes'),
        set(component('TxCtrlr'), variable('TxStopPoint'), 'Sunrise'),
      ],
    });
    assert.deepEqual(res.setVariableResult.map((x: any) => x.attributeStatus), ['Rejected', 'Rejected', 'Rejected', 'Rejected']);
    assert.ok(res.setVariableResult.every((x: any) => typeof x.attributeStatusInfo?.reasonCode === 'string'), JSON.stringify(res));
  });

  it('TC_B_35/36/37/39_CS unknown component / variable, not supported attribute type, read-only', async () => {
    const res = await r.call('SetVariables', {
      setVariableData: [
        set(component('NoSuchCtrlr'), variable('X'), '1'),
        set(component('OCPPCommCtrlr'), variable('NoSuchVariable'), '1'),
        set(component('OCPPCommCtrlr'), variable('OfflineThreshold'), '1', 'MaxSet'),
        set(component('ChargingStation'), variable('Model'), 'other'),
      ],
    });
    assert.deepEqual(res.setVariableResult.map((x: any) => x.attributeStatus), ['UnknownComponent', 'UnknownVariable', 'NotSupportedAttributeType', 'Rejected']);
    assert.equal(res.setVariableResult[3].attributeStatusInfo.reasonCode, 'ReadOnly');
  });

  it('more entries than ItemsPerMessage is a CALLERROR OccurrenceConstraintViolation (B06.FR.16; SetVariables likewise by ItemsPerMessage[SetVariables])', async () => {
    const data = Array.from({ length: 51 }, () => get(component('OCPPCommCtrlr'), variable('OfflineThreshold')));
    assert.equal(await callErrorCode(r.call('GetVariables', { getVariableData: data })), 'OccurrenceConstraintViolation');
    const sets = Array.from({ length: 51 }, () => set(component('OCPPCommCtrlr'), variable('OfflineThreshold'), '600'));
    assert.equal(await callErrorCode(r.call('SetVariables', { setVariableData: sets })), 'OccurrenceConstraintViolation');
  });

  it('an invalid payload gets the 2.0.1 error-code name (FormatViolation family, not 1.6 spellings)', async () => {
    const reply = await rawCall(r, 'bad-1', 'GetVariables', { getVariableData: 'nope' });
    const code = reply[2] as string;
    assert.equal(reply[0], 4);
    assert.ok(['TypeConstraintViolation', 'FormatViolation'].includes(code), code);
  });

  it('a 2.0.1 action this station does not do is NotSupported (ClearDisplayMessage: no display)', async () => {
    const code = await callErrorCode(r.call('ClearDisplayMessage', { id: 1 }));
    assert.equal(code, 'NotSupported');
  });

  it('written values survive a restart (stored in the station database)', async () => {
    await r.st.stop();
    await relaunch201(r);
    await r.csms.waitForConnection(r.id);
    const back = await r.call('GetVariables', { getVariableData: [get(component('OCPPCommCtrlr'), variable('OfflineThreshold')), get(component('TxCtrlr'), variable('EVConnectionTimeOut'))] });
    assert.deepEqual(back.getVariableResult.map((x: any) => x.attributeValue), ['900', '45']);
  });
});
