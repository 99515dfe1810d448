/**
 * The real `chargerctl` against the real chargerd process: output, JSON shape, exit codes (0 done, 1 the agent
 * failed or refused, 2 bad usage, 3 no agent) and its effects seen from the CSMS side.
 */
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DemoCsms } from '../../../agent/demo/csms.js';
import type { StationProcess } from '../../support/station-process.js';
import { runCtl } from '../../support/run-ctl.js';
import { assertValidFrames, getKey as getKeyOf, rig, type Rig } from './harness.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

const ID = 'CP-CTL';

describe('chargerctl against a running chargerd', { timeout: SUITE_TIMEOUT_MS }, () => {
  let rg: Rig;
  // Short names for rg.csms and rg.st; rg, not r: the tests use r for chargerctl results.
  let csms: DemoCsms;
  let st: StationProcess;

  const getKey = async (key: string) => (await getKeyOf(rg, key))!;

  before(async () => {
    rg = await rig(ID, {
      evses: [
        { id: 1, maxCurrentA: 32, phases: 3, connector: 'socket' },
        { id: 2, maxCurrentA: 16, phases: 1, connector: 'socket' },
      ],
    });
    ({ csms, st } = rg);
    await csms.waitFor('BootNotification');
    for (const c of [0, 1, 2]) await csms.waitFor('StatusNotification', (p) => p.connectorId === c);
    await st.until('registered', (s) => s.registration === 'Accepted');
  });

  after(async () => {
    await rg?.close();
  });

  afterEach(() => assertValidFrames(rg));

  test('status: header and a table row per EVSE', async () => {
    const r = await st.ctl(['status']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Charge point\s+CP-CTL \(OCPP 1\.6\)$/m);
    assert.match(r.stdout, new RegExp(`^Connection\\s+open\\s+${csms.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
    assert.match(r.stdout, /^Registration\s+Accepted$/m);
    assert.match(r.stdout, /^Queue\s+empty$/m);
    assert.match(r.stdout, /^EVSE\s+STATUS\s+ERROR\s+PILOT\s+RELAY\s+OFFERED A/m);
    assert.match(r.stdout, /^1\s+Available\s+-\s+A\s+open\s+0\s/m);
    assert.match(r.stdout, /^2\s+Available\s+-\s+A\s+open\s+0\s/m);
  });

  test('status --json: evses[].{id,status,relayClosed,offeredCurrentA,transaction}, connection.state, queue.depth', async () => {
    const s = JSON.parse(await st.ok('status', '--json'));
    assert.equal(s.chargePointId, ID);
    assert.equal(s.connection.state, 'open');
    assert.equal(s.registration, 'Accepted');
    assert.equal(s.queue.depth, 0);
    assert.deepEqual(
      s.evses.map((e: any) => ({ id: e.id, status: e.status, relayClosed: e.relayClosed, offeredCurrentA: e.offeredCurrentA, transaction: e.transaction })),
      [
        { id: 1, status: 'Available', relayClosed: false, offeredCurrentA: 0, transaction: null },
        { id: 2, status: 'Available', relayClosed: false, offeredCurrentA: 0, transaction: null },
      ],
    );
  });

  test('a session driven by chargerctl sim commands shows in status and reaches the CSMS', async () => {
    const mark = csms.records.length;
    await st.ok('sim', 'plug', '2');
    await st.until('Preparing', (s) => s.evses[1].status === 'Preparing' && s.evses[1].pilotState === 'B');
    await st.ok('sim', 'tag', '2', 'CTL-CARD');
    const start = await csms.waitFor('StartTransaction', (p) => p.connectorId === 2 && p.idTag === 'CTL-CARD', 10_000, mark);
    const s = await st.until('charging, confirmed', (s) => s.evses[1].status === 'Charging' && typeof s.evses[1].transaction?.csmsId === 'string');
    const e = s.evses[1];
    assert.equal(e.relayClosed, true);
    assert.ok(e.offeredCurrentA > 0 && e.offeredCurrentA <= 16, `offered ${e.offeredCurrentA} A within the EVSE's 16 A`);
    assert.equal(e.transaction.idTag, 'CTL-CARD');
    assert.equal(typeof e.transaction.localId, 'string');
    assert.ok(!Number.isNaN(Date.parse(e.transaction.startedAt)));
    assert.equal((start.payload as any).connectorId, 2);
    const table = await st.ok('status');
    assert.match(table, new RegExp(`^2\\s+Charging\\s+-\\s+C\\s+closed\\s+\\d+(\\.\\d)?\\s+\\S+\\s+${e.transaction.csmsId}\\s+CTL-CARD\\s`, 'm'));

    await st.ok('sim', 'ev', '2', 'pause');
    await st.until('SuspendedEV', (s) => s.evses[1].status === 'SuspendedEV' && s.evses[1].relayClosed === false);
    await st.ok('sim', 'ev', '2', 'charge');
    await st.until('Charging again', (s) => s.evses[1].status === 'Charging');

    await st.ok('sim', 'tag', '2', 'CTL-CARD');
    await csms.waitFor('StopTransaction', (p) => p.transactionId === Number(e.transaction.csmsId), 10_000, mark);
    await st.ok('sim', 'unplug', '2');
    const idle = await st.until('Available', (s) => s.evses[1].status === 'Available');
    assert.equal(idle.evses[1].transaction, null);
    assert.equal(idle.evses[1].relayClosed, false);
    await st.until('queue drained', (s) => s.queue.depth === 0);
  });

  test('sim fault and sim clear: Faulted with the error code, reported to the CSMS, then Available', async () => {
    let mark = csms.records.length;
    const r = await st.ctl(['sim', 'fault', '1', 'rcd']);
    assert.equal(r.code, 0, r.stderr);
    await csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Faulted' && p.errorCode === 'GroundFailure', 10_000, mark);
    const e = await st.evse(1);
    assert.equal(e.status, 'Faulted');
    assert.equal(e.errorCode, 'GroundFailure');
    assert.match(await st.ok('status'), /^1\s+Faulted\s+GroundFailure\s/m);
    mark = csms.records.length;
    await st.ok('sim', 'clear', '1');
    await csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available' && p.errorCode === 'NoError', 10_000, mark);
  });

  test('unlock N: a connector-lock fault is recovered by the technician, without the CSMS (issue 7)', async () => {
    await st.ok('sim', 'fault', '1', 'lock');
    await st.ok('sim', 'plug', '1');
    await st.ok('sim', 'tag', '1', 'LOCKFAIL');
    await st.until('Faulted ConnectorLockFailure', (s) => s.evses[0].status === 'Faulted' && s.evses[0].errorCode === 'ConnectorLockFailure');
    // Still jammed: unlock fails and says so (exit 1).
    const jammed = await st.ctl(['unlock', '1']);
    assert.equal(jammed.code, 1, jammed.stdout);
    assert.match(jammed.stderr, /the lock did not release/);
    // The technician frees the pin: unlock releases it and the fault clears.
    await st.ok('sim', 'clear', '1');
    const r = await st.ctl(['unlock', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /EVSE 1: Unlocked/);
    await st.until('Preparing, no fault', (s) => s.evses[0].status === 'Preparing' && s.evses[0].errorCode === 'NoError');
    const mark = csms.records.length;
    await st.ok('sim', 'tag', '1', 'LOCKFAIL');
    await csms.waitFor('StartTransaction', (p) => p.connectorId === 1 && p.idTag === 'LOCKFAIL', 10_000, mark);
    await st.ok('sim', 'tag', '1', 'LOCKFAIL');
    await st.ok('sim', 'unplug', '1');
    await st.until('Available', (s) => s.evses[0].status === 'Available' && s.evses[0].transaction === null);
  });

  test('config get KEY, config get (all), unknown key exits 1', async () => {
    const one = await st.ctl(['config', 'get', 'HeartbeatInterval']);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /^KEY\s+VALUE\s+ACCESS$/m);
    assert.match(one.stdout, /^HeartbeatInterval\s+300\s+RW$/m);
    assert.equal(one.stdout.trim().split('\n').length, 2, 'header and one row');

    const all = await st.ctl(['config', 'get']);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /^NumberOfConnectors\s+2\s+RO$/m);
    assert.match(all.stdout, /^MessageTimeout\s+\d+\s+RW \(reboot\)$/m);
    assert.match(all.stdout, /^MeterValueSampleInterval\s+1\s+RW$/m);

    const unknown = await st.ctl(['config', 'get', 'NoSuchKey']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown configuration key: NoSuchKey/);
  });

  test('config set: Accepted (exit 0, visible to the CSMS), Rejected / NotSupported / read-only (exit 1, nothing changed)', async () => {
    const ok = await st.ctl(['config', 'set', 'BlinkRepeat', '8']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /BlinkRepeat: Accepted/);
    assert.deepEqual(await getKey('BlinkRepeat'), { key: 'BlinkRepeat', readonly: false, value: '8' });

    const rejected = await st.ctl(['config', 'set', 'BlinkRepeat', 'many']);
    assert.equal(rejected.code, 1);
    assert.match(rejected.stderr, /config set BlinkRepeat: Rejected/);
    assert.equal((await getKey('BlinkRepeat')).value, '8');

    const negativePing = await st.ctl(['config', 'set', 'WebSocketPingInterval', '-5']);
    assert.equal(negativePing.code, 1);
    assert.match(negativePing.stderr, /Rejected/);

    const notSupported = await st.ctl(['config', 'set', 'NoSuchKey', '1']);
    assert.equal(notSupported.code, 1);
    assert.match(notSupported.stderr, /config set NoSuchKey: NotSupported/);

    const readOnly = await st.ctl(['config', 'set', 'NumberOfConnectors', '4']);
    assert.equal(readOnly.code, 1);
    assert.match(readOnly.stderr, /config set NumberOfConnectors: Rejected/);
    assert.equal((await getKey('NumberOfConnectors')).value, '2');

    const reboot = await st.ctl(['config', 'set', 'MessageTimeout', '20']);
    assert.equal(reboot.code, 0, reboot.stderr);
    assert.match(reboot.stdout, /RebootRequired/);

    const json = await st.ctl(['--json', 'config', 'set', 'BlinkRepeat', '2']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), { status: 'Accepted' });
    assert.equal((await getKey('BlinkRepeat')).value, '2');
  });

  test('bad usage exits 2 with a message and changes nothing', async () => {
    const cases: string[][] = [
      ['frobnicate'],
      ['config'],
      ['config', 'delete', 'X'],
      ['config', 'set', 'BlinkRepeat'],
      ['config', 'get', 'A', 'B'],
      ['status', 'extra'],
      ['status', '--bogus'],
      ['sim', 'plug'],
      ['sim', 'plug', 'x'],
      ['sim', 'plug', '0'],
      ['sim', 'fault', '1', 'fire'],
      ['sim', 'ev', '1', 'fly'],
      ['sim', 'tag', '1', 'X'.repeat(21)],
      ['sim', 'unplug', '1', '--keep'],
    ];
    for (const args of cases) {
      const r = await st.ctl(args);
      assert.equal(r.code, 2, `chargerctl ${args.join(' ')} → ${r.code} ${r.stderr}`);
      assert.match(r.stderr, /^chargerctl: .+/, `chargerctl ${args.join(' ')} explains`);
      assert.equal(r.stdout, '');
    }
    const s = await st.status();
    assert.deepEqual(s.evses.map((e: any) => [e.status, e.pilotState]), [['Available', 'A'], ['Available', 'A']]);
  });

  test('an EVSE the station does not have: non-zero exit, clear message', async () => {
    for (const args of [['sim', 'fault', '9', 'rcd'], ['sim', 'plug', '9'], ['sim', 'tag', '3', 'CARD']]) {
      const r = await st.ctl(args);
      assert.equal(r.code, 1, `chargerctl ${args.join(' ')}`);
      assert.match(r.stderr, /no EVSE \d/);
    }
  });

  test('the socket path comes from --config FILE', async () => {
    const r = await runCtl(['--config', st.configPath, '--json', 'status']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).chargePointId, ID);
  });

  test('agent not running: exit 3 and a message naming the socket', async () => {
    const socket = join(st.dataDir, 'no-agent-here.sock');
    const r = await runCtl(['--socket', socket, 'status']);
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /is chargerd running\?/);
    assert.ok(r.stderr.includes(socket), r.stderr);
  });

  test('help lists the commands', async () => {
    const r = await runCtl(['help']);
    assert.equal(r.code, 0);
    for (const c of ['status', 'config get', 'config set', 'sim plug', 'sim fault']) assert.ok(r.stdout.includes(c), c);
    const sim = await runCtl(['help', 'sim']);
    assert.equal(sim.code, 0);
    assert.match(sim.stdout, /chargerctl sim fault N rcd\|pilot\|weld\|meter\|lock/);
  });
});
