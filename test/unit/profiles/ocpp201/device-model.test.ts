import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DeviceModel, keyOf } from '../../../../profiles/ocpp201/device-model/device-model.js';
import type { ComponentDefinition } from '../../../../profiles/ocpp201/device-model/types.js';
import type { SetVariableResultType } from '../../../../profiles/ocpp201/generated/SetVariables.js';
import { createOcpp201Validator } from '../../../../profiles/ocpp201/validator.js';

const validator = createOcpp201Validator();
const evses = [{ id: 1, connectors: [1] }, { id: 2, connectors: [1, 2] }];
const model = (o: Partial<ConstructorParameters<typeof DeviceModel>[0]> = {}) => new DeviceModel({ evses, ...o });
const comp = (name: string, evse?: { id: number; connectorId?: number }) => ({ name, ...(evse ? { evse } : {}) });
const get = (m: DeviceModel, component: string, variable: string, extra: Record<string, unknown> = {}) => {
  const res = m.getVariables({ getVariableData: [{ component: comp(component), variable: { name: variable }, ...extra }] });
  assert.equal(validator.validateResponse('GetVariables', res), null, 'GetVariablesResponse matches the OCA schema');
  return res.getVariableResult[0];
};
const set = (m: DeviceModel, component: string, variable: string, attributeValue: string, extra: Record<string, unknown> = {}): SetVariableResultType => {
  const req = { setVariableData: [{ component: comp(component), variable: { name: variable }, attributeValue, ...extra }] };
  assert.equal(validator.validateRequest('SetVariables', req), null);
  const res = m.setVariables(req as Parameters<DeviceModel['setVariables']>[0]);
  assert.equal(validator.validateResponse('SetVariables', res), null, 'SetVariablesResponse matches the OCA schema');
  return res.setVariableResult[0];
};

// Every reasonCode the model emits must be one of the OCA's (appendix 5).
const reasonCodes = new Set(
  readFileSync(new URL('../../../../../profiles/ocpp201/device-model/appendix/reason_codes.csv', import.meta.url), 'utf8')
    .split('\n').slice(1).map((l) => l.split(';')[0]).filter(Boolean),
);
const assertReason = (code: string | undefined, expected: string) => {
  assert.equal(code, expected);
  assert.ok(reasonCodes.has(expected), `${expected} is an OCA reason code`);
};

