/**
 * The real chargerd process driving a board end to end with hal.driver "linux": GPIO through the chardev backend
 * (stand-in libgpiod tools whose line levels are files), the control pilot through sysfs-like PWM and IIO trees,
 * the meter over Modbus RTU from pymodbus on a socat pty, against the bundled CSMS. The technician commands go
 * through the real chargerctl and control socket; `hal safe-state` runs with no agent at all, with the libgpiod v2
 * tools the agent used and with v1 tools (a bookworm board).
 *
 * Every wait is on the thing asserted next: the rig's files change in other processes, so a test that waits on
 * one file and then reads another races them.
 *
 * What cannot be seen from outside the process — that the RCD trip opens the contactor in the same call stack —
 * is asserted in-process in agent-hal.test.ts; here the order of the GPIO writes is checked instead.
 */
import { readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DemoCsms } from '../../../agent/demo/csms.js';
import { runCtl } from '../../support/run-ctl.js';
import { StationProcess, sleep } from '../../support/station-process.js';
import { MeterPeer } from '../modbus/peer.js';
import { BoardRig, CHIP, LINES } from './board-rig.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

const ID = 'CP-BOARD';
const METER = {
  energyImportWh: 1_234_500,
  energyExportWh: 12.5,
  powerW: 7215.3,
  powerPerPhaseW: { L1: 2401.1, L2: 2405.2, L3: 2409 },
  currentA: { L1: 10.5, L2: 10.25, L3: 10.75 },
  voltageV: { L1: 229.5, L2: 230.5, L3: 231.5 },
  frequencyHz: 50,
  energyImportWhPerS: 2,
};

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

