/**
 * Core meter samples → OCPP 1.6 MeterValue entries: every measurand the builder knows, per-phase values, units,
 * contexts, unsupported measurands skipped, empty results; every built payload validates against the OCA schema.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MeterSample, ReadingContext } from '../../../../agent/station/types.js';
import { buildMeterValue, buildMeterValues, parseMeasurandEntry, supportedMeasurands } from '../../../../profiles/ocpp16/meter-values.js';
import { createOcpp16Validator } from '../../../../profiles/ocpp16/validator.js';

const validator = createOcpp16Validator({ security: false });

function sample(context: ReadingContext = 'Sample.Periodic', reading: Partial<MeterSample['reading']> = {}, offeredCurrentA = 16): MeterSample {
  return {
    timestamp: '2026-01-01T10:00:00.000Z',
    context,
    offeredCurrentA,
    reading: {
      energyImportWh: 12345.6,
      energyExportWh: 10.4,
      powerW: 7360,
      currentA: { L1: 10.5, L2: 10.25, L3: 10 },
      voltageV: { L1: 230, L2: 231.5, L3: 229 },
      frequencyHz: 50,
      ...reading,
    },
  };
}

function assertValid(meterValue: unknown[]): void {
  const failure = validator.validateRequest('MeterValues', { connectorId: 1, transactionId: 7, meterValue });
  assert.equal(failure, null, JSON.stringify(failure));
}

const base = (measurand: string, context: ReadingContext = 'Sample.Periodic') => ({ context, measurand, location: 'Outlet' });

describe('buildMeterValue: one measurand at a time', () => {
  const cases: { m: string; expect: object[] }[] = [
    { m: 'Energy.Active.Import.Register', expect: [{ ...base('Energy.Active.Import.Register'), value: '12346', unit: 'Wh' }] },
    { m: 'Energy.Active.Export.Register', expect: [{ ...base('Energy.Active.Export.Register'), value: '10', unit: 'Wh' }] },
    { m: 'Power.Active.Import', expect: [{ ...base('Power.Active.Import'), value: '7360.0', unit: 'W' }] },
    {
      m: 'Current.Import',
      expect: [
        { ...base('Current.Import'), value: '10.50', unit: 'A', phase: 'L1' },
        { ...base('Current.Import'), value: '10.25', unit: 'A', phase: 'L2' },
        { ...base('Current.Import'), value: '10.00', unit: 'A', phase: 'L3' },
      ],
    },
    {
      m: 'Voltage',
      expect: [
        { ...base('Voltage'), value: '230.0', unit: 'V', phase: 'L1-N' },
        { ...base('Voltage'), value: '231.5', unit: 'V', phase: 'L2-N' },
        { ...base('Voltage'), value: '229.0', unit: 'V', phase: 'L3-N' },
      ],
    },
    // 1.6 has no unit for hertz: the unit is left out.
    { m: 'Frequency', expect: [{ ...base('Frequency'), value: '50.00' }] },
    { m: 'Current.Offered', expect: [{ ...base('Current.Offered'), value: '16.0', unit: 'A' }] },
    { m: 'Power.Offered', expect: [{ ...base('Power.Offered'), value: '11040', unit: 'W' }] },
  ];
  for (const c of cases) {
    test(c.m, () => {
      const mv = buildMeterValue(sample(), [c.m], 3);
      assert.ok(mv);
      assert.equal(mv.timestamp, '2026-01-01T10:00:00.000Z');
      assert.deepEqual(mv.sampledValue, c.expect);
      assertValid([mv]);
    });
  }

  test('Power.Offered uses the phase count and the voltage', () => {
    assert.equal(buildMeterValue(sample(), ['Power.Offered'], 1)!.sampledValue[0]!.value, '3680');
    assert.equal(buildMeterValue(sample(), ['Power.Offered'], 3, 240)!.sampledValue[0]!.value, '11520');
    assert.equal(buildMeterValue(sample('Sample.Periodic', {}, 0), ['Power.Offered', 'Current.Offered'], 3)!.sampledValue.map((v) => v.value).join(), '0,0.0');
  });

  test('single-phase readings give one value per present phase', () => {
    const mv = buildMeterValue(sample('Sample.Periodic', { currentA: { L1: 6 }, voltageV: { L1: 229.96 } }), ['Current.Import', 'Voltage'], 1)!;
    assert.deepEqual(
      mv.sampledValue.map((v) => [v.measurand, v.phase, v.value]),
      [
        ['Current.Import', 'L1', '6.00'],
        ['Voltage', 'L1-N', '230.0'],
      ],
    );
    assertValid([mv]);
  });

  test('energy is rounded to whole Wh (meters report fractions; 1.6 meterStart is an integer)', () => {
    assert.equal(buildMeterValue(sample('Sample.Periodic', { energyImportWh: 0.4 }), ['Energy.Active.Import.Register'], 3)!.sampledValue[0]!.value, '0');
    assert.equal(buildMeterValue(sample('Sample.Periodic', { energyImportWh: 99.5 }), ['Energy.Active.Import.Register'], 3)!.sampledValue[0]!.value, '100');
  });
});

describe('buildMeterValue: several measurands, contexts, what is skipped', () => {
  test('all measurands in configured order, in one MeterValue', () => {
    const all = ['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import', 'Voltage', 'Frequency', 'Current.Offered', 'Power.Offered', 'Energy.Active.Export.Register'];
    const mv = buildMeterValue(sample(), all, 3)!;
    assert.equal(mv.sampledValue.length, 1 + 1 + 3 + 3 + 1 + 1 + 1 + 1);
    assert.deepEqual([...new Set(mv.sampledValue.map((v) => v.measurand))], all);
    assertValid([mv]);
  });

  for (const context of ['Transaction.Begin', 'Transaction.End', 'Sample.Periodic', 'Sample.Clock', 'Trigger', 'Other'] as const) {
    test(`context ${context} is carried on every value`, () => {
      const mv = buildMeterValue(sample(context), ['Energy.Active.Import.Register', 'Current.Import'], 3)!;
      for (const v of mv.sampledValue) assert.equal(v.context, context);
      assertValid([mv]);
    });
  }

  test('measurands this build cannot report are skipped, the others kept', () => {
    const mv = buildMeterValue(sample(), ['Temperature', 'SoC', 'Power.Factor', 'RPM', 'Energy.Reactive.Import.Register', 'Nonsense', 'Energy.Active.Import.Register'], 3)!;
    assert.deepEqual(mv.sampledValue.map((v) => v.measurand), ['Energy.Active.Import.Register']);
  });

  test('quantities the meter did not report are skipped', () => {
    const s = sample('Sample.Periodic', { powerW: undefined, currentA: undefined, voltageV: undefined, frequencyHz: undefined, energyExportWh: undefined });
    const mv = buildMeterValue(s, ['Power.Active.Import', 'Current.Import', 'Voltage', 'Frequency', 'Energy.Active.Export.Register', 'Energy.Active.Import.Register'], 3)!;
    assert.deepEqual(mv.sampledValue.map((v) => v.measurand), ['Energy.Active.Import.Register']);
  });

  test('nothing to report → null: empty list, or only unsupported measurands', () => {
    assert.equal(buildMeterValue(sample(), [], 3), null);
    assert.equal(buildMeterValue(sample(), ['Temperature', 'SoC'], 3), null);
    assert.equal(buildMeterValue(sample('Sample.Periodic', { powerW: undefined }), ['Power.Active.Import'], 3), null);
  });
});

describe('measurands combined with a phase (§9.1.16 "Voltage.L1")', () => {
  test('Voltage.L1 and Current.Import.L2 give only that phase', () => {
    const mv = buildMeterValue(sample(), ['Voltage.L1', 'Current.Import.L2', 'Voltage.L3-N'], 3)!;
    assert.deepEqual(
      mv.sampledValue.map((v) => [v.measurand, v.phase, v.value]),
      [
        ['Voltage', 'L1-N', '230.0'],
        ['Current.Import', 'L2', '10.25'],
        ['Voltage', 'L3-N', '229.0'],
      ],
    );
    assertValid([mv]);
  });

  test('a phase the reading does not have, or a phase on a total-only measurand, gives nothing', () => {
    assert.equal(buildMeterValue(sample('Sample.Periodic', { currentA: { L1: 6 } }), ['Current.Import.L3'], 1), null);
    assert.equal(buildMeterValue(sample(), ['Energy.Active.Import.Register.L1', 'Power.Active.Import.L2'], 3), null);
  });

  test('parseMeasurandEntry', () => {
    assert.deepEqual(parseMeasurandEntry('Voltage.L1'), { measurand: 'Voltage', phase: 'L1' });
    assert.deepEqual(parseMeasurandEntry('Current.Import.L3'), { measurand: 'Current.Import', phase: 'L3' });
    assert.deepEqual(parseMeasurandEntry('Energy.Active.Import.Register'), { measurand: 'Energy.Active.Import.Register', phase: null });
    assert.deepEqual(parseMeasurandEntry('Power.Active.Import.L1'), { measurand: 'Power.Active.Import.L1', phase: null });
    assert.deepEqual(parseMeasurandEntry('Voltage.L4'), { measurand: 'Voltage.L4', phase: null });
  });
});

describe('buildMeterValues', () => {
  test('measurands chosen per sample (e.g. by context); samples with nothing to report are dropped', () => {
    const samples = [sample('Transaction.Begin'), sample('Sample.Clock'), sample('Sample.Periodic'), sample('Transaction.End')];
    const out = buildMeterValues(samples, (s) => (s.context === 'Sample.Clock' ? [] : s.context === 'Sample.Periodic' ? ['Power.Active.Import'] : ['Energy.Active.Import.Register']), 3);
    assert.deepEqual(
      out.map((mv) => mv.sampledValue.map((v) => `${v.context}:${v.measurand}`)),
      [['Transaction.Begin:Energy.Active.Import.Register'], ['Sample.Periodic:Power.Active.Import'], ['Transaction.End:Energy.Active.Import.Register']],
    );
    assertValid(out);
  });

  test('no samples → empty list', () => {
    assert.deepEqual(buildMeterValues([], () => ['Energy.Active.Import.Register'], 3), []);
  });
});

describe('supportedMeasurands', () => {
  test('energy import and the offered values always; the rest by what the meter measures', () => {
    assert.deepEqual(supportedMeasurands(['energy']), ['Energy.Active.Import.Register', 'Current.Offered', 'Power.Offered']);
    assert.deepEqual(supportedMeasurands(['energy', 'power', 'current', 'voltage', 'frequency', 'energyExport']), [
      'Energy.Active.Import.Register',
      'Current.Offered',
      'Power.Offered',
      'Power.Active.Import',
      'Current.Import',
      'Voltage',
      'Frequency',
      'Energy.Active.Export.Register',
    ]);
  });

  test('every supported measurand produces a value from a full reading', () => {
    const all = supportedMeasurands(['energy', 'power', 'current', 'voltage', 'frequency', 'energyExport']);
    for (const m of all) assert.ok(buildMeterValue(sample(), [m], 3), m);
  });
});
