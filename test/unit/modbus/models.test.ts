import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { HalError } from '../../../hal/errors.js';
import { loadModel, modelFields, registerAddress, shippedModelNames, validateModel, type ModelFile } from '../../../hal/meters/model.js';
import { planModelReads } from '../../../hal/meters/read-plan.js';

const modelsDir = new URL('../../../hal/meters/models/', import.meta.url);
const files = readdirSync(modelsDir).filter((f) => f.endsWith('.json'));
const readJson = (f: string): ModelFile => JSON.parse(readFileSync(new URL(f, modelsDir), 'utf8')) as ModelFile;

function badConfig(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof HalError && e.code === 'BAD_CONFIG' && pattern.test(e.message));
}

describe('shipped meter models', () => {
  test('the expected models ship, plus the template', () => {
    assert.deepEqual(shippedModelNames(), [
      'abb-b23',
      'carlo-gavazzi-em24',
      'carlo-gavazzi-em340',
      'eastron-sdm120',
      'eastron-sdm230',
      'eastron-sdm630',
      'eastron-sdm72d-m-v2',
    ]);
    assert.ok(files.includes('template.json'));
  });

  for (const file of files) {
    test(`${file} validates against model.schema.json and the cross-field rules`, () => {
      const model = validateModel(readJson(file), file);
      assert.ok(model.source.length > 10);
      assert.ok(modelFields(model).some((f) => f.path === 'energy'));
      for (const block of planModelReads(model)) {
        assert.ok(block.count <= (model.limits?.maxRegistersPerRead ?? 125), `${file}: block of ${block.count}`);
      }
    });
  }

  for (const name of shippedModelNames()) {
    test(`${name}: per-phase maps match the phase count, and a read takes at most 4 requests`, () => {
      const model = loadModel(name);
      for (const key of ['current', 'voltage', 'powerPerPhase'] as const) {
        const map = model.measurands[key];
        if (!map) continue;
        assert.deepEqual(Object.keys(map).sort(), model.phases === 3 ? ['L1', 'L2', 'L3'] : ['L1']);
      }
      assert.ok(planModelReads(model).length <= 4, `${name}: ${planModelReads(model).length} requests`);
    });
  }

  test('single-phase Eastron meters share the SDM layout (V 0x0000, I 0x0006, P 0x000C, import 0x0048)', () => {
    for (const name of ['eastron-sdm120', 'eastron-sdm230']) {
      const m = loadModel(name);
      assert.equal(m.phases, 1);
      assert.equal(registerAddress(m.measurands.voltage!.L1), 0x0000);
      assert.equal(registerAddress(m.measurands.current!.L1), 0x0006);
      assert.equal(registerAddress(m.measurands.power!), 0x000c);
      assert.equal(registerAddress(m.measurands.energy), 0x0048);
    }
  });
});

describe('model validation rejects bad files', () => {
  const base = (): ModelFile => JSON.parse(JSON.stringify(loadModel('eastron-sdm630'))) as ModelFile;

  test('missing energy', () => {
    const m = base();
    delete (m.measurands as Partial<ModelFile['measurands']>).energy;
    badConfig(() => validateModel(m, 'x.json'), /energy/);
  });

  test('words that do not match the type', () => {
    const m = base();
    m.measurands.energy.words = 4;
    badConfig(() => validateModel(m, 'x.json'), /words/);
  });

  test('an energy register in amperes', () => {
    const m = base();
    m.measurands.energy.unit = 'A';
    badConfig(() => validateModel(m, 'x.json'), /unit/);
  });

  test('L2 on a single-phase model', () => {
    const m = base();
    m.phases = 1;
    badConfig(() => validateModel(m, 'x.json'), /single-phase model maps only L1/);
  });

  test('a three-phase model without L3', () => {
    const m = base();
    delete (m.measurands.current as Partial<Record<string, unknown>>).L3;
    badConfig(() => validateModel(m, 'x.json'), /L1, L2 and L3/);
  });

  test('a malformed hex address', () => {
    const m = base();
    m.measurands.energy.register = '0x12345';
    badConfig(() => validateModel(m, 'x.json'), /register/);
  });

  test('an unknown property (typo) is caught', () => {
    const m = base() as ModelFile & { measurands: Record<string, unknown> };
    m.measurands.energyy = m.measurands.energy;
    badConfig(() => validateModel(m, 'x.json'), /additional properties/);
  });

  test('a function code other than 3 or 4', () => {
    const m = base() as unknown as { functionCode: number };
    m.functionCode = 6;
    badConfig(() => validateModel(m, 'x.json'), /functionCode/);
  });

  test('unknown model names list the shipped ones; a path is a model file, read as one; other names are refused', () => {
    badConfig(() => loadModel('no-such-meter'), /available: abb-b23/);
    badConfig(() => loadModel('../model.schema'), /^cannot read meter model file \/.*\/model\.schema: ENOENT/);
    badConfig(() => loadModel('Model Schema'), /not a file name/);
  });
});
