import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfigValidator, ConfigError, ensureDirectory, loadConfigFile } from '../../../agent/config/load.js';
import { boardProfileUrl } from '../../../hal/linux/board-config.js';

const minimal = {
  chargePointId: 'CP-1',
  ocpp: { version: '1.6', csmsUrl: 'ws://127.0.0.1:9000/ocpp' },
  evses: [{ id: 1, maxCurrentA: 32, phases: 3 }, { id: 2, maxCurrentA: 32, phases: 3 }],
};

function problems(raw: unknown): { field: string; value: unknown; rule: string }[] {
  try {
    createConfigValidator()(raw);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('expected a ConfigError');
}

test('the example of the issue is valid and gets every default', () => {
  const c = createConfigValidator()({ ...minimal, dataDir: '/var/lib/chargerd', controlSocket: '/run/chargerd/control.sock', hal: { driver: 'sim' } });
  assert.equal(c.ocpp.callTimeoutS, 30);
  assert.equal(c.ocpp.securityProfile, 0);
  assert.equal(c.identity.vendor, 'chargerd');
  assert.equal(c.log.level, 'info');
  assert.equal(c.hal.sim.cableLingerMs, 2000);
  assert.equal(c.evses[1]!.connector, 'socket');
  assert.equal(c.meterFaultAction, 'stop');
});

test('a wrong value names the field, the value and the rule', () => {
  const p = problems({ ...minimal, evses: [{ id: 1, maxCurrentA: 100 }] });
  assert.deepEqual(p, [{ field: '/evses/0/maxCurrentA', value: 100, rule: 'must be <= 80 (maximum)' }]);
});

test('a missing field and an unknown field are both reported', () => {
  const p = problems({ chargePointId: 'CP-1', ocpp: {}, evses: [{ id: 1 }], colour: 'red' });
  const fields = p.map((x) => x.field).sort();
  assert.deepEqual(fields, ['/colour', '/ocpp/csmsUrl']);
  assert.match(p.find((x) => x.field === '/colour')!.rule, /not a known setting/);
});

test('enum errors list the allowed values', () => {
  const p = problems({ ...minimal, hal: { driver: 'gpio' } });
  assert.equal(p[0]!.field, '/hal/driver');
  assert.equal(p[0]!.value, 'gpio');
  assert.match(p[0]!.rule, /"sim", "linux"/);
});

test('EVSE ids must be consecutive from 1', () => {
  const p = problems({ ...minimal, evses: [{ id: 1 }, { id: 3 }] });
  assert.deepEqual(p, [{ field: '/evses/1/id', value: 3, rule: 'EVSE ids must be 1..n in order (expected 2)' }]);
});

test('security profiles 1 and 2 need a password, 2 and 3 need wss', () => {
  assert.equal(problems({ ...minimal, ocpp: { csmsUrl: 'ws://x/ocpp', securityProfile: 1 } })[0]!.field, '/ocpp/basicAuthPassword');
  assert.equal(problems({ ...minimal, ocpp: { csmsUrl: 'ws://x/ocpp', securityProfile: 3 } })[0]!.field, '/ocpp/csmsUrl');
});

test('the identity may not contain a colon or a slash', () => {
  assert.equal(problems({ ...minimal, chargePointId: 'CP:1' })[0]!.field, '/chargePointId');
});

test('the caller object is not modified', () => {
  const raw = structuredClone(minimal);
  createConfigValidator()(raw);
  assert.deepEqual(raw, minimal);
});

test('the linux driver needs a board profile; the sim driver takes none', () => {
  const p = problems({ ...minimal, hal: { driver: 'linux' } });
  assert.equal(p[0]!.field, '/hal/board');
  assert.equal(createConfigValidator()({ ...minimal, hal: { driver: 'linux', board: 'rpi-generic' } }).hal.driver, 'linux');
});

describe('loadConfigFile: the machine-dependent checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-cfg-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  function fileProblems(raw: Record<string, unknown>): { field: string; value: unknown; rule: string }[] {
    const file = join(dir, `config-${++n}.json`);
    writeFileSync(file, JSON.stringify({ ...minimal, dataDir: join(dir, `data-${n}`), controlSocket: join(dir, `run-${n}`, 'control.sock'), ...raw }));
    try {
      loadConfigFile(file);
    } catch (err) {
      assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
      assert.equal(err.file, file);
      return err.problems;
    }
    assert.fail('expected a ConfigError');
  }

  test('a dataDir under /proc names dataDir, the value and the reason (it used to hang in mkdir)', () => {
    const p = fileProblems({ dataDir: '/proc/chargerd-unit-x/data' });
    assert.deepEqual(p.map((x) => [x.field, x.value]), [['/dataDir', '/proc/chargerd-unit-x/data']]);
    assert.match(p[0]!.rule, /^cannot create directory \/proc\/chargerd-unit-x\/data: ENOENT/);
  });

  test('a dataDir below a regular file, and a controlSocket whose directory cannot be made', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, '');
    const p = fileProblems({ dataDir: join(file, 'data'), controlSocket: '/proc/chargerd-unit-y/control.sock' });
    assert.deepEqual(p.map((x) => [x.field, x.value]), [
      ['/dataDir', join(file, 'data')],
      ['/controlSocket', '/proc/chargerd-unit-y/control.sock'],
    ]);
    assert.match(p[0]!.rule, /ENOTDIR/);
    assert.match(p[1]!.rule, /^cannot create directory \/proc\/chargerd-unit-y: ENOENT/);
  });

  test('a missing dataDir and socket directory are created, nested', () => {
    const file = join(dir, 'ok.json');
    const dataDir = join(dir, 'a', 'b', 'data');
    writeFileSync(file, JSON.stringify({ ...minimal, dataDir, controlSocket: join(dir, 'run', 'x', 'control.sock') }));
    assert.equal(loadConfigFile(file).dataDir, dataDir);
    assert.ok(statSync(dataDir).isDirectory());
    assert.ok(statSync(join(dir, 'run', 'x')).isDirectory());
  });

  test('a schema error, a bad pin and a bad meter model are reported together, each with the value found', () => {
    const board = JSON.parse(readFileSync(boardProfileUrl('rpi-generic'), 'utf8'));
    board.evses[0].lock.feedback.line = 17; // the contactor's first output
    board.evses[0].rcd.test.line = 4096;
    board.evses[0].meter.model = 'acme-9000';
    const p = fileProblems({ hal: { driver: 'linux', board }, evses: [{ id: 1, maxCurrentA: 100, connector: 'socket' }] });
    const byField = new Map(p.map((x) => [x.field, x]));
    assert.deepEqual([...byField.keys()].sort(), [
      '/evses/0/maxCurrentA',
      '/hal/board/evses/0/lock/feedback/line',
      '/hal/board/evses/0/meter/model',
      '/hal/board/evses/0/rcd/test/line',
    ]);
    assert.equal(byField.get('/evses/0/maxCurrentA')!.value, 100);
    assert.equal(byField.get('/hal/board/evses/0/lock/feedback/line')!.value, 17);
    assert.match(byField.get('/hal/board/evses/0/lock/feedback/line')!.rule, /already used by \/evses\/0\/contactor\/outputs\/0/);
    assert.equal(byField.get('/hal/board/evses/0/rcd/test/line')!.value, 4096);
    assert.equal(byField.get('/hal/board/evses/0/meter/model')!.value, 'acme-9000');
    assert.match(byField.get('/hal/board/evses/0/meter/model')!.rule, /unknown meter model "acme-9000" \(available: /);
  });

  test('a board file: its problems name the file and the field inside it, with the value found', () => {
    const board = JSON.parse(readFileSync(boardProfileUrl('rpi-generic'), 'utf8'));
    board.evses[0].lock.feedback.line = 17;
    board.evses[0].meter.model = 'acme-9000';
    const boardFile = join(dir, 'board.json');
    writeFileSync(boardFile, JSON.stringify(board));
    const p = fileProblems({ hal: { driver: 'linux', board: boardFile }, evses: [{ id: 1, maxCurrentA: 100, connector: 'socket', phases: 3 }] });
    assert.deepEqual(p.map((x) => [x.field, x.value]), [
      ['/evses/0/maxCurrentA', 100],
      ['/hal/board', 17],
      ['/hal/board', 'acme-9000'],
    ]);
    assert.ok(p[1]!.rule.startsWith(`${boardFile} /evses/0/lock/feedback/line: line 17 is already used`), p[1]!.rule);
    assert.ok(p[2]!.rule.startsWith(`${boardFile} /evses/0/meter/model: unknown meter model`), p[2]!.rule);
  });

  test('the message lists every problem, one a line', () => {
    const file = join(dir, 'two.json');
    writeFileSync(file, JSON.stringify({ ...minimal, dataDir: '/proc/chargerd-unit-z', evses: [{ id: 1, maxCurrentA: 100 }] }));
    assert.throws(
      () => loadConfigFile(file),
      (err: unknown) =>
        err instanceof ConfigError &&
        /\(2 problems\):\n {2}\/evses\/0\/maxCurrentA: must be <= 80 \(maximum\) \(found 100\)\n {2}\/dataDir: cannot create directory/.test(err.message),
    );
  });
});

