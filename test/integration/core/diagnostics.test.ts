/**
 * chargerctl logs, the OCPP frame trace, diagnostics bundle and config export/import against a running chargerd
 * that has a basic-auth password and an MQTT password configured: neither may appear in any output.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DemoCsms } from '../../../agent/demo/csms.js';
import { CHARGERCTL, StationProcess } from '../../support/station-process.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

const ID = 'CP-DIAG';
const BASIC_PW = 'Basic-Secret-4711-xyz';
const MQTT_PW = 'Mqtt-Secret-0815-abc';
const AUTH_KEY = 'AuthKey-Secret-1234-q';
const SECRETS = [BASIC_PW, MQTT_PW, AUTH_KEY];

function assertNoSecret(text: string, where: string): void {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${where} contains a configured secret`);
  assert.ok(!text.includes(Buffer.from(`${ID}:${BASIC_PW}`).toString('base64')), `${where} contains the basic-auth header`);
}

describe('logs, frame trace, diagnostics bundle, config export/import', { timeout: SUITE_TIMEOUT_MS }, () => {
  let csms: DemoCsms;
  let st: StationProcess;
  const tmp = mkdtempSync(join(tmpdir(), 'chargerd-diag-test-'));

  before(async () => {
    csms = new DemoCsms();
    const url = await csms.start();
    st = new StationProcess({
      csmsUrl: url,
      id: ID,
      evses: [{ id: 1, maxCurrentA: 16, phases: 1 }],
      extra: {
        ocpp: { version: '1.6', csmsUrl: url, securityProfile: 1, basicAuthPassword: BASIC_PW, reconnectMinS: 0.2, reconnectMaxS: 1, callTimeoutS: 5 },
        log: { level: 'info', frames: true },
        mqtt: { url: 'mqtt://127.0.0.1:1', username: 'u', password: MQTT_PW, keepaliveS: 30 },
      },
    }).start();
    await st.ready();
    await st.until('registered', (s) => s.registration === 'Accepted');
    // The CSMS sets a secret: the frame carrying it must be redacted in the trace.
    await csms.call(ID, 'ChangeConfiguration', { key: 'AuthorizationKey', value: AUTH_KEY });
  });

  after(async () => {
    await st?.stop();
    await csms?.stop();
    st?.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('frame trace: every frame in and out on module ocpp:frames, one module key per line, no secret', async () => {
    const lines = st.output.split('\n').filter((l) => l.startsWith('{'));
    for (const l of lines) assert.ok((l.match(/"module":/g) ?? []).length <= 1, `one module key: ${l}`);
    assertNoSecret(st.output, "chargerd's output");
    const frames = lines.map((l) => JSON.parse(l)).filter((o) => o.module === 'ocpp:frames');
    const boot = frames.find((f) => f.dir === 'out' && f.frame.includes('"BootNotification"'));
    assert.ok(boot, 'the BootNotification CALL is traced');
    assert.equal(typeof boot.time, 'string');
    assert.ok(frames.some((f) => f.dir === 'in' && JSON.parse(f.frame)[0] === 3), 'a CALLRESULT received is traced');
    const cc = frames.find((f) => f.dir === 'in' && f.frame.includes('ChangeConfiguration'));
    assert.ok(cc, 'the inbound ChangeConfiguration is traced');
    assert.deepEqual(JSON.parse(cc.frame)[3], { key: 'AuthorizationKey', value: '[redacted]' });
  });

  test('logs: the agent ring (no journal here), --json, --since', async () => {
    const text = await st.ok('logs');
    assert.match(text, /"msg":"chargerd started"/);
    assertNoSecret(text, 'chargerctl logs');
    const j = JSON.parse(await st.ok('logs', '--json'));
    assert.equal(j.source, 'ring');
    assert.ok(j.lines.length > 0 && typeof j.lines[0].seq === 'number' && typeof j.lines[0].line === 'string');
    const recent = JSON.parse(await st.ok('logs', '--since', '1h', '--json'));
    assert.equal(recent.lines.length, j.lines.length);
    const future = JSON.parse(await st.ok('logs', '--since', '2999-01-01T00:00:00Z', '--json'));
    assert.deepEqual(future.lines, []);
    const bad = await st.ctl(['logs', '--since', 'yesterday']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--since must be like 10m, 1h, 2d or an ISO 8601 time, got 'yesterday'/);
  });

  test('logs --follow prints lines logged after it started', async () => {
    const p = spawn(process.execPath, [CHARGERCTL, '--socket', st.socket, 'logs', '--follow'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const seen = new Promise<void>((resolve) => {
      p.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        // The frame trace logs the StatusNotification the plug causes.
        if (/StatusNotification.*Preparing/.test(out)) resolve();
      });
    });
    // Wait for the first batch, so the plug happens after the follow started.
    await new Promise<void>((resolve) => p.stdout.once('data', () => resolve()));
    const before = out.length;
    await st.ok('sim', 'plug', '1');
    await seen;
    assert.ok(out.length > before);
    p.kill('SIGTERM');
    await new Promise((r) => p.on('exit', r));
    await st.ok('sim', 'unplug', '1');
  });

  test('diagnostics bundle: one tar.gz with every part, no configured secret in any file', async () => {
    const file = join(tmp, 'bundle.tar.gz');
    const r = await st.ctl(['diagnostics', 'bundle', '--out', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Wrote ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    const dir = join(tmp, 'unpacked');
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('tar', ['-xzf', file, '-C', dir]);
    const [top] = readdirSync(dir);
    assert.match(top!, new RegExp(`^chargerd-diag-${ID}-\\d{8}T\\d{6}Z$`));
    const root = join(dir, top!);
    const names = readdirSync(root).sort();
    assert.deepEqual(names, ['board-probe.json', 'config.json', 'database.json', 'log-source.json', 'logs.jsonl', 'ocpp-keys.json', 'status.json', 'versions.json']);
    for (const n of names) assertNoSecret(readFileSync(join(root, n), 'utf8'), `bundle file ${n}`);
    const read = (n: string) => JSON.parse(readFileSync(join(root, n), 'utf8'));
    const cfg = read('config.json');
    assert.equal(cfg.ocpp.basicAuthPassword, '[redacted]');
    assert.equal(cfg.mqtt.password, '[redacted]');
    assert.equal(cfg.chargePointId, ID);
    const db = read('database.json');
    assert.deepEqual(db.integrityCheck, ['ok']);
    assert.equal(typeof db.tables, 'object');
    assert.ok(Object.keys(db.tables).length > 0);
    assert.equal(db.queue.depth, 0);
    assert.equal(db.openTransactions, 0);
    const v = read('versions.json');
    assert.equal(v.node, process.version);
    assert.match(v.sqlite, /^3\./);
    assert.match(v.betterSqlite3, /^\d+\./);
    assert.equal(typeof v.os.release, 'string');
    assert.equal(read('status.json').registration, 'Accepted');
    assert.equal(read('board-probe.json').driver, 'sim');
    assert.ok(readFileSync(join(root, 'logs.jsonl'), 'utf8').includes('chargerd started'));
  });

  test('diagnostics bundle without --out: named after the station and the UTC time, in the current directory', async () => {
    const cwd = mkdtempSync(join(tmp, 'cwd-'));
    const out = execFileSync(process.execPath, [CHARGERCTL, '--socket', st.socket, 'diagnostics', 'bundle'], { cwd, encoding: 'utf8' });
    const [f] = readdirSync(cwd);
    assert.match(f!, new RegExp(`^chargerd-diag-${ID}-\\d{8}T\\d{6}Z\\.tar\\.gz$`));
    assert.ok(out.includes(join(cwd, f!)), 'the file name is printed');
  });

  test('config export: OCPP keys and agent settings, secrets left out; --out writes the same', async () => {
    const text = await st.ok('config', 'export');
    assertNoSecret(text, 'config export');
    const x = JSON.parse(text);
    assert.equal(x.format, 'chargerd-config/1');
    assert.equal(x.ocppVersion, '1.6');
    assert.equal(x.ocppKeys.HeartbeatInterval, '300');
    assert.equal(x.readOnlyKeys.NumberOfConnectors, '1');
    // The secrets this station has (none among the 1.6 keys it implements; 2.0.1 lists SecurityCtrlr.BasicAuthPassword).
    assert.deepEqual(x.writeOnlyKeys, []);
    assert.equal(x.agent.ocpp.basicAuthPassword, '[redacted]');
    const file = join(tmp, 'export.json');
    await st.ok('config', 'export', '--out', file);
    assert.deepEqual({ ...JSON.parse(readFileSync(file, 'utf8')), exportedAt: 0 }, { ...x, exportedAt: 0 });
  });

  test('config import: one invalid value refuses the whole file, with each key and reason; nothing applied', async () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify({ ocppKeys: { HeartbeatInterval: '120', MeterValueSampleInterval: 'often', NoSuchKey: '1' }, readOnlyKeys: { NumberOfConnectors: '7' } }));
    const r = await st.ctl(['config', 'import', file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Nothing applied: 3 refused/);
    assert.match(r.stdout, /MeterValueSampleInterval: MeterValueSampleInterval: "often" is not an integer/);
    assert.match(r.stdout, /NoSuchKey: unknown key NoSuchKey/);
    assert.match(r.stdout, /NumberOfConnectors: NumberOfConnectors is read-only/);
    assert.match(r.stderr, /config import refused: MeterValueSampleInterval, NoSuchKey, NumberOfConnectors/);
    const hb = JSON.parse(await st.ok('config', 'get', 'HeartbeatInterval', '--json'));
    assert.equal(hb.keys[0].value, '300', 'the valid HeartbeatInterval of the refused file was not applied');
    const secret = join(tmp, 'secret.json');
    writeFileSync(secret, JSON.stringify({ ocppKeys: { AuthorizationKey: 'x'.repeat(20) } }));
    const s = await st.ctl(['config', 'import', secret, '--json']);
    assert.equal(s.code, 1);
    assert.match(JSON.parse(s.stdout).problems[0].reason, /write-only/);
    const other = join(tmp, 'other-version.json');
    writeFileSync(other, JSON.stringify({ ocppVersion: '2.0.1', ocppKeys: { HeartbeatInterval: '120' } }));
    const v = await st.ctl(['config', 'import', other, '--json']);
    assert.equal(v.code, 1);
    assert.deepEqual(JSON.parse(v.stdout).problems, [{ key: 'ocppVersion', reason: 'exported from an OCPP 2.0.1 station; this one speaks OCPP 1.6' }]);
  });

  test('config import: an export imports back; a changed value is applied through ChangeConfiguration validation', async () => {
    const file = join(tmp, 'good.json');
    const x = JSON.parse(await st.ok('config', 'export'));
    x.ocppKeys.HeartbeatInterval = '120';
    x.ocppKeys.MessageTimeout = '40';
    writeFileSync(file, JSON.stringify(x));
    const r = await st.ctl(['config', 'import', file]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /Applied: 2 changed \(HeartbeatInterval, MessageTimeout\)/);
    assert.match(r.stdout, /Takes effect after a reset: MessageTimeout/);
    assert.match(r.stdout, /Not applied \(edit the config file\): agent/);
    const res = await csms.call(ID, 'GetConfiguration', { key: ['HeartbeatInterval'] });
    assert.equal(res.configurationKey[0].value, '120');
    const again = await st.ctl(['config', 'import', file, '--json']);
    assert.equal(JSON.parse(again.stdout).changed.length, 0);
  });
});