async function until(what: string, cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('chargerd on a fake linux board (chardev GPIO stand-ins, sysfs PWM/IIO trees, pymodbus meter)', { timeout: SUITE_TIMEOUT_MS }, () => {
  const csms = new DemoCsms();
  const rig = new BoardRig();
  const meterPort = join(rig.dir, 'ttyMETER');
  let peer: MeterPeer | null = null;
  let st: StationProcess;

  const status = (connectorId: number, s: string, from = 0, errorCode = 'NoError') =>
    csms.waitFor('StatusNotification', (p) => p.connectorId === connectorId && p.status === s && p.errorCode === errorCode, 10_000, from);

  before(async () => {
    await csms.start();
    const boardFile = join(rig.dir, 'board.json');
    writeFileSync(boardFile, JSON.stringify(rig.board(meterPort), null, 2));
    st = new StationProcess({
      csmsUrl: csms.url,
      id: ID,
      evses: [{ id: 1, maxCurrentA: 16, phases: 3, connector: 'cable' }],
      // Clock-aligned reads every second: the missing meter is noticed without a session.
      ocppKeys: { ClockAlignedDataInterval: 1, MeterValueSampleInterval: 1 },
      extra: { hal: { driver: 'linux', board: boardFile }, meterFaultAction: 'stop' },
    }).start();
    await st.ready(15_000);
    await csms.waitFor('BootNotification');
  });

  after(async () => {
    await st?.stop();
    st?.cleanup();
    await peer?.stop();
    await csms.stop();
    rig.cleanup();
  });

  test('a meter missing at start-up does not stop the agent: PowerMeterFailure, and recovery when it answers', async () => {
    await status(1, 'Faulted', 0, 'PowerMeterFailure');
    assert.equal(rig.dutyPercent(), 0, 'a faulted EVSE holds the pilot at F');
    const read = await st.ctl(['meter', 'read', '1']);
    assert.equal(read.code, 1, read.stdout + read.stderr);
    assert.match(read.stdout, /^EVSE 1: eastron-sdm630 unit 1 on \S+ttyMETER 9600 8N1\n {2}FAILED METER_UNAVAILABLE: .*not available/m);
    assert.match(read.stderr, /meter read failed on EVSE 1/);
    const probe = await st.ctl(['hal', 'probe']);
    assert.equal(probe.code, 1);
    assert.match(probe.stdout, /^evse1\.meter\s+serial\s+FAILED\s+eastron-sdm630 unit 1/m);
    assert.match(probe.stderr, /1 part\(s\) did not answer: evse1\.meter/);

    const from = csms.records.length;
    peer = await MeterPeer.start({ meters: [{ model: 'eastron-sdm630', unit: 1, values: METER }] });
    symlinkSync(peer.devicePath, meterPort);
    await status(1, 'Available', from);
    await csms.call(ID, 'ChangeConfiguration', { key: 'ClockAlignedDataInterval', value: '0' });
  });

  test('hal probe: every configured part answers; GPIO levels are read from the lines chargerd holds', async () => {
    const r = await st.ctl(['hal', 'probe']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Board\s+fake-board \(\S+board\.json\)$/m);
    assert.match(r.stdout, /^GPIO\s+chardev$/m);
    assert.match(r.stdout, /^evse1\.contactor\.outputs\[0\]\s+gpio\s+ok\s+output gpiochip0 line 17: logical 0 \(1 = relay energised\)$/m);
    assert.match(r.stdout, /^evse1\.rcd\.trip\s+gpio\s+ok\s+input gpiochip0 line 5 active-low: logical 0 \(1 = tripped\)$/m);
    assert.match(r.stdout, /^evse1\.pilot\.pwm\s+pwm\s+ok\s/m);
    assert.match(r.stdout, /^evse1\.pilot\.adc\s+adc\s+ok\s.*12\.\d\d V signal$/m);
    assert.match(r.stdout, /^evse1\.meter\s+serial\s+ok\s+eastron-sdm630 unit 1 on \S+ 9600 8N1: \d+(\.\d+)? Wh$/m);
    assert.match(r.stdout, /^Probed by\s+chargerd \(lines as the agent holds them\)$/m);
    const json = JSON.parse(await st.ok('hal', 'probe', '--json'));
    assert.ok(json.results.length >= 7);
    assert.ok(json.results.every((x: { ok: boolean | null }) => x.ok === true), JSON.stringify(json.results));

    // Probing the lines directly while the agent holds them is refused.
    const offline = await st.ctl(['hal', 'probe', '--offline', '--config', st.configPath]);
    assert.equal(offline.code, 1);
    assert.match(offline.stderr, /chargerd is running .*without --offline, or stop chargerd first/);
  });

  test('hal pilot and meter read: pilot state and duty; one reading with every measurand and its unit', async () => {
    const p = JSON.parse(await st.ok('hal', 'pilot', '1', '--json'));
    assert.equal(p.state, 'A');
    assert.equal(p.dutyCyclePercent, 100);
    assert.equal(p.offeredCurrentA, 0);
    assert.ok(Math.abs(p.cpVolts - 12) < 0.1, `cpVolts ${p.cpVolts}`);
    assert.match(await st.ok('hal', 'pilot', '1'), /^State\s+A\n.*^Duty cycle\s+100 %$/ms);

    const text = await st.ok('meter', 'read', '1');
    assert.match(text, /^MEASURAND\s+PHASE\s+VALUE\s+UNIT$/m);
    assert.match(text, /^Energy\.Active\.Import\.Register\s+-\s+\d+(\.\d+)?\s+Wh$/m);
    assert.match(text, /^Voltage\s+L2\s+230\.5\s+V$/m);
    assert.match(text, /^Current\.Import\s+L3\s+10\.75\s+A$/m);
    assert.match(text, /^Frequency\s+-\s+50\s+Hz$/m);
    const json = JSON.parse(await st.ok('meter', 'read', '--json'));
    const m = json.meters[0];
    assert.equal(m.ok, true);
    assert.ok(m.reading.energyImportWh >= METER.energyImportWh && m.reading.energyImportWh < METER.energyImportWh + 500, String(m.reading.energyImportWh));
    assert.ok(Math.abs(m.reading.powerW - METER.powerW) < 0.01);
    assert.deepEqual(m.reading.voltageV, METER.voltageV);
    assert.ok(m.bus.ok > 0, 'bus statistics come along');
  });

  test('hal relay test closes, sees the mirror contact follow, opens; hal rcd test trips and resets the RCD', async () => {
    const before = rig.writes().length;
    const r = await st.ctl(['hal', 'relay', 'test', '1']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /close {2}feedback closed {4}ok\n {2}open {3}feedback open {6}ok\n {2}result PASSED/);
    assert.deepEqual(
      rig.writes().slice(before).filter((w) => w.startsWith(`gpiochip0 ${LINES.relay} `)),
      [`gpiochip0 ${LINES.relay} 1`, `gpiochip0 ${LINES.relay} 0`],
    );
    assert.equal(rig.level(LINES.relay), 0);

    const from = csms.records.length;
    const rcd = await st.ctl(['hal', 'rcd', 'test', '1']);
    assert.equal(rcd.code, 0, rcd.stdout + rcd.stderr);
    assert.match(rcd.stdout, /^EVSE 1 RCD self-test: PASSED after \d+ ms \(RCD now reset\)$/m);
    assert.equal(rig.level(LINES.rcdTest), 0, 'test line released');
    // The station saw the test trip like any trip, and the reset cleared it.
    await status(1, 'Faulted', from, 'GroundFailure');
    await status(1, 'Available', from);
  });

  test('a session: Modbus meter values reach the CSMS; tests are refused; an RCD trip opens the contactor and faults GroundFailure', async () => {
    let from = csms.records.length;
    rig.setCpVolts(9);
    await status(1, 'Preparing', from);
    const res = await csms.call(ID, 'RemoteStartTransaction', { connectorId: 1, idTag: 'TECH-01' });
    assert.equal(res.status, 'Accepted');
    const start = await csms.waitFor('StartTransaction', () => true, 10_000, from);
    const meterStart = (start.payload as { meterStart: number }).meterStart;
    assert.ok(meterStart >= METER.energyImportWh && meterStart < METER.energyImportWh + 500, `meterStart ${meterStart} from the Modbus meter`);
    await until('PWM offering 16 A (26.7 %)', () => Math.abs(rig.dutyPercent() - 26.67) < 0.01);

    rig.setCpVolts(6);
    await until('contactor closed', () => rig.level(LINES.relay) === 1);
    await status(1, 'Charging', from);
    const mv = await csms.waitFor('MeterValues', (p) => p.transactionId !== undefined, 10_000, from);
    const sv = (mv.payload as { meterValue: { sampledValue: { value: string; measurand?: string; unit?: string }[] }[] }).meterValue[0]!.sampledValue;
    const energy = sv.find((s) => s.measurand === undefined || s.measurand === 'Energy.Active.Import.Register')!;
    assert.ok(Number(energy.value) >= meterStart, `periodic energy ${energy.value} ≥ meterStart ${meterStart}`);

    const relay = await st.ctl(['hal', 'relay', 'test', '1']);
    assert.equal(relay.code, 1);
    assert.match(relay.stderr, /relay test refused: EVSE 1 has a transaction running/);
    const rcd = await st.ctl(['hal', 'rcd', 'test', '1']);
    assert.equal(rcd.code, 1);
    assert.match(rcd.stderr, /RCD test refused: .*transaction running/);
    assert.equal(rig.level(LINES.relay), 1, 'a refused test leaves the contactor alone');

    from = csms.records.length;
    const writesBefore = rig.writes().length;
    rig.setInput(LINES.rcdTrip, 0);
    await until('a GPIO write after the trip', () => rig.writes().length > writesBefore);
    assert.equal(rig.writes()[writesBefore], `gpiochip0 ${LINES.relay} 0`, 'the first GPIO write after the trip opens the contactor');
    await until('contactor open after the trip', () => rig.level(LINES.relay) === 0);
    await until('pilot at F', () => rig.dutyPercent() === 0);
    await status(1, 'Faulted', from, 'GroundFailure');
    const stop = await csms.waitFor('StopTransaction', () => true, 10_000, from);
    const stopped = stop.payload as { meterStop: number; reason?: string };
    assert.equal(stopped.reason, 'Other', 'OCPP 1.6 has no ground-fault reason');
    assert.ok(stopped.meterStop >= meterStart);

    from = csms.records.length;
    rig.setCpVolts(12);
    rig.setInput(LINES.rcdTrip, 1);
    await status(1, 'Available', from);
    await until('pilot back at x1 (no offer)', () => rig.dutyPercent() === 100);
  });

  test('SIGTERM: chargerd leaves the contactor open and the pilot at F, and its gpioset holders exit', async () => {
    const code = await st.stop();
    assert.equal(code, 0, st.output.slice(-2000));
    // Each holder applies the levels queued before its "exit" on its own time, after chargerd itself is gone; the
    // tests after this one must not race those writes.
    const holders = rig.lines.log('calls').filter((c) => c.startsWith(`gpioset -c ${CHIP} -i `));
    assert.ok(holders.length >= 2, holders.join('\n'));
    await until('every gpioset chargerd started to exit', () => holders.every((c) => gone(Number(/ pid (\d+)$/.exec(c)![1]))));
    assert.equal(rig.level(LINES.relay), 0);
    assert.equal(rig.level(LINES.rcdTest), 0, 'the RCD test line is released');
    assert.equal(rig.dutyPercent(), 0);
  });

  test('hal probe --offline with the agent stopped opens, reads and releases every part, and reads the meter', async () => {
    // The RCD test line is released (previous test), so the trip input is at the board's idle level.
    rig.setInput(LINES.rcdTrip, 1);
    const before = rig.writes().length;
    const r = await runCtl(['hal', 'probe', '--offline', '--config', st.configPath]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Probed by\s+chargerctl \(agent stopped\)$/m);
    assert.match(r.stdout, /^gpio\.tools\s+gpio\s+ok\s+libgpiod v2\.1\.3 tools \(interactive gpioset\)$/m);
    assert.match(r.stdout, /^evse1\.contactor\.outputs\[0\]\s+gpio\s+ok\s+output, held at safe level 0$/m);
    assert.match(r.stdout, /^evse1\.rcd\.trip\s+gpio\s+ok\s+input, logical level 0$/m);
    assert.match(r.stdout, /^evse1\.pilot\.adc\s+adc\s+ok\s/m);
    assert.match(r.stdout, /^evse1\.meter\s+serial\s+ok\s+eastron-sdm630 unit 1 on \S+ 9600 8N1: \d+(\.\d{1,3})? Wh$/m);
    assert.ok(rig.writes().slice(before).every((w) => w.endsWith(' 0')), `outputs only ever opened at 0: ${rig.writes().slice(before)}`);
  });

  test('hal safe-state on a bookworm board (libgpiod v1 tools, which refuse the v2 syntax) writes the safe levels', async () => {
    const boardFile = join(rig.dir, 'board-v1.json');
    writeFileSync(boardFile, JSON.stringify(rig.board(join(rig.dir, 'ttyMETER'), 1000, rig.toolsV1), null, 2));
    const config = JSON.parse(readFileSync(st.configPath, 'utf8'));
    config.hal.board = boardFile;
    const configFile = join(rig.dir, 'config-v1.json');
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    rig.setLevel(LINES.relay, 1);
    rig.setLevel(LINES.rcdTest, 1);
    rig.setPwm('duty_cycle', 266_667);
    const before = rig.writes().length;
    const r = await runCtl(['hal', 'safe-state', '--config', configFile]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^evse1\.contactor\.outputs\[0\]\s+safe$/m);
    assert.match(r.stdout, /^evse1\.rcd\.test\s+safe$/m);
    assert.deepEqual(rig.writes().slice(before), [`gpiochip0 ${LINES.relay} 0`, `gpiochip0 ${LINES.rcdTest} 0`]);
    assert.equal(rig.level(LINES.relay), 0);
    assert.equal(rig.level(LINES.rcdTest), 0);
    assert.equal(rig.pwm('duty_cycle'), '0');
    const sets = rig.lines.log('calls').filter((c) => c.includes(rig.toolsV1.gpioset) || /^gpioset -m exit /.test(c));
    assert.ok(sets.length === 2 && sets.every((c) => c.startsWith(`gpioset -m exit ${CHIP} `)), sets.join('\n'));
  });

  test('hal safe-state with no agent writes the safe levels; a part that cannot be reached fails with exit 1', async () => {
    // As if the agent had been killed with the relay closed and PWM running.
    rig.setLevel(LINES.relay, 1);
    rig.setLevel(LINES.rcdTest, 1);
    rig.setPwm('duty_cycle', 266_667);
    rig.setPwm('enable', 0);
    const before = rig.writes().length;
    const r = await runCtl(['hal', 'safe-state', '--config', st.configPath]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^evse1\.contactor\.outputs\[0\]\s+safe$/m);
    assert.match(r.stdout, /^evse1\.rcd\.test\s+safe$/m);
    assert.match(r.stdout, /^evse1\.pilot\.pwm\s+safe$/m);
    assert.equal(rig.level(LINES.relay), 0);
    assert.equal(rig.level(LINES.rcdTest), 0);
    assert.equal(rig.pwm('duty_cycle'), '0');
    assert.equal(rig.pwm('enable'), '1');
    assert.deepEqual(rig.writes().slice(before), [`gpiochip0 ${LINES.relay} 0`, `gpiochip0 ${LINES.rcdTest} 0`]);

    const json = JSON.parse((await runCtl(['hal', 'safe-state', '--config', st.configPath, '--json'])).stdout);
    assert.deepEqual(
      json.results.map((x: { part: string; ok: boolean }) => [x.part, x.ok]),
      [
        ['evse1.contactor.outputs[0]', true],
        ['evse1.rcd.test', true],
        ['evse1.pilot.pwm', true],
      ],
    );

    renameSync(join(rig.pwmRoot, 'pwmchip0'), join(rig.pwmRoot, 'gone'));
    rig.setLevel(LINES.relay, 1);
    const bad = await runCtl(['hal', 'safe-state', '--config', st.configPath]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^evse1\.pilot\.pwm\s+FAILED\s+.*pwmchip0/m);
    assert.match(bad.stderr, /safe state NOT reached for: evse1\.pilot\.pwm/);
    assert.equal(rig.level(LINES.relay), 0, 'the parts that can be reached are still made safe');
  });
});