describe('ensureDirectory', () => {
  test('ends with the error where recursive mkdir would spin (/proc refuses a child with ENOENT)', () => {
    assert.throws(() => ensureDirectory('/proc/chargerd-unit-w/a/b'), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    assert.equal(existsSync('/proc/chargerd-unit-w'), false);
  });

  test('a dangling symlink in the path is an error, not a loop', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chargerd-dangling-'));
    try {
      symlinkSync(join(dir, 'nowhere'), join(dir, 'link'));
      assert.throws(() => ensureDirectory(join(dir, 'link', 'data')), (e: NodeJS.ErrnoException) => e.code === 'EEXIST');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Agent.start on such a dataDir rejects promptly (in a child process, so a spin fails the test instead of hanging it)', () => {
    const agentUrl = new URL('../../../agent/agent.js', import.meta.url).href;
    const loadUrl = new URL('../../../agent/config/load.js', import.meta.url).href;
    const logUrl = new URL('../../../agent/log.js', import.meta.url).href;
    const protocolsUrl = new URL('../../../profiles/index.js', import.meta.url).href;
    const script = `
      const { Agent } = await import(${JSON.stringify(agentUrl)});
      const { createConfigValidator } = await import(${JSON.stringify(loadUrl)});
      const { silentLogger } = await import(${JSON.stringify(logUrl)});
      const { PROTOCOLS } = await import(${JSON.stringify(protocolsUrl)});
      const config = createConfigValidator()({ chargePointId: 'CP-1', ocpp: { version: '1.6', csmsUrl: 'ws://127.0.0.1:9/ocpp' }, dataDir: '/proc/chargerd-unit-v', evses: [{ id: 1 }] });
      const agent = new Agent({ config, protocols: PROTOCOLS, log: silentLogger(), control: false });
      try { await agent.start(); console.log('started'); } catch (err) { console.log('rejected', err.code); }
      await agent.stop();`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 10_000, encoding: 'utf8' });
    assert.equal(r.signal, null, `the child did not end by itself within 10 s (killed with ${r.signal}): ${r.stderr}`);
    assert.equal(r.stdout.trim(), 'rejected ENOENT', r.stderr);
  });
});

