import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceModel, keyOf, refOf } from '../../../../profiles/ocpp201/device-model/device-model.js';
import { baseReport, customReport } from '../../../../profiles/ocpp201/device-model/reports.js';
import { STANDARD_COMPONENTS } from '../../../../profiles/ocpp201/device-model/variables.js';
import type { NotifyReportRequest, ReportDataType } from '../../../../profiles/ocpp201/generated/NotifyReport.js';
import { createOcpp201Validator } from '../../../../profiles/ocpp201/validator.js';

const validator = createOcpp201Validator();
const evses = [{ id: 1, connectors: [1] }, { id: 2, connectors: [1, 2] }];
const at = '2026-01-01T12:00:00.000Z';
const model = (o: Partial<ConstructorParameters<typeof DeviceModel>[0]> = {}) => new DeviceModel({ evses, ...o });
const name = (d: ReportDataType) =>
  `${d.component.name}${d.component.evse ? `@${d.component.evse.id}${d.component.evse.connectorId !== undefined ? `/${d.component.evse.connectorId}` : ''}` : ''}.${d.variable.name}${d.variable.instance ? `[${d.variable.instance}]` : ''}`;
const entriesOf = (parts: NotifyReportRequest[]) => parts.flatMap((p) => p.reportData ?? []);

function assertParts(parts: NotifyReportRequest[], requestId: number): void {
  assert.ok(parts.length > 0);
  parts.forEach((p, i) => {
    assert.equal(validator.validateRequest('NotifyReport', p), null, `part ${i} matches NotifyReportRequest.json`);
    assert.equal(p.requestId, requestId);
    assert.equal(p.seqNo, i, 'seqNo counts from 0 (B07.FR.10)');
    assert.equal(p.tbc, i < parts.length - 1 ? true : undefined, 'tbc on every part but the last');
    assert.equal(p.generatedAt, at);
  });
}

describe('GetBaseReport (B07)', () => {
  test('FullInventory reports every variable of every component instance with characteristics', () => {
    const m = model();
    const { response, parts } = baseReport(m, { requestId: 7, reportBase: 'FullInventory' }, at);
    assert.equal(validator.validateResponse('GetBaseReport', response), null);
    assert.deepEqual(response, { status: 'Accepted' });
    assertParts(parts, 7);
    const all = entriesOf(parts);
    assert.equal(all.length, m.entries().length);
    // The schema check is not vacuous: a data type outside DataEnumType fails it.
    const broken = structuredClone(parts[0]!);
    broken.reportData![0].variableCharacteristics!.dataType = 'passwordString' as 'string';
    assert.notEqual(validator.validateRequest('NotifyReport', broken), null);
    assert.ok(all.every((d) => d.variableCharacteristics !== undefined), 'B08.FR.12 / B07.FR.08 characteristics');
    const names = all.map(name);
    for (const n of ['EVSE@1.Power', 'EVSE@2.AvailabilityState', 'Connector@2/2.ConnectorType', 'ChargingStation.AvailabilityState', 'DeviceDataCtrlr.ItemsPerMessage[GetReport]']) {
      assert.ok(names.includes(n), n);
    }
    // TC_B_53_CS (errata 6.2.19): list types carry a valuesList and a value from it; only WriteOnly omits the value.
    for (const d of all) {
      const c = d.variableCharacteristics!;
      if (['OptionList', 'SequenceList', 'MemberList'].includes(c.dataType)) assert.ok(c.valuesList, `${name(d)} valuesList`);
      for (const a of d.variableAttribute) {
        if (a.mutability === 'WriteOnly') assert.equal('value' in a, false, `${name(d)} WriteOnly value omitted`);
        else assert.equal(typeof a.value, 'string', `${name(d)} value present`);
      }
    }
  });

  test('ConfigurationInventory holds exactly the variables the operator can set (B07.FR.07)', () => {
    const m = model();
    const { parts } = baseReport(m, { requestId: 1, reportBase: 'ConfigurationInventory' }, at);
    assertParts(parts, 1);
    const all = entriesOf(parts);
    assert.ok(all.length > 0);
    for (const d of all) assert.ok(d.variableAttribute.some((a) => a.mutability !== 'ReadOnly'), name(d));
    const expected = m.entries().filter((e) => e.def.attributes.some((a) => a.mutability !== 'ReadOnly')).length;
    assert.equal(all.length, expected);
    assert.ok(all.map(name).includes('SecurityCtrlr.BasicAuthPassword'));
  });

  test('SummaryInventory: availability of station, EVSEs, connectors that differ, and components with problems (B07.FR.09)', () => {
    const m = model({ read: (r) => (r.component === 'Connector' && r.evseId === 2 && r.connectorId === 2 && r.variable === 'AvailabilityState' ? 'Unavailable' : undefined) });
    const { parts } = baseReport(m, { requestId: 2, reportBase: 'SummaryInventory' }, at);
    assertParts(parts, 2);
    assert.deepEqual(entriesOf(parts).map(name), ['ChargingStation.AvailabilityState', 'EVSE@1.AvailabilityState', 'EVSE@2.AvailabilityState', 'Connector@2/2.AvailabilityState']);
  });

  test('an unknown reportBase is NotSupported with no parts (B07.FR.02/05)', () => {
    const r = baseReport(model(), { requestId: 3, reportBase: 'Bogus' as 'FullInventory' }, at);
    assert.deepEqual(r, { response: { status: 'NotSupported' }, parts: [] });
  });

  test('split by ItemsPerMessage[GetReport]', () => {
    const m = model({ values: { 'DeviceDataCtrlr.ItemsPerMessage[GetReport]/Actual': '10' } });
    const { parts } = baseReport(m, { requestId: 4, reportBase: 'FullInventory' }, at);
    assertParts(parts, 4);
    assert.equal(parts.length, Math.ceil(m.entries().length / 10));
    assert.ok(parts.every((p) => p.reportData!.length <= 10));
    assert.equal(entriesOf(parts).length, m.entries().length);
  });

  test('split by BytesPerMessage[GetReport]: no CALL frame larger than the limit', () => {
    const m = model({ values: { 'DeviceDataCtrlr.BytesPerMessage[GetReport]/Actual': '2000' } });
    const { parts } = baseReport(m, { requestId: 5, reportBase: 'FullInventory' }, at);
    assertParts(parts, 5);
    assert.ok(parts.length > 5);
    for (const p of parts) {
      const frame = JSON.stringify([2, '0123456789abcdef0123456789abcdef0123', 'NotifyReport', p]);
      assert.ok(Buffer.byteLength(frame) <= 2000, `frame of ${Buffer.byteLength(frame)} bytes`);
    }
    assert.deepEqual(entriesOf(parts).map(name), entriesOf(baseReport(model(), { requestId: 5, reportBase: 'FullInventory' }, at).parts).map(name));
  });
});

