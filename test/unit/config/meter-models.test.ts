/**
 * Meter models outside the package, with real files: a board meter's `model` names a model file (absolute, or
 * relative to the file that names it) or a model in the models directory (hal.meterModelsDir). Each file is held
 * to the built-in models' schema, and its problems come in the config's one report, naming the file, the field
 * inside it and the reason.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfigFile } from '../../../agent/config/load.js';
import { resolveBoard } from '../../../agent/hal-linux-board.js';
import { boardProfileUrl } from '../../../hal/linux/board-config.js';
import { DEFAULT_MODELS_DIR, loadModel, modelUrl, type ModelFile } from '../../../hal/meters/model.js';

const dir = mkdtempSync(join(tmpdir(), 'chargerd-models-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const builtIn = (name: string): ModelFile => JSON.parse(readFileSync(modelUrl(name), 'utf8')) as ModelFile;
/** A manufacturer's own three-phase map: the SDM630 layout under another name, so it is told apart from the built-in. */
const acme = (): ModelFile => ({ ...builtIn('eastron-sdm630'), model: 'ACME 3000', vendor: 'ACME' });

const board = (model: string): Record<string, unknown> => {
  const b = JSON.parse(readFileSync(boardProfileUrl('rpi-generic'), 'utf8'));
  b.evses[0].meter.model = model;
  return b;
};