describe('mqtt', () => {
  test('absent: off; present: defaults from the charge point id', () => {
    assert.equal(createConfigValidator()(minimal).mqtt, null);
    const m = createConfigValidator()({ ...minimal, mqtt: { url: 'mqtt://127.0.0.1:1883' } }).mqtt!;
    assert.deepEqual(m, { url: 'mqtt://127.0.0.1:1883', clientId: 'chargerd-CP-1', topicPrefix: 'chargerd/CP-1', homeAssistant: true, tls: { rejectUnauthorized: true }, qos: 1, keepaliveS: 30 });
  });

  test('url scheme, prefix wildcards, qos and a certificate without its key are refused', () => {
    const fields = problems({ ...minimal, mqtt: { url: 'http://x', topicPrefix: 'a/#', qos: 3, tls: { cert: '/c.pem' } } }).map((p) => p.field).sort();
    assert.deepEqual(fields, ['/mqtt/qos', '/mqtt/tls/key', '/mqtt/topicPrefix', '/mqtt/url']);
    for (const url of ['mqtts://h:8883', 'ws://h/mqtt', 'wss://h/mqtt']) assert.equal(createConfigValidator()({ ...minimal, mqtt: { url } }).mqtt!.url, url);
    assert.equal(problems({ ...minimal, mqtt: { url: 'mqtt://h', topicPrefix: '/lead' } })[0]!.field, '/mqtt/topicPrefix');
  });

  test('hal.dryRun without a board profile (driver sim) is refused, not silently ignored', () => {
    assert.deepEqual(problems({ ...minimal, hal: { driver: 'sim', dryRun: true } }).map((p) => p.field), ['/hal/dryRun']);
  });

  test('tls next to a URL without TLS is refused, not silently ignored', () => {
    for (const url of ['mqtt://h:1883', 'ws://h/mqtt']) {
      const p = problems({ ...minimal, mqtt: { url, tls: { ca: '/etc/ca.pem' } } });
      assert.deepEqual(p.map((x) => x.field), ['/mqtt/tls'], url);
      assert.match(p[0]!.rule, /does not use TLS \(use mqtts:\/\/ or wss:\/\//);
    }
    for (const url of ['mqtts://h:8883', 'wss://h/mqtt']) assert.equal(createConfigValidator()({ ...minimal, mqtt: { url, tls: { ca: '/etc/ca.pem' } } }).mqtt!.url, url);
  });
});

test('loadManagement: absent gives no site limit and no failsafe; given, it resolves with the schema defaults', () => {
  const none = createConfigValidator()(minimal);
  assert.deepEqual(none.loadManagement, { sharing: { limit: null, policy: 'equalShare', reallocate: true, rebalanceIntervalS: 10, marginA: 1 }, failsafe: null });
  const c = createConfigValidator()({ ...minimal, loadManagement: { siteLimitW: 22_000, policy: 'firstComeFirstServed', failsafe: { afterS: 300, limitA: 10 } } });
  assert.deepEqual(c.loadManagement, { sharing: { limit: { powerW: 22_000 }, policy: 'firstComeFirstServed', reallocate: true, rebalanceIntervalS: 10, marginA: 1 }, failsafe: { afterS: 300, limitA: 10 } });
});

test('loadManagement: both site limits, a look more often than the meter is read, a failsafe without its limit are each named', () => {
  const p = problems({ ...minimal, loadManagement: { siteLimitA: 40, siteLimitW: 20_000, rebalanceIntervalS: 5, policy: 'biggestFirst', failsafe: { afterS: 60 } } });
  const fields = p.map((x) => x.field).sort();
  assert.deepEqual(fields, ['/loadManagement/failsafe/limitA', '/loadManagement/policy', '/loadManagement/rebalanceIntervalS', '/loadManagement/siteLimitW']);
  assert.match(p.find((x) => x.field === '/loadManagement/siteLimitW')!.rule, /siteLimitA or siteLimitW, not both/);
});
