/** The version-neutral quantities of a meter sample: numbers with their rounding, units (hertz included), phases. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleQuantities, supportedMeasurands } from '../../../agent/metering/sampled-values.js';
import type { MeterSample } from '../../../agent/station/types.js';

const s: MeterSample = {
  timestamp: '2026-01-01T10:00:00.000Z',
  context: 'Sample.Periodic',
  offeredCurrentA: 16,
  reading: { energyImportWh: 12345.6, powerW: 7360, currentA: { L1: 10.5, L3: 10 }, voltageV: { L1: 230 }, frequencyHz: 50.02 },
};

test('values stay numbers, with the decimals a profile writes them with; energy is rounded to whole Wh', () => {
  assert.deepEqual(sampleQuantities(s, ['Energy.Active.Import.Register', 'Power.Active.Import', 'Frequency'], 3), [
    { measurand: 'Energy.Active.Import.Register', value: 12346, decimals: 0, unit: 'Wh' },
    { measurand: 'Power.Active.Import', value: 7360, decimals: 1, unit: 'W' },
    { measurand: 'Frequency', value: 50.02, decimals: 2, unit: 'Hz' },
  ]);
});

test('per-phase quantities: one per phase present; "Voltage.L1" is the L1-N value; "Current.Import.L3" only L3', () => {
  assert.deepEqual(sampleQuantities(s, ['Current.Import'], 3).map((q) => `${q.phase}=${q.value}`), ['L1=10.5', 'L3=10']);
  assert.deepEqual(sampleQuantities(s, ['Voltage.L1'], 3), [{ measurand: 'Voltage', value: 230, decimals: 1, unit: 'V', phase: 'L1-N' }]);
  assert.deepEqual(sampleQuantities(s, ['Current.Import.L3'], 3).map((q) => q.phase), ['L3']);
});

test('offered power from the offered current, the voltage and the phases; unknown or absent measurands give nothing', () => {
  assert.equal(sampleQuantities(s, ['Power.Offered'], 1)[0]!.value, 16 * 230);
  assert.equal(sampleQuantities(s, ['Power.Offered'], 3, 240)[0]!.value, 16 * 240 * 3);
  assert.deepEqual(sampleQuantities(s, ['Energy.Active.Export.Register', 'SoC', 'Temperature'], 3), []);
});

test('supported measurands follow what the meter measures', () => {
  assert.deepEqual(supportedMeasurands([]), ['Energy.Active.Import.Register', 'Current.Offered', 'Power.Offered']);
  assert.ok(supportedMeasurands(['frequency', 'energyExport']).includes('Frequency'));
  assert.ok(supportedMeasurands(['frequency', 'energyExport']).includes('Energy.Active.Export.Register'));
});
