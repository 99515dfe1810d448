/**
 * Meter models outside the package: a path (absolute, or relative to the config file's directory) or NAME.json in
 * a models directory, held to the built-in models' schema; and the config loader reporting a bad model file with
 * its file, field and reason among the other config errors. Real files in a temporary directory.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel, locateModel } from '../../../hal/meters/model.js';
import { ConfigError, loadConfigFile } from '../../../agent/config/load.js';

const builtIn = JSON.parse(readFileSync(new URL('../../../hal/meters/models/eastron-sdm630.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('meter models from files and a models directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-models-'));
  const modelsDir = join(dir, 'meters');
  mkdirSync(modelsDir);
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('an absolute path, a path relative to baseDir, and NAME.json in the models directory load', () => {
    writeFileSync(join(modelsDir, 'acme-m1.json'), JSON.stringify({ ...builtIn, model: 'ACME M1' }));
    assert.equal(loadModel(join(modelsDir, 'acme-m1.json')).model, 'ACME M1');
    assert.equal(loadModel('meters/acme-m1.json', { baseDir: dir }).model, 'ACME M1');
    assert.equal(loadModel('acme-m1', { modelsDir }).model, 'ACME M1');
    assert.equal(locateModel('acme-m1', { modelsDir }).file, join(modelsDir, 'acme-m1.json'));
  });

  test('the models directory wins over a built-in of the same name; without it the built-in loads', () => {
    writeFileSync(join(modelsDir, 'eastron-sdm630.json'), JSON.stringify({ ...builtIn, notes: 'site copy' }));
    assert.equal(loadModel('eastron-sdm630', { modelsDir }).notes, 'site copy');
    assert.notEqual(loadModel('eastron-sdm630', { modelsDir: join(dir, 'none') }).notes, 'site copy');
  });

  test('a file is checked against the same schema: every problem with the file and the field', () => {
    const bad = structuredClone(builtIn) as { phases: number; measurands: { energy: { words: number } } };
    bad.phases = 2;
    bad.measurands.energy.words = 3;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    assert.throws(() => loadModel(file), (err: Error) => {
      assert.match(err.message, new RegExp(`meter model ${file} is invalid`));
      assert.match(err.message, /\/phases: /);
      assert.match(err.message, /\/measurands\/energy\/words: /);
      return true;
    });
    writeFileSync(join(dir, 'broken.json'), '{ nope');
    assert.throws(() => loadModel(join(dir, 'broken.json')), /broken\.json is not JSON/);
    assert.throws(() => loadModel(join(dir, 'missing.json')), /cannot read meter model file .*missing\.json: ENOENT/);
    assert.throws(() => loadModel('no-such-model', { modelsDir }), /unknown meter model "no-such-model" .*or put no-such-model\.json in /);
  });

  test('chargerd config: a bad model file is reported with the other config errors, relative to the config file', () => {
    const board = {
      driver: 'linux',
      gpio: { backend: 'fake' },
      evses: [
        {
          id: 1,
          connector: 'cable',
          contactor: { outputs: [{ line: 17 }] },
          pilot: { pwm: { chip: 0, channel: 0 }, adc: { device: 'iio:device0', channel: 0, gain: 7.27, offsetV: -12 } },
          meter: { kind: 'modbus-tcp', host: '127.0.0.1', port: 502, model: 'bad.json', unitId: 1 },
        },
      ],
    };
    const config = { chargePointId: 'CP-1', ocpp: { csmsUrl: 'ws://127.0.0.1:9/ocpp', callTimeoutS: -1 }, dataDir: join(dir, 'data'), controlSocket: join(dir, 'ctl.sock'), hal: { driver: 'linux', board }, evses: [{ id: 1, connector: 'cable' }] };
    const cfgFile = join(dir, 'config.json');
    writeFileSync(cfgFile, JSON.stringify(config));
    assert.throws(() => loadConfigFile(cfgFile), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      const text = err.message;
      assert.match(text, /\/ocpp\/callTimeoutS/, 'the other config errors are there too');
      assert.match(text, new RegExp(`${join(dir, 'bad.json').replaceAll('/', '\\/')} \\/phases`));
      assert.match(text, /\/hal\/board\/evses\/0\/meter\/model/);
      return true;
    });
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(builtIn));
    config.ocpp.callTimeoutS = 30;
    writeFileSync(cfgFile, JSON.stringify(config));
    assert.equal(loadConfigFile(cfgFile).hal.modelBaseDir, dir);
  });
});
