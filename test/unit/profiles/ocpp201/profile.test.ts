/** The generated definitions against the spec facts they encode (part 2, part 5, the appendix CSV). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { STANDARD_COMPONENTS } from '../../../../profiles/ocpp201/device-model/variables.js';

const csv = readFileSync(new URL('../../../../../profiles/ocpp201/device-model/appendix/dm_components_vars.csv', import.meta.url), 'utf8')
  .split('\n').slice(1).filter(Boolean).map((l) => l.split(';'));
// Variables profile.json takes from a <generic> row of the CSV (Problem...: any component may have them).
const profile = JSON.parse(readFileSync(new URL('../../../../../profiles/ocpp201/device-model/profile.json', import.meta.url), 'utf8'));
const generic = (c: string, v: string) => profile.components[c]?.variables[v]?.generic === true;
const find = (c: string, v: string, i?: string) => STANDARD_COMPONENTS.find((x) => x.name === c)?.variables.find((x) => x.name === v && x.instance === i);

// Part 5 §5: the controllers Core certification requires, plus what the issue asks for.
const CORE = ['OCPPCommCtrlr', 'TxCtrlr', 'DeviceDataCtrlr', 'ClockCtrlr', 'SecurityCtrlr', 'SampledDataCtrlr', 'AlignedDataCtrlr', 'AuthCtrlr'];

describe('device model definitions', () => {
  test('every Core controller, AuthCacheCtrlr, LocalAuthListCtrlr, EVSE and Connector are present', () => {
    for (const c of [...CORE, 'AuthCacheCtrlr', 'LocalAuthListCtrlr', 'EVSE', 'Connector', 'ChargingStation']) assert.ok(STANDARD_COMPONENTS.some((x) => x.name === c), c);
    assert.equal(STANDARD_COMPONENTS.find((c) => c.name === 'EVSE')!.scope, 'evse');
    assert.equal(STANDARD_COMPONENTS.find((c) => c.name === 'Connector')!.scope, 'connector');
  });

  test('names, instances and (unless overridden with a reason) data types are exactly the CSV\'s', () => {
    for (const c of STANDARD_COMPONENTS) {
      for (const v of c.variables) {
        const of = generic(c.name, v.name) ? '<generic>' : c.name;
        const row = csv.find((r) => r[0] === of && r[1] === v.name && (r[2] || undefined) === v.instance);
        assert.ok(row, `${c.name}.${v.name}`);
      }
    }
  });

  test('every variable the CSV marks required for the Core controllers is required for Core', () => {
    for (const r of csv.filter((r) => CORE.includes(r[0]!) && r[3] === 'yes')) {
      assert.equal(find(r[0]!, r[1]!, r[2] || undefined)?.required, 'Core', `${r[0]}.${r[1]}`);
    }
    for (const v of ['Entries', 'ItemsPerMessage', 'BytesPerMessage']) assert.equal(find('LocalAuthListCtrlr', v)?.required, 'LocalAuthListManagement');
    assert.equal(find('OCPPCommCtrlr', 'ActiveNetworkProfile')?.required, 'Core', 'errata 2.57');
  });

  test('mutability as part 2 requires it', () => {
    const m = (c: string, v: string, i?: string) => find(c, v, i)?.attributes[0]?.mutability;
    for (const i of ['GetReport', 'GetVariables', 'SetVariables']) {
      assert.equal(m('DeviceDataCtrlr', 'ItemsPerMessage', i), 'ReadOnly');
      assert.equal(m('DeviceDataCtrlr', 'BytesPerMessage', i), 'ReadOnly');
    }
    assert.equal(m('OCPPCommCtrlr', 'MessageTimeout', 'Default'), 'ReadOnly');
    assert.equal(m('OCPPCommCtrlr', 'FileTransferProtocols'), 'ReadOnly');
    assert.equal(m('ClockCtrlr', 'DateTime'), 'ReadOnly');
    assert.equal(m('SecurityCtrlr', 'BasicAuthPassword'), 'WriteOnly');
    assert.equal(m('SecurityCtrlr', 'SecurityProfile'), 'ReadOnly');
    assert.equal(m('SecurityCtrlr', 'CertificateEntries'), 'ReadOnly');
    assert.equal(m('LocalAuthListCtrlr', 'Entries'), 'ReadOnly');
    for (const v of ['HeartbeatInterval', 'OfflineThreshold', 'NetworkConfigurationPriority', 'ResetRetries', 'WebSocketPingInterval']) assert.equal(m('OCPPCommCtrlr', v), 'ReadWrite', v);
    for (const v of ['TxUpdatedInterval', 'TxUpdatedMeasurands', 'TxEndedMeasurands']) assert.equal(m('SampledDataCtrlr', v), 'ReadWrite', v);
    for (const c of ['EVSE', 'Connector', 'ChargingStation']) assert.equal(m(c, 'AvailabilityState'), 'ReadOnly');
  });

  test('writable attributes are persistent (part 2: "All variables that are writable SHALL have persistence = true")', () => {
    for (const c of STANDARD_COMPONENTS) for (const v of c.variables) for (const a of v.attributes) if (a.mutability !== 'ReadOnly') assert.equal(a.persistent, true, `${c.name}.${v.name}`);
  });

  test('EVSE.Power reports a maxLimit; list types have valuesLists', () => {
    assert.equal(typeof find('EVSE', 'Power')?.maxLimit, 'number');
    for (const c of STANDARD_COMPONENTS) for (const v of c.variables) if (['OptionList', 'SequenceList', 'MemberList'].includes(v.dataType)) assert.ok(v.valuesList, `${c.name}.${v.name}`);
  });
});