describe('GetVariables (B06): every GetVariableStatus', () => {
  test('Accepted with the value, attributeType Actual when absent (B06.FR.10/11)', () => {
    const r = get(model(), 'OCPPCommCtrlr', 'HeartbeatInterval');
    assert.deepEqual(r, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Actual', attributeStatus: 'Accepted', attributeValue: '300' });
  });

  test('UnknownComponent and UnknownVariable omit attributeValue (B06.FR.06/07)', () => {
    const m = model();
    assert.deepEqual(get(m, 'FluxCapacitorCtrlr', 'Enabled'), { component: { name: 'FluxCapacitorCtrlr' }, variable: { name: 'Enabled' }, attributeType: 'Actual', attributeStatus: 'UnknownComponent' });
    const uv = get(m, 'OCPPCommCtrlr', 'WarpSpeed');
    assert.equal(uv.attributeStatus, 'UnknownVariable');
    assert.equal('attributeValue' in uv, false);
  });

  test('NotSupportedAttributeType for an attribute the variable lacks, echoing it (B06.FR.03/08)', () => {
    const r = get(model(), 'OCPPCommCtrlr', 'HeartbeatInterval', { attributeType: 'Target' });
    assert.equal(r.attributeStatus, 'NotSupportedAttributeType');
    assert.equal(r.attributeType, 'Target');
    assert.equal('attributeValue' in r, false);
  });

  test('Rejected with WriteOnly for a write-only variable, never its value (B06.FR.09, errata TC_B_16)', () => {
    const m = model();
    assert.equal(set(m, 'SecurityCtrlr', 'BasicAuthPassword', 'a-long-enough-password-123').attributeStatus, 'Accepted');
    const r = get(m, 'SecurityCtrlr', 'BasicAuthPassword');
    assert.equal(r.attributeStatus, 'Rejected');
    assertReason(r.attributeStatusInfo?.reasonCode, 'WriteOnly');
    assert.equal('attributeValue' in r, false);
  });

  test('instances: a named instance is found, a missing instance is UnknownVariable (B06.FR.14/15)', () => {
    const m = model();
    assert.equal(get(m, 'DeviceDataCtrlr', 'ItemsPerMessage', { variable: { name: 'ItemsPerMessage', instance: 'GetVariables' } }).attributeValue, '50');
    assert.equal(get(m, 'DeviceDataCtrlr', 'ItemsPerMessage').attributeStatus, 'UnknownVariable');
    assert.equal(get(m, 'DeviceDataCtrlr', 'ItemsPerMessage', { variable: { name: 'ItemsPerMessage', instance: 'Nope' } }).attributeStatus, 'UnknownVariable');
    assert.equal(get(m, 'OCPPCommCtrlr', 'HeartbeatInterval', { component: { name: 'OCPPCommCtrlr', instance: 'x' } }).attributeStatus, 'UnknownComponent');
  });

  test('EVSE and Connector are addressed on their tier; names are case-insensitive, echoed as sent', () => {
    const m = model();
    const g = (component: object, variable = 'Available') => m.get({ component: component as { name: string }, variable: { name: variable } });
    assert.equal(g({ name: 'EVSE', evse: { id: 2 } }).attributeStatus, 'Accepted');
    assert.equal(g({ name: 'EVSE' }).attributeStatus, 'UnknownComponent');
    assert.equal(g({ name: 'EVSE', evse: { id: 3 } }).attributeStatus, 'UnknownComponent');
    assert.equal(g({ name: 'EVSE', evse: { id: 1, connectorId: 1 } }).attributeStatus, 'UnknownComponent');
    assert.equal(g({ name: 'Connector', evse: { id: 2, connectorId: 2 } }).attributeStatus, 'Accepted');
    assert.equal(g({ name: 'Connector', evse: { id: 1, connectorId: 2 } }).attributeStatus, 'UnknownComponent');
    assert.equal(g({ name: 'OCPPCommCtrlr', evse: { id: 1 } }, 'HeartbeatInterval').attributeStatus, 'UnknownComponent');
    const ci = m.get({ component: { name: 'ocppcommctrlr' }, variable: { name: 'heartbeatinterval' } });
    assert.equal(ci.attributeStatus, 'Accepted');
    assert.deepEqual([ci.component.name, ci.variable.name], ['ocppcommctrlr', 'heartbeatinterval']);
  });

  test('live variables are read from the station at read time; station values replace defaults', () => {
    let now = '2026-01-01T00:00:00.000Z';
    const m = model({
      read: (ref) => (ref.component === 'ClockCtrlr' && ref.variable === 'DateTime' ? now : ref.component === 'EVSE' && ref.evseId === 2 && ref.variable === 'AvailabilityState' ? 'Occupied' : undefined),
      values: { [keyOf({ component: 'Connector', evseId: 2, connectorId: 2, variable: 'ConnectorType' }, 'Actual')]: 'cCCS2' },
      characteristics: { [keyOf({ component: 'EVSE', evseId: 1, variable: 'Power' })]: { maxLimit: 11000 } },
    });
    assert.equal(get(m, 'ClockCtrlr', 'DateTime').attributeValue, now);
    now = '2026-01-01T00:00:05.000Z';
    assert.equal(get(m, 'ClockCtrlr', 'DateTime').attributeValue, now);
    assert.equal(m.get({ component: { name: 'EVSE', evse: { id: 2 } }, variable: { name: 'AvailabilityState' } }).attributeValue, 'Occupied');
    assert.equal(m.get({ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'AvailabilityState' } }).attributeValue, 'Available');
    assert.equal(m.value({ component: 'Connector', evseId: 2, connectorId: 2, variable: 'ConnectorType' }), 'cCCS2');
    assert.equal(m.value({ component: 'Connector', evseId: 2, connectorId: 1, variable: 'ConnectorType' }), 'sType2');
    const power = m.entries().find((e) => e.component.name === 'EVSE' && e.evseId === 1 && e.def.name === 'Power')!;
    assert.equal(m.reportData(power).variableCharacteristics?.maxLimit, 11000);
  });

  test('values longer than ReportingValueSize / ValueSize are truncated, the smaller limit wins', () => {
    const long = 'x'.repeat(150);
    const m = model({ values: { 'DeviceDataCtrlr.ReportingValueSize/Actual': '100', 'DeviceDataCtrlr.ValueSize/Actual': '200' } });
    assert.equal(set(m, 'SecurityCtrlr', 'OrganizationName', 'y'.repeat(60)).attributeStatus, 'Accepted');
    assert.equal(set(m, 'ClockCtrlr', 'NtpServerUri', long).attributeStatus, 'Accepted');
    assert.equal(get(m, 'ClockCtrlr', 'NtpServerUri').attributeValue, 'x'.repeat(100));
    assert.equal(m.reportingValueSize(), 100);
    const m2 = model({ values: { 'DeviceDataCtrlr.ValueSize/Actual': '50' } });
    assert.equal(m2.reportingValueSize(), 50);
    assert.equal(m2.configurationValueSize(), 50);
  });
});