describe('GetReport (B08)', () => {
  const ask = (m: DeviceModel, req: Omit<Parameters<typeof customReport>[1], 'requestId'>) => {
    const full = { requestId: 9, ...req };
    assert.equal(validator.validateRequest('GetReport', full), null);
    const r = customReport(m, full, at);
    assert.equal(validator.validateResponse('GetReport', r.response), null);
    return r;
  };

  test('componentVariable: component only = all its variables; variable without instance = all instances (FR.20/21)', () => {
    const m = model();
    const r = ask(m, { componentVariable: [{ component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage' } }] });
    assertParts(r.parts, 9);
    assert.deepEqual(entriesOf(r.parts).map(name), ['DeviceDataCtrlr.ItemsPerMessage[GetReport]', 'DeviceDataCtrlr.ItemsPerMessage[GetVariables]', 'DeviceDataCtrlr.ItemsPerMessage[SetVariables]']);
    const all = ask(m, { componentVariable: [{ component: { name: 'TxCtrlr' } }] });
    assert.equal(entriesOf(all.parts).length, STANDARD_COMPONENTS.find((c) => c.name === 'TxCtrlr')!.variables.length);
    const one = ask(m, { componentVariable: [{ component: { name: 'devicedatactrlr' }, variable: { name: 'ItemsPerMessage', instance: 'GetVariables' } }] });
    assert.deepEqual(entriesOf(one.parts).map(name), ['DeviceDataCtrlr.ItemsPerMessage[GetVariables]']);
  });

  test('componentVariable: no evse = every EVSE; evse without connectorId = every connector (FR.22/23)', () => {
    const m = model();
    assert.deepEqual(entriesOf(ask(m, { componentVariable: [{ component: { name: 'EVSE' }, variable: { name: 'Power' } }] }).parts).map(name), ['EVSE@1.Power', 'EVSE@2.Power']);
    assert.deepEqual(entriesOf(ask(m, { componentVariable: [{ component: { name: 'Connector', evse: { id: 2 } }, variable: { name: 'ConnectorType' } }] }).parts).map(name), ['Connector@2/1.ConnectorType', 'Connector@2/2.ConnectorType']);
  });

  test('componentCriteria: Available/Enabled/Active true or absent, Problem only when true, OR-ed (FR.07-10, FR.13)', () => {
    const m = model();
    const enabled = entriesOf(ask(m, { componentCriteria: ['Enabled'] }).parts);
    assert.equal(enabled.length, m.entries().length, 'every component is enabled or has no Enabled variable');
    const vals: Record<string, string> = { 'SampledDataCtrlr.Enabled/Actual': 'false' };
    const m2 = model({ persisted: vals });
    const e2 = entriesOf(ask(m2, { componentCriteria: ['Enabled'] }).parts).map(name);
    assert.ok(!e2.some((n) => n.startsWith('SampledDataCtrlr.')));
    assert.ok(e2.some((n) => n.startsWith('AlignedDataCtrlr.')));
    assert.deepEqual(ask(m2, { componentCriteria: ['Problem'] }), { response: { status: 'EmptyResultSet' }, parts: [] }, 'FR.15: nothing has a problem');
    const both = entriesOf(ask(m2, { componentCriteria: ['Problem', 'Available'] }).parts);
    assert.equal(both.length, m2.entries().length);
  });

  test('criteria and componentVariable together narrow each other (FR.05); no match is EmptyResultSet', () => {
    const m = model({ persisted: { 'SampledDataCtrlr.Enabled/Actual': 'false' } });
    const r = ask(m, { componentCriteria: ['Enabled'], componentVariable: [{ component: { name: 'SampledDataCtrlr' } }, { component: { name: 'AlignedDataCtrlr' }, variable: { name: 'Interval' } }] });
    assert.deepEqual(entriesOf(r.parts).map(name), ['AlignedDataCtrlr.Interval']);
    assert.equal(ask(m, { componentVariable: [{ component: { name: 'NoSuchCtrlr' } }] }).response.status, 'EmptyResultSet');
  });
});

describe('every variable of the standard components round-trips', () => {
  test('Set→Get with the right attributes for every writable one; read-only ones refuse; all report as the schema says', () => {
    const writes = new Map<string, string>();
    const m = model({ persist: (k, v) => writes.set(k, v) });
    let writable = 0;
    for (const e of m.entries()) {
      const ref = refOf(e);
      const component = { name: e.component.name, ...(e.evseId !== undefined ? { evse: { id: e.evseId, ...(e.connectorId !== undefined ? { connectorId: e.connectorId } : {}) } } : {}) };
      const variable = { name: e.def.name, ...(e.def.instance ? { instance: e.def.instance } : {}) };
      for (const a of e.def.attributes) {
        const value = sample(e.def);
        const res = m.set({ component, variable, attributeType: a.type, attributeValue: value });
        const where = `${keyOf(ref, a.type)} = ${value}`;
        if (a.mutability === 'ReadOnly') {
          assert.equal(res.attributeStatus, 'Rejected', where);
          continue;
        }
        writable++;
        assert.equal(res.attributeStatus, e.def.rebootRequired ? 'RebootRequired' : 'Accepted', `${where}: ${JSON.stringify(res.attributeStatusInfo)}`);
        assert.equal(writes.get(keyOf(ref, a.type)), value, `${where} persisted`);
        const got = m.get({ component, variable, attributeType: a.type });
        if (a.mutability === 'WriteOnly') assert.equal(got.attributeStatus, 'Rejected', where);
        else assert.deepEqual([got.attributeStatus, got.attributeValue, got.attributeType], ['Accepted', value, a.type], where);
      }
    }
    assert.ok(writable > 50, `${writable} writable attributes`);
    // A fresh model from what was persisted reads the same values back.
    const again = model({ persisted: Object.fromEntries(writes) });
    assert.deepEqual(again.warnings, []);
    for (const [k, v] of writes) {
      const e = again.entries().find((x) => keyOf(refOf(x), 'Actual') === k)!;
      if (e.def.attributes[0]!.mutability !== 'WriteOnly') assert.equal(again.value(refOf(e)), v, k);
    }
    const { parts } = baseReport(m, { requestId: 11, reportBase: 'FullInventory' }, at);
    assertParts(parts, 11);
  });

  test('every default value is valid for its own variable and every required Core variable has a value', () => {
    const m = model();
    for (const e of m.entries()) {
      for (const a of e.def.attributes) {
        if (a.default === '' && ['integer', 'decimal', 'boolean', 'OptionList', 'SequenceList'].includes(e.def.dataType)) assert.fail(`${keyOf(refOf(e), a.type)} has no default`);
      }
    }
    const probe = new DeviceModel({ evses, persisted: {} });
    assert.deepEqual(probe.warnings, []);
  });
});

/** A valid value different from the default where possible. */
function sample(def: (typeof STANDARD_COMPONENTS)[number]['variables'][number]): string {
  switch (def.dataType) {
    case 'integer': return String(Math.max(def.minLimit ?? 0, 7));
    case 'decimal': return String(Math.max(def.minLimit ?? 0, 7.5));
    case 'boolean': return def.attributes[0]!.default === 'true' ? 'false' : 'true';
    case 'dateTime': return '2026-06-01T08:00:00.000Z';
    case 'OptionList': return def.valuesList!.split(',').at(-1)!;
    case 'SequenceList':
    case 'MemberList': return def.valuesList!.split(',').reverse().join(',');
    case 'string':
      if (def.name === 'BasicAuthPassword') return 'a-new-password-of-24chars';
      if (def.name === 'TimeOffset') return '+02:00';
      return 'sample';
  }
}
