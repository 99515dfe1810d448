/** Expected values and tolerances for readings that went through a model's registers. */
import assert from 'node:assert/strict';
import { resolution } from '../../../hal/meters/decode.js';
import type { ModelFile, RegisterSpec } from '../../../hal/meters/model.js';
import type { MeterReading, Phase } from '../../../hal/types.js';
import { SAMPLE_3P } from '../../support/meter-sample.js';

// Re-exported: the integration tests import their sample from here, next to what they expect of it.
export { SAMPLE_3P };

/** The sample a model can hold: single-phase meters report L1 power as total. */
export function sampleFor(model: ModelFile): MeterReading {
  return model.phases === 1 ? { ...SAMPLE_3P, powerW: 2401.1 } : SAMPLE_3P;
}

function near(actual: number | undefined, expected: number, spec: RegisterSpec, what: string): void {
  const tol = spec.type === 'float32' ? Math.abs(expected) * 1e-6 + 1e-9 : resolution(spec, expected) / 2 + 1e-9;
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tol, `${what}: got ${actual}, expected ${expected} ± ${tol}`);
}

/** Every measurand the model maps is in the reading, equal to `expected` within the register's resolution. */
export function assertReading(r: MeterReading, expected: MeterReading, model: ModelFile): void {
  const m = model.measurands;
  near(r.energyImportWh, expected.energyImportWh, m.energy, `${model.model} energy`);
  if (m.energyExport) near(r.energyExportWh, expected.energyExportWh!, m.energyExport, `${model.model} energyExport`);
  if (m.power) near(r.powerW, expected.powerW!, m.power, `${model.model} power`);
  if (m.frequency) near(r.frequencyHz, expected.frequencyHz!, m.frequency, `${model.model} frequency`);
  for (const [key, rk] of [
    ['current', 'currentA'],
    ['voltage', 'voltageV'],
    ['powerPerPhase', 'powerPerPhaseW'],
  ] as const) {
    const map = m[key];
    if (!map) continue;
    for (const phase of ['L1', 'L2', 'L3'] as Phase[]) {
      const spec = map[phase];
      if (spec) near(r[rk]?.[phase], expected[rk]![phase]!, spec, `${model.model} ${key}.${phase}`);
      else assert.equal(r[rk]?.[phase], undefined);
    }
  }
}