describe('SetVariables (B05): every SetVariableStatus', () => {
  test('Accepted: stored, persisted through the callback, listeners told, Get returns it', () => {
    const writes: [string, string][] = [];
    const m = model({ persist: (k, v) => writes.push([k, v]) });
    const seen: string[] = [];
    m.onChange((ref, attr, v) => seen.push(`${keyOf(ref, attr)}=${v}`));
    assert.deepEqual(set(m, 'OCPPCommCtrlr', 'HeartbeatInterval', '120'), { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Actual', attributeStatus: 'Accepted' });
    assert.deepEqual(writes, [['OCPPCommCtrlr.HeartbeatInterval/Actual', '120']]);
    assert.deepEqual(seen, ['OCPPCommCtrlr.HeartbeatInterval/Actual=120']);
    assert.equal(get(m, 'OCPPCommCtrlr', 'HeartbeatInterval').attributeValue, '120');
    assert.equal(m.number({ component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' }), 120);
  });

  test('Rejected ReadOnly for a read-only variable, nothing written (B05.FR.09)', () => {
    const writes: string[] = [];
    const m = model({ persist: (k) => writes.push(k) });
    const r = set(m, 'DeviceDataCtrlr', 'ItemsPerMessage', '5', { variable: { name: 'ItemsPerMessage', instance: 'GetVariables' } });
    assert.equal(r.attributeStatus, 'Rejected');
    assertReason(r.attributeStatusInfo?.reasonCode, 'ReadOnly');
    assert.deepEqual(writes, []);
    assert.equal(m.itemsPerMessage('GetVariables'), 50);
  });

  test('Rejected InvalidValue for a badly formatted value, ValueOutOfRange outside the limits (B05.FR.07/08)', () => {
    const m = model();
    const f = set(m, 'OCPPCommCtrlr', 'HeartbeatInterval', 'soon');
    assert.equal(f.attributeStatus, 'Rejected');
    assertReason(f.attributeStatusInfo?.reasonCode, 'InvalidValue');
    assert.ok(f.attributeStatusInfo?.additionalInfo);
    const o = set(m, 'OCPPCommCtrlr', 'HeartbeatInterval', '0');
    assertReason(o.attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assertReason(set(m, 'TxCtrlr', 'TxStartPoint', 'ParkingBayOccupancy').attributeStatusInfo?.reasonCode, 'InvalidValue');
    assertReason(set(m, 'TxCtrlr', 'TxStopPoint', '').attributeStatusInfo?.reasonCode, 'InvalidValue');
    assertReason(set(m, 'AuthCtrlr', 'MasterPassGroupId', 'g'.repeat(37)).attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assertReason(set(m, 'SecurityCtrlr', 'BasicAuthPassword', 'too-short').attributeStatusInfo?.reasonCode, 'InvalidValue');
    assertReason(set(m, 'OCPPCommCtrlr', 'WebSocketPingInterval', '-1').attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assert.equal(get(m, 'OCPPCommCtrlr', 'HeartbeatInterval').attributeValue, '300', 'rejected values change nothing');
  });

  test('Rejected TooLargeElement beyond ConfigurationValueSize', () => {
    const m = model({ values: { 'DeviceDataCtrlr.ConfigurationValueSize/Actual': '12' } });
    assertReason(set(m, 'ClockCtrlr', 'TimeZone', 'Europe/Amsterdam').attributeStatusInfo?.reasonCode, 'TooLargeElement');
    assert.equal(set(m, 'ClockCtrlr', 'TimeZone', 'Europe/Oslo').attributeStatus, 'Accepted');
  });

  test('Rejected InternalError when persisting fails, the old value stays', () => {
    const m = model({ persist: () => { throw new Error('disk full'); } });
    const r = set(m, 'TxCtrlr', 'EVConnectionTimeOut', '90');
    assertReason(r.attributeStatusInfo?.reasonCode, 'InternalError');
    assert.equal(get(m, 'TxCtrlr', 'EVConnectionTimeOut').attributeValue, '60');
  });

  test('UnknownComponent, UnknownVariable, NotSupportedAttributeType (B05.FR.04-06, FR.03)', () => {
    const m = model();
    assert.equal(set(m, 'NoSuchCtrlr', 'Enabled', 'true').attributeStatus, 'UnknownComponent');
    assert.equal(set(m, 'TxCtrlr', 'NoSuchVariable', 'true').attributeStatus, 'UnknownVariable');
    const r = set(m, 'TxCtrlr', 'StopTxOnInvalidId', 'true', { attributeType: 'MaxSet' });
    assert.equal(r.attributeStatus, 'NotSupportedAttributeType');
    assert.equal(r.attributeType, 'MaxSet');
  });

  test('RebootRequired for a variable that takes effect at the next boot', () => {
    const m = model();
    assert.equal(set(m, 'OCPPCommCtrlr', 'NetworkConfigurationPriority', '1,0').attributeStatus, 'RebootRequired');
    assert.deepEqual(m.rebootPending(), ['OCPPCommCtrlr.NetworkConfigurationPriority/Actual']);
    assert.equal(get(m, 'OCPPCommCtrlr', 'NetworkConfigurationPriority').attributeValue, '1,0');
  });

  test('every item is answered in order, each on its own (B05.FR.01/02)', () => {
    const m = model();
    const res = m.setVariables({
      setVariableData: [
        { component: { name: 'TxCtrlr' }, variable: { name: 'EVConnectionTimeOut' }, attributeValue: '30' },
        { component: { name: 'TxCtrlr' }, variable: { name: 'EVConnectionTimeOut' }, attributeValue: 'x' },
        { component: { name: 'Nope' }, variable: { name: 'X' }, attributeValue: '1' },
      ],
    });
    assert.deepEqual(res.setVariableResult.map((r) => r.attributeStatus), ['Accepted', 'Rejected', 'UnknownComponent']);
    assert.equal(m.value({ component: 'TxCtrlr', variable: 'EVConnectionTimeOut' }), '30');
  });

  test('Target within MinSet/MaxSet, MinSet not above MaxSet (part 1 §4.3 fan example)', () => {
    const fan: ComponentDefinition = {
      name: 'Fan', scope: 'station',
      variables: [{
        name: 'FanSpeed', dataType: 'integer', unit: 'RPM', minLimit: 0, maxLimit: 1000, live: false, rebootRequired: false, required: null, csvRequired: false, description: '', src: '',
        attributes: [
          { type: 'Actual', mutability: 'ReadOnly', persistent: false, constant: false, default: '0' },
          { type: 'Target', mutability: 'ReadWrite', persistent: true, constant: false, default: '' },
          { type: 'MinSet', mutability: 'ReadWrite', persistent: true, constant: false, default: '200' },
          { type: 'MaxSet', mutability: 'ReadWrite', persistent: true, constant: false, default: '500' },
        ],
      }],
    };
    const m = model({ components: [fan] });
    assert.equal(get(m, 'Fan', 'FanSpeed', { attributeType: 'Target' }).attributeValue, '', 'unset Target reads as empty string (B06.FR.13)');
    assertReason(set(m, 'Fan', 'FanSpeed', '600', { attributeType: 'Target' }).attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assert.equal(set(m, 'Fan', 'FanSpeed', '500', { attributeType: 'Target' }).attributeStatus, 'Accepted');
    assertReason(set(m, 'Fan', 'FanSpeed', '1001', { attributeType: 'MaxSet' }).attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assertReason(set(m, 'Fan', 'FanSpeed', '600', { attributeType: 'MinSet' }).attributeStatusInfo?.reasonCode, 'ValueOutOfRange');
    assert.equal(set(m, 'Fan', 'FanSpeed', '700', { attributeType: 'MaxSet' }).attributeStatus, 'Accepted');
    assert.equal(set(m, 'Fan', 'FanSpeed', '650', { attributeType: 'Target' }).attributeStatus, 'Accepted');
    assertReason(set(m, 'Fan', 'FanSpeed', '5', { attributeType: 'Actual' }).attributeStatusInfo?.reasonCode, 'ReadOnly');
  });
});

describe('persisted values and size limits', () => {
  test('persisted values are applied; unknown, read-only and invalid ones are skipped with a warning', () => {
    const m = model({
      persisted: {
        'OCPPCommCtrlr.HeartbeatInterval/Actual': '45',
        'TxCtrlr.TxStartPoint/Actual': 'EVConnected,Authorized',
        'OCPPCommCtrlr.Gone/Actual': '1',
        'DeviceDataCtrlr.ItemsPerMessage[GetReport]/Actual': '1',
        'TxCtrlr.EVConnectionTimeOut/Actual': 'soon',
      },
    });
    assert.equal(m.value({ component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' }), '45');
    assert.equal(m.value({ component: 'TxCtrlr', variable: 'TxStartPoint' }), 'EVConnected,Authorized');
    assert.equal(m.itemsPerMessage('GetReport'), 100);
    assert.equal(m.value({ component: 'TxCtrlr', variable: 'EVConnectionTimeOut' }), '60');
    assert.equal(m.warnings.length, 3);
  });

  test('a request with more items than ItemsPerMessage or more bytes than BytesPerMessage is flagged (B06.FR.16/17, B08.FR.17/18)', () => {
    const m = model({ values: { 'DeviceDataCtrlr.ItemsPerMessage[SetVariables]/Actual': '2', 'DeviceDataCtrlr.BytesPerMessage[GetVariables]/Actual': '500' } });
    assert.equal(m.checkRequestSize('SetVariables', 2, 100), null);
    assert.equal(m.checkRequestSize('SetVariables', 3, 100)?.code, 'OccurrenceConstraintViolation');
    assert.equal(m.checkRequestSize('GetVariables', 1, 500), null);
    assert.equal(m.checkRequestSize('GetVariables', 1, 501)?.code, 'FormatViolation');
    assert.equal(m.checkRequestSize('GetReport', 101, 10)?.code, 'OccurrenceConstraintViolation');
  });

  test('two stations in one process do not share values', () => {
    const a = model();
    const b = model();
    set(a, 'OCPPCommCtrlr', 'HeartbeatInterval', '10');
    assert.equal(b.value({ component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' }), '300');
  });
});