let n = 0;
/** Writes a linux config (in its own directory, with its own data dir) and returns its path. */
function writeConfig(hal: Record<string, unknown>, extra: Record<string, unknown> = {}, where = join(dir, `site-${++n}`)): string {
  mkdirSync(where, { recursive: true });
  const file = join(where, 'chargerd.json');
  const config = {
    chargePointId: 'CP-1',
    ocpp: { version: '1.6', csmsUrl: 'ws://127.0.0.1:9000/ocpp' },
    dataDir: join(where, 'data'),
    controlSocket: join(where, 'run', 'control.sock'),
    evses: [{ id: 1, maxCurrentA: 32, phases: 3, connector: 'socket' }],
    hal: { driver: 'linux', ...hal },
    ...extra,
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

function problemsOf(file: string): { field: string; value: unknown; rule: string }[] {
  try {
    loadConfigFile(file);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems;
  }
  assert.fail('expected a ConfigError');
}

const meterModelOf = (file: string): string => {
  const c = loadConfigFile(file);
  return resolveBoard(c.hal.board, { configFile: file, ...(c.hal.meterModelsDir ? { modelsDir: c.hal.meterModelsDir } : {}) }).board.evses[0]!.meter.model;
};

describe('meter models outside the package', () => {
  test('an absolute model file path: valid, and the resolved board names that file', () => {
    const file = join(dir, 'acme-abs.json');
    writeFileSync(file, JSON.stringify(acme()));
    const config = writeConfig({ board: board(file) });
    assert.equal(meterModelOf(config), file);
    assert.equal(loadModel(file).vendor, 'ACME');
  });

  test("a relative path in an inline board starts at the config file's directory, not the working directory", () => {
    const site = join(dir, 'rel-inline');
    mkdirSync(join(site, 'meters'), { recursive: true });
    writeFileSync(join(site, 'meters', 'acme.json'), JSON.stringify(acme()));
    const config = writeConfig({ board: board('meters/acme.json') }, {}, site);
    assert.equal(meterModelOf(config), join(site, 'meters', 'acme.json'));
  });

  test("a relative path in a board file starts at the board file's directory", () => {
    const boards = join(dir, 'boards');
    mkdirSync(join(boards, 'meters'), { recursive: true });
    writeFileSync(join(boards, 'meters', 'acme.json'), JSON.stringify(acme()));
    const boardFile = join(boards, 'acme-board.json');
    writeFileSync(boardFile, JSON.stringify(board('./meters/acme.json')));
    assert.equal(meterModelOf(writeConfig({ board: boardFile })), join(boards, 'meters', 'acme.json'));
  });

  test('a name in hal.meterModelsDir (relative to the config) is found, and wins over a built-in of that name', () => {
    const site = join(dir, 'models-dir');
    mkdirSync(join(site, 'meters'), { recursive: true });
    writeFileSync(join(site, 'meters', 'acme-3000.json'), JSON.stringify(acme()));
    writeFileSync(join(site, 'meters', 'eastron-sdm630.json'), JSON.stringify({ ...builtIn('eastron-sdm630'), notes: 'corrected by the manufacturer' }));
    assert.equal(meterModelOf(writeConfig({ board: board('acme-3000'), meterModelsDir: 'meters' }, {}, site)), join(site, 'meters', 'acme-3000.json'));
    const config = writeConfig({ board: board('eastron-sdm630'), meterModelsDir: join(site, 'meters') });
    assert.equal(meterModelOf(config), join(site, 'meters', 'eastron-sdm630.json'));
    // chargerctl hands over the config file only (hal probe --offline, safe-state): the directory is read from it.
    assert.equal(resolveBoard(board('acme-3000'), { configFile: writeConfig({ board: board('acme-3000'), meterModelsDir: join(site, 'meters') }) }).board.evses[0]!.meter.model, join(site, 'meters', 'acme-3000.json'));
  });

  test('without a models directory a built-in name stays a built-in; the default directory is /etc/chargerd/meters', () => {
    const config = writeConfig({ board: board('eastron-sdm630') });
    assert.equal(loadConfigFile(config).hal.meterModelsDir, DEFAULT_MODELS_DIR);
    assert.equal(DEFAULT_MODELS_DIR, '/etc/chargerd/meters');
    assert.equal(meterModelOf(config), 'eastron-sdm630');
    const p = problemsOf(writeConfig({ board: board('acme-9000') }));
    assert.equal(p.length, 1);
    assert.equal(p[0]!.field, '/hal/board/evses/0/meter/model');
    assert.match(p[0]!.rule, /unknown meter model "acme-9000" \(available: abb-b23, .*; \/etc\/chargerd\/meters: /);
  });

  test('an invalid model file: every problem names the file, the field inside it and the reason, with the other config errors', () => {
    const bad = acme() as unknown as { measurands: Record<string, Record<string, unknown>>; phases: unknown; functionCode: unknown };
    bad.measurands.power!.scale = 'x';
    bad.functionCode = 6;
    const file = join(dir, 'acme-bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const p = problemsOf(writeConfig({ board: board(file) }, { evses: [{ id: 1, maxCurrentA: 100, phases: 3, connector: 'socket' }] }));
    assert.deepEqual(p.map((x) => x.field).sort(), ['/evses/0/maxCurrentA', '/hal/board/evses/0/meter/model', '/hal/board/evses/0/meter/model']);
    const rules = p.filter((x) => x.field === '/hal/board/evses/0/meter/model').map((x) => x.rule);
    assert.ok(rules.every((r) => r.startsWith(`${file} /`)), rules.join('\n'));
    assert.ok(rules.some((r) => r === `${file} /functionCode: must be equal to one of the allowed values`), rules.join('\n'));
    assert.ok(rules.some((r) => r === `${file} /measurands/power/scale: must be number`), rules.join('\n'));
    // The rules a schema cannot express hold for files too (checked once the schema passes).
    bad.functionCode = 3;
    bad.measurands.power!.scale = 1;
    delete bad.measurands.current!.L3;
    writeFileSync(file, JSON.stringify(bad));
    const q = problemsOf(writeConfig({ board: board(file) }));
    assert.deepEqual(q.map((x) => [x.field, x.rule, x.value]), [['/hal/board/evses/0/meter/model', `${file} /measurands/current: a three-phase model maps L1, L2 and L3`, ['L1', 'L2']]]);
  });

  test('a model file in a board file is named with the board file and the meter field', () => {
    const file = join(dir, 'acme-1p.json');
    writeFileSync(file, JSON.stringify({ ...builtIn('eastron-sdm120'), model: 'ACME 1000' }));
    const boardFile = join(dir, 'board-1p.json');
    writeFileSync(boardFile, JSON.stringify(board(file)));
    const p = problemsOf(writeConfig({ board: boardFile }));
    assert.deepEqual(p.map((x) => [x.field, x.value]), [['/evses/0/phases', 3]]);
    assert.match(p[0]!.rule, /EVSE 1 is three-phase but its meter \(.*acme-1p\.json\) measures one phase/);
  });

  test('a model file that is missing or not JSON, and a name that is no file name', () => {
    const missing = join(dir, 'nope', 'acme.json');
    const notJson = join(dir, 'acme-broken.json');
    writeFileSync(notJson, '{ "model": ');
    for (const [ref, pattern] of [
      [missing, new RegExp(`^cannot read meter model file ${missing}: ENOENT`)],
      [notJson, new RegExp(`^meter model ${notJson} is not JSON: `)],
      ['Acme 3000', /meter model name "Acme 3000" is not a file name/],
    ] as const) {
      const p = problemsOf(writeConfig({ board: board(ref) }));
      assert.deepEqual(p.map((x) => [x.field, x.value]), [['/hal/board/evses/0/meter/model', ref]]);
      assert.match(p[0]!.rule, pattern);
    }
  });
});
