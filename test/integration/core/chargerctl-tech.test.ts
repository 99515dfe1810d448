/**
 * What a field technician reaches for, end to end: the real chargerctl against the real chargerd and a CSMS —
 * version, the method list, enable/disable (ChangeAvailability's path), what a card did, the simulated bring-up
 * readings, the CSMS stop reason, JSON errors and exit codes, status --watch, the completion script and reset.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHARGERCTL, StationProcess } from '../../support/station-process.js';
import { runCtl } from '../../support/run-ctl.js';
import { assertValidFrames, rig, startSession, statusFrom, unplugToAvailable, type Rig } from './harness.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

const ID = 'CP-TECH';
const VERSION = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** chargerctl as a child whose stdout is read as it comes; resolves `until(n)` once `count(out) >= n`. */
function streamCtl(args: string[]) {
  const p = spawn(process.execPath, [CHARGERCTL, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  p.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    waiters.splice(0).forEach((w) => w());
  });
  p.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));
  return {
    proc: p,
    exited,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    /** Resolves once `pred(out)` holds (checked at every chunk). */
    until(pred: (out: string) => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => (pred(out) ? resolve() : waiters.push(check));
        check();
      });
    },
  };
}

describe('chargerctl for a technician, against a running chargerd', { timeout: SUITE_TIMEOUT_MS }, () => {
  let rg: Rig;
  let st: StationProcess;

  before(async () => {
    rg = await rig(ID, {
      evses: [
        { id: 1, maxCurrentA: 32, phases: 3, connector: 'socket' },
        { id: 2, maxCurrentA: 16, phases: 1, connector: 'socket' },
      ],
    });
    st = rg.st;
    await st.until('registered', (s) => s.registration === 'Accepted');
  });

  after(async () => {
    await rg?.close();
  });

  afterEach(() => assertValidFrames(rg));

  test('version and --version: chargerctl and the running agent, exit 0; --json shape', async () => {
    for (const argv of [['version'], ['--version']]) {
      const r = await st.ctl(argv);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^chargerctl ${VERSION}\\nchargerd   ${VERSION} \\(running agent; Node\\.js [0-9.]+, OCPP 1\\.6\\)\\n$`));
    }
    const j = JSON.parse(await st.ok('version', '--json'));
    assert.deepEqual(j, { chargerctl: VERSION, agent: { chargerd: VERSION, node: process.versions.node, ocppVersion: '1.6' }, agentError: null });
  });

  test('version with no agent: chargerctl alone, the reason for the agent, still exit 0', async () => {
    const r = await runCtl(['--socket', join(st.dataDir, 'nobody.sock'), '--version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^chargerctl ${VERSION}\\nchargerd   not reachable \\(cannot reach the agent`));
  });

  test('call --list: every served method with a description and whether it changes state', async () => {
    const text = await st.ok('call', '--list');
    assert.match(text, /^METHOD\s+STATE\s+DESCRIPTION$/m);
    assert.match(text, /^evse\.availability\s+changes\s+make an EVSE/m);
    assert.match(text, /^status\s+reads\s+/m);
    const { methods } = JSON.parse(await st.ok('call', '--list', '--json'));
    const names = methods.map((m: any) => m.method);
    for (const m of ['status', 'version', 'methods', 'evse.availability', 'reset', 'sim.tag', 'meter.read', 'hal.probe', 'hal.pilot', 'tx.show']) assert.ok(names.includes(m), `${m} listed`);
    assert.deepEqual(methods.filter((m: any) => m.changesState === null), [], 'every served method is documented');
    assert.deepEqual(names, [...names].sort());
    assert.equal(methods.find((m: any) => m.method === 'reset').changesState, true);
    assert.equal(methods.find((m: any) => m.method === 'tx.show').changesState, false);
  });

  test('evse disable / enable: ChangeAvailability\'s path (StatusNotification Unavailable, persisted), Accepted', async () => {
    const mark = rg.mark();
    const off = await st.ctl(['evse', 'disable', '2']);
    assert.equal(off.code, 0, off.stderr);
    assert.equal(off.stdout, 'EVSE 2: disabled (Accepted)\n');
    await statusFrom(rg, mark, 2, 'Unavailable');
    assert.equal((await st.evse(2)).status, 'Unavailable');
    const card = JSON.parse(await st.ok('sim', 'tag', '2', 'TECH-OFF', '--json'));
    assert.equal(card.result, 'rejected');
    assert.match(card.reason, /unavailable/);
    const on = JSON.parse(await st.ok('evse', 'enable', '2', '--json'));
    assert.deepEqual(on, { evse: 2, operative: true, status: 'Accepted', reason: null });
    await statusFrom(rg, mark, 2, 'Available');
  });

  test('evse disable during a transaction: Scheduled, Unavailable once it ends', async () => {
    await startSession(rg, 1, 'TECH-SCHED');
    const r = await st.ctl(['evse', 'disable', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^EVSE 1: disable scheduled \(Scheduled\): a transaction is running/);
    assert.equal((await st.evse(1)).status, 'Charging', 'the running session goes on');
    const mark = rg.mark();
    await st.ok('sim', 'unplug', '1');
    await statusFrom(rg, mark, 1, 'Unavailable');
    assert.equal(JSON.parse(await st.ok('evse', 'enable', '1', '--json')).status, 'Accepted');
    await st.until('EVSE 1 Available', (s) => s.evses[0].status === 'Available');
  });

  test('evse refusals: station inoperative → Rejected exit 1; unknown EVSE → NOT_FOUND exit 1; bad N → usage exit 2', async () => {
    assert.equal(JSON.parse(await st.ok('evse', 'disable', '0', '--json')).status, 'Accepted');
    const rejected = await st.ctl(['evse', 'enable', '1']);
    assert.equal(rejected.code, 1);
    assert.match(rejected.stdout, /^EVSE 1: Rejected: the station as a whole is inoperative/);
    assert.match(rejected.stderr, /^chargerctl: EVSE 1 refused: the station as a whole is inoperative/);
    assert.equal(JSON.parse(await st.ok('evse', 'enable', '0', '--json')).status, 'Accepted');
    await st.until('all Available', (s) => s.evses.every((e: any) => e.status === 'Available'));

    const missing = await st.ctl(['evse', 'disable', '9', '--json']);
    assert.equal(missing.code, 1);
    assert.deepEqual(JSON.parse(missing.stdout), { error: { code: 'NOT_FOUND', message: 'no EVSE 9 (this station has EVSEs 1, 2)' } });
    assert.equal(missing.stderr, '');
    const usage = await st.ctl(['evse', 'disable', 'x']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^chargerctl: EVSE must be 0 \(the station\) or an EVSE number, got 'x'\nUsage: chargerctl evse disable N\n$/);
  });

  test('sim tag says what the station did: authorized, started, rejected (another user), rejected (Blocked), stopped', async () => {
    const authorized = await st.ctl(['sim', 'tag', '2', 'TECH-A']);
    assert.equal(authorized.code, 0, authorized.stderr);
    assert.equal(authorized.stdout, 'EVSE 2: presented idTag TECH-A: authorized; plug in the EV within ConnectionTimeOut to start\n');
    await st.ok('sim', 'plug', '2');
    await st.until('EVSE 2 charging', (s) => s.evses[1].status === 'Charging');
    await unplugToAvailable(rg, 2);

    await st.ok('sim', 'plug', '2');
    const started = JSON.parse(await st.ok('sim', 'tag', '2', 'TECH-B', '--json'));
    assert.deepEqual(started, { evse: 2, idTag: 'TECH-B', result: 'started', reason: null, authorizationStatus: 'Accepted' });
    const other = await st.ctl(['sim', 'tag', '2', 'TECH-C']);
    assert.equal(other.code, 0);
    assert.match(other.stdout, /^EVSE 2: presented idTag TECH-C: rejected: another user's transaction is running/);
    const stopped = await st.ctl(['sim', 'tag', '2', 'TECH-B']);
    assert.equal(stopped.stdout, 'EVSE 2: presented idTag TECH-B: transaction stopped\n');
    await unplugToAvailable(rg, 2);

    // The demo CSMS answers Blocked for ids starting BLOCKED.
    await st.ok('sim', 'plug', '2');
    const blocked = JSON.parse(await st.ok('sim', 'tag', '2', 'BLOCKED-1', '--json'));
    assert.equal(blocked.result, 'rejected');
    assert.equal(blocked.authorizationStatus, 'Blocked');
    assert.match(await st.ok('sim', 'tag', '2', 'BLOCKED-1'), /^EVSE 2: presented idTag BLOCKED-1: rejected: not authorized \(Blocked\)\n$/);
    await unplugToAvailable(rg, 2);
  });

  test('meter read, hal pilot, hal probe on simulated hardware: sim readings, never UNKNOWN_METHOD', async () => {
    await st.ok('sim', 'plug', '1');
    await st.until('EVSE 1 Preparing', (s) => s.evses[0].pilotState === 'B');
    const meter = await st.ctl(['meter', 'read', '1']);
    assert.equal(meter.code, 0, meter.stderr);
    assert.match(meter.stdout, /^EVSE 1: sim on simulated hardware\nMEASURAND\s+PHASE\s+VALUE\s+UNIT\nEnergy\.Active\.Import\.Register\s+-\s+[0-9.]+\s+Wh$/m);
    const mj = JSON.parse(await st.ok('meter', 'read', '--json'));
    assert.deepEqual(mj.meters.map((m: any) => [m.evse, m.ok, m.model, typeof m.reading.energyImportWh]), [[1, true, 'sim', 'number'], [2, true, 'sim', 'number']]);

    const pilot = await st.ctl(['hal', 'pilot', '1']);
    assert.equal(pilot.code, 0, pilot.stderr);
    assert.match(pilot.stdout, /^State\s+B$/m);
    assert.match(pilot.stdout, /^PWM\s+simulated$/m);
    const pj = JSON.parse(await st.ok('hal', 'pilot', '1', '--json'));
    assert.equal(pj.state, 'B');
    assert.equal(pj.simulated, true);
    assert.equal(typeof pj.dutyCyclePercent, 'number');

    const probe = await st.ctl(['hal', 'probe']);
    assert.equal(probe.code, 0, probe.stderr);
    assert.match(probe.stdout, /^evse1\.pilot\s+sim\s+ok\s+state B/m);
    assert.match(probe.stdout, /^evse2\.meter\s+sim\s+ok\s+[0-9.]+ Wh$/m);

    // A failing simulated meter fails the probe and the read, with the reason (exit 1).
    await st.ok('sim', 'fault', '2', 'meter');
    const bad = await st.ctl(['hal', 'probe', '--json']);
    assert.equal(bad.code, 1);
    assert.equal(JSON.parse(bad.stdout).results.find((r: any) => r.part === 'evse2.meter').ok, false);
    assert.equal((await st.ctl(['meter', 'read', '2'])).code, 1);
    await st.ok('sim', 'clear', '2');

    const relay = await st.ctl(['hal', 'relay', 'test', '1', '--json']);
    assert.equal(relay.code, 1);
    assert.equal(JSON.parse(relay.stdout).error.code, 'NOT_AVAILABLE');
    await unplugToAvailable(rg, 1);
  });

  test('tx show: the journal stop reason beside the one sent to the CSMS (GroundFault → Other)', async () => {
    const txId = await startSession(rg, 1, 'TECH-RCD');
    const mark = rg.mark();
    await st.ok('sim', 'fault', '1', 'rcd');
    const stop = await rg.csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 10_000, mark);
    assert.equal((stop.payload as any).reason, 'Other');
    await st.until('queue drained', (s) => s.queue.depth === 0);
    const text = await st.ok('tx', 'show', String(txId));
    assert.match(text, /^Stop reason\s+journal GroundFault {2}sent to CSMS Other {2}\(differs: the OCPP 1\.6 reason list is shorter\)$/m);
    const j = JSON.parse(await st.ok('tx', 'show', String(txId), '--json'));
    assert.equal(j.transaction.stopReason, 'GroundFault');
    assert.equal(j.transaction.csmsStopReason, 'Other');
    assert.equal(j.transaction.csmsStopReasonFrom, 'mapping');
    await st.ok('sim', 'clear', '1');
    await unplugToAvailable(rg, 1);
  });

  test('--json errors: usage → {"error":{"code":"USAGE"}} exit 2; no agent → NO_AGENT exit 3; options without a value exit 2', async () => {
    const usage = await st.ctl(['--json', 'sim', 'plug', 'x']);
    assert.equal(usage.code, 2);
    const u = JSON.parse(usage.stdout);
    assert.equal(u.error.code, 'USAGE');
    assert.match(u.error.message, /EVSE must be a positive integer/);
    assert.equal(u.error.hint, 'Usage: chargerctl sim plug N');
    const gone = await runCtl(['--json', '--socket', join(st.dataDir, 'nobody.sock'), 'status']);
    assert.equal(gone.code, 3);
    assert.equal(JSON.parse(gone.stdout).error.code, 'NO_AGENT');
    const unknown = await st.ctl(['--json', 'call', 'no.such']);
    assert.equal(unknown.code, 1);
    assert.equal(JSON.parse(unknown.stdout).error.code, 'UNKNOWN_METHOD');
    for (const argv of [['--socket'], ['--config'], ['--timeout'], ['status', '--socket'], ['--socket', '--version'], ['--version=1']]) {
      const r = await runCtl(argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', `${argv.join(' ')} prints no help`);
    }
  });

  test('status --watch into a pipe: one snapshot per interval under a time line; Ctrl-C exits 0', async () => {
    const w = streamCtl(['--socket', st.socket, 'status', '--watch', '--interval', '0.2']);
    await w.until((o) => (o.match(/^=== chargerctl status at /gm) ?? []).length >= 3);
    w.proc.kill('SIGINT');
    assert.equal(await w.exited, 0, w.err);
    const snaps = w.out.split(/^=== chargerctl status at [0-9T:.Z-]+ ===\n/m).slice(1);
    assert.ok(snaps.length >= 3);
    for (const s of snaps) assert.match(s, /^Charge point\s+CP-TECH/);
    assert.ok(!w.out.includes('\x1b['), 'no terminal control sequences into a pipe');
  });

  test('status --json --watch: one JSON object per line', async () => {
    const w = streamCtl(['--socket', st.socket, 'status', '--json', '--watch', '--interval', '0.2']);
    await w.until((o) => o.split('\n').length > 3);
    w.proc.kill('SIGTERM');
    assert.equal(await w.exited, 0, w.err);
    const lines = w.out.trimEnd().split('\n');
    assert.ok(lines.length >= 3);
    for (const l of lines) assert.equal(JSON.parse(l).chargePointId, ID);
  });

  test('status --watch on a terminal: clears, then redraws in place from the top; Ctrl-C exits 0', async () => {
    // script(1) gives chargerctl a pseudo-terminal; ^C typed on it is the terminal's SIGINT, sent to the whole
    // foreground group. script runs the command through $SHELL -c; dash (Debian's /bin/sh, and script's choice
    // when SHELL is unset, as under CI) stays as chargerctl's parent and dies of that SIGINT, so script reported
    // 130 whatever chargerctl did. `exec` leaves chargerctl alone in the group; SHELL is pinned to dash so this
    // runs the same on every machine.
    const cmd = `exec ${process.execPath} ${CHARGERCTL} --socket ${st.socket} status --watch --interval 0.2`;
    const p = spawn('script', ['-qfec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SHELL: '/bin/sh' } });
    let out = '';
    const drawn = new Promise<void>((resolve) =>
      p.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if ((out.match(/\x1b\[H/g) ?? []).length >= 3) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));
    await drawn;
    p.stdin.write('\x03');
    assert.equal(await exited, 0, out.slice(-500));
    assert.ok(out.startsWith('\x1b[2J\x1b[H'), 'the first frame clears the screen');
    assert.equal((out.match(/\x1b\[2J/g) ?? []).length, 1, 'later frames redraw without clearing (no flicker)');
    assert.match(out, /chargerctl status {2}every 0\.2 s {2}.*\(Ctrl-C to quit\)/);
    assert.match(out, /Charge point\s+CP-TECH/);
  });

  test('completion bash: from the command table; bash completes commands, subcommands, choices and flags', async () => {
    const r = await runCtl(['completion', 'bash']);
    assert.equal(r.code, 0, r.stderr);
    const file = join(st.dataDir, 'chargerctl.bash');
    writeFileSync(file, r.stdout);
    const complete = (...words: string[]) => {
      const script = `source ${file}; COMP_WORDS=(chargerctl ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _chargerctl; echo "\${COMPREPLY[*]}"`;
      const b = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
      assert.equal(b.status, 0, b.stderr);
      return b.stdout.trim().split(/\s+/);
    };
    const top = complete('');
    for (const w of ['status', 'evse', 'reset', 'version', 'completion', 'sim', 'queue', 'tx', 'hal', 'call', 'help']) assert.ok(top.includes(w), `top level offers ${w}: ${top}`);
    assert.deepEqual(complete('evse', '').sort(), ['disable', 'enable']);
    assert.deepEqual(complete('reset', '').sort(), ['hard', 'soft']);
    assert.deepEqual(complete('sim', 'ev', '1', '').sort(), ['charge', 'pause', 'ventilate']);
    assert.deepEqual(complete('hal', 'r').sort(), ['rcd', 'relay']);
    const flags = complete('--json', 'status', '--');
    for (const f of ['--watch', '--interval', '--json', '--socket', '--timeout']) assert.ok(flags.includes(f), `status offers ${f}: ${flags}`);
    assert.ok(complete('call', '--').includes('--list'));
    const sj = JSON.parse((await runCtl(['completion', 'bash', '--json'])).stdout);
    assert.equal(sj.shell, 'bash');
    assert.equal(sj.script, r.stdout);
  });

  test('reset soft: answered first, the running transaction stopped (SoftReset), the agent boots again', async () => {
    const txId = await startSession(rg, 2, 'TECH-RESET');
    const mark = rg.mark();
    const r = await st.ctl(['reset', 'soft']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Reset Soft: Accepted; stopping the transaction on EVSE 2 (SoftReset), then the agent restarts\n');
    const stop = await rg.csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 10_000, mark);
    assert.equal((stop.payload as any).reason, 'SoftReset');
    await rg.csms.waitFor('BootNotification', () => true, 15_000, mark);
    await st.until('registered again', (s) => s.registration === 'Accepted' && s.connection.state === 'open');
    assert.equal(st.proc!.exitCode, null, 'a soft reset keeps the process');
    await unplugToAvailable(rg, 2);
  });

  test('reset: bad kind is usage (exit 2); reset hard: Accepted, then the process exits 0', async () => {
    const bad = await st.ctl(['reset', 'later']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /reset kind must be one of soft, hard, got 'later'/);
    const r = JSON.parse(await st.ok('reset', 'hard', '--json'));
    assert.deepEqual(r, { status: 'Accepted', kind: 'Hard', stopsTransactionsOn: [] });
    assert.equal(await st.exitCode(15_000), 0);
  });
});

describe('status while the CSMS is unreachable', { timeout: SUITE_TIMEOUT_MS }, () => {
  let st: StationProcess;

  before(async () => {
    // Port 1 on loopback: nothing listens, every attempt is refused at once.
    st = new StationProcess({ csmsUrl: 'ws://127.0.0.1:1/ocpp', id: 'CP-NOCSMS' }).start();
    await st.ready();
  });

  after(async () => {
    await st?.stop();
    st?.cleanup();
  });

  test('"connecting" with the last failure, the attempts so far and the next retry', async () => {
    const s = await st.until('two failed attempts', (x) => x.connection.failedAttempts >= 2 && x.connection.lastFailure !== null);
    assert.equal(s.connection.state, 'connecting');
    assert.match(s.connection.lastFailure.reason, /ECONNREFUSED/);
    assert.ok(!Number.isNaN(Date.parse(s.connection.lastFailure.at)));
    const text = await st.ok('status');
    assert.match(text, /^Connection\s+connecting\s+ws:\/\/127\.0\.0\.1:1\/ocpp$/m);
    assert.match(text, /^Last failure\s+.*ECONNREFUSED.*\s+at \d{4}-\d\d-\d\dT/m);
    assert.match(text, /^Retrying\s+\d+ failed attempts? in a row, (next attempt at \d{4}-\d\d-\d\dT[0-9:.]+Z|attempt under way)$/m);
    const next = await st.until('a retry scheduled', (x) => x.connection.nextRetryAt !== null);
    assert.ok(Date.parse(next.connection.nextRetryAt) >= Date.parse(next.connection.lastFailure.at), 'the next retry is after the failure');
  });
});
