/**
 * The bring-up commands of chargerctl: readable output and exit codes for the agent's hal.* and meter.read
 * replies (through a real ControlServer), and the commands that run with no agent (hal safe-state, hal probe
 * --offline) against sysfs-like file trees.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { CliIo } from '../../../agent/cli/io.js';
import { main } from '../../../agent/cli/main.js';
import { ControlError } from '../../../agent/control/protocol.js';
import type { ControlServer } from '../../../agent/control/server.js';
import { startServer, tempDir } from './helpers.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env };
  const code = await main(argv, io);
  return { code, out, err };
}

const PROBE_OK = {
  board: 'rpi-generic',
  source: 'shipped profile rpi-generic',
  gpioBackend: 'chardev',
  probedBy: 'chargerd (lines as the agent holds them)',
  results: [
    { part: 'evse1.contactor.outputs[0]', kind: 'gpio', ok: true, detail: 'output gpiochip0 line 17: logical 0 (1 = relay energised)', value: 0 },
    { part: 'evse1.pilot.pwm', kind: 'pwm', ok: true, detail: '/sys/class/pwm/pwmchip0 has 2 channels' },
    { part: 'evse1.meter', kind: 'tcp', ok: null, detail: 'not checked' },
  ],
};

const READING = { energyImportWh: 1234510.00976563, powerW: 7215.3, voltageV: { L1: 229.5 } };
const METER_OK = {
  meters: [
    {
      evse: 1,
      model: 'eastron-sdm630',
      unitId: 1,
      line: '/dev/ttyAMA0 9600 8N1',
      ok: true,
      reading: READING,
      values: [
        { measurand: 'Energy.Active.Import.Register', phase: null, value: 1234510.00976563, unit: 'Wh' },
        { measurand: 'Power.Active.Import', phase: null, value: 7215.3, unit: 'W' },
        { measurand: 'Voltage', phase: 'L1', value: 229.5, unit: 'V' },
      ],
      bus: { sent: 3, ok: 3, timeouts: 0, badFrames: 0, exceptions: 0, retries: 0, stray: 0 },
    },
  ],
};

const RELAY_OK = {
  evse: 1,
  feedback: true,
  waitMs: 400,
  close: { commandedClosed: true, feedbackClosed: true, ok: true },
  open: { commandedClosed: false, feedbackClosed: false, ok: true },
  faults: [],
  aborted: null,
  ok: true,
};

describe('chargerctl hal / meter commands against a ControlServer', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let sock: string;
  let server: ControlServer;
  const replies: Record<string, unknown> = {};
  const reply = (method: string) => () => {
    const r = replies[method];
    if (r instanceof Error) throw r;
    return r;
  };

  const ctl = (...argv: string[]) => run(['--socket', sock, ...argv]);

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    sock = path.join(dir, 'control.sock');
    server = await startServer(sock, Object.fromEntries(['hal.probe', 'hal.pilot', 'hal.relay.test', 'hal.rcd.test', 'meter.read', 'status'].map((m) => [m, reply(m)])));
  });
  after(async () => {
    await server.stop();
    await cleanup();
  });
  beforeEach(() => {
    for (const k of Object.keys(replies)) delete replies[k];
  });

  test('hal probe: header and one row per part; exit 0 when nothing failed ("not checked" is no failure)', async () => {
    replies['hal.probe'] = PROBE_OK;
    const r = await ctl('hal', 'probe');
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      [
        'Board      rpi-generic (shipped profile rpi-generic)',
        'GPIO       chardev',
        'Probed by  chargerd (lines as the agent holds them)',
        '',
        'PART                        KIND  RESULT       DETAIL',
        'evse1.contactor.outputs[0]  gpio  ok           output gpiochip0 line 17: logical 0 (1 = relay energised)',
        'evse1.pilot.pwm             pwm   ok           /sys/class/pwm/pwmchip0 has 2 channels',
        'evse1.meter                 tcp   not checked  not checked',
        '',
      ].join('\n'),
    );
  });

  test('hal probe: a part that does not answer exits 1 and is named on stderr; --json prints the raw reply', async () => {
    replies['hal.probe'] = { ...PROBE_OK, results: [...PROBE_OK.results, { part: 'evse1.rcd.trip', kind: 'gpio', ok: false, detail: 'busy' }] };
    const r = await ctl('hal', 'probe');
    assert.equal(r.code, 1);
    assert.match(r.out, /^evse1\.rcd\.trip\s+gpio\s+FAILED\s+busy$/m);
    assert.equal(r.err, 'chargerctl: 1 part(s) did not answer: evse1.rcd.trip\n');
    const j = await ctl('hal', 'probe', '--json');
    assert.deepEqual(JSON.parse(j.out), replies['hal.probe']);
  });

  test('meter read: a table of measurands with units, binary noise rounded away; a failed meter exits 1', async () => {
    replies['meter.read'] = METER_OK;
    let r = await ctl('meter', 'read', '1');
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      [
        'EVSE 1: eastron-sdm630 unit 1 on /dev/ttyAMA0 9600 8N1',
        'MEASURAND                      PHASE  VALUE       UNIT',
        'Energy.Active.Import.Register  -      1234510.01  Wh',
        'Power.Active.Import            -      7215.3      W',
        'Voltage                        L1     229.5       V',
        '',
      ].join('\n'),
    );
    replies['meter.read'] = {
      meters: [METER_OK.meters[0], { evse: 2, model: 'abb-b23', unitId: 2, line: '/dev/ttyAMA0 9600 8N1', ok: false, error: { code: 'MODBUS_TIMEOUT', message: 'no reply' }, bus: null }],
    };
    r = await ctl('meter', 'read');
    assert.equal(r.code, 1);
    assert.match(r.out, /^EVSE 2: abb-b23 unit 2 on \/dev\/ttyAMA0 9600 8N1\n {2}FAILED MODBUS_TIMEOUT: no reply$/m);
    assert.equal(r.err, 'chargerctl: meter read failed on EVSE 2\n');
  });

  test('hal relay test: passed, failed, aborted, and no feedback input', async () => {
    replies['hal.relay.test'] = RELAY_OK;
    let r = await ctl('hal', 'relay', 'test', '1');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'EVSE 1 relay test\n  close  feedback closed    ok\n  open   feedback open      ok\n  result PASSED (contactor left open)\n');

    replies['hal.relay.test'] = { ...RELAY_OK, close: { commandedClosed: true, feedbackClosed: false, ok: false }, faults: ['stuck-open'], ok: false };
    r = await ctl('hal', 'relay', 'test', '1');
    assert.equal(r.code, 1);
    assert.match(r.out, /close {2}feedback open {6}FAILED\n/);
    assert.match(r.out, /contactor faults reported: stuck-open/);
    assert.equal(r.err, 'chargerctl: relay test failed on EVSE 1\n');

    replies['hal.relay.test'] = { ...RELAY_OK, aborted: 'pilot went from A to B during the test (EV connected?)', ok: false };
    r = await ctl('hal', 'relay', 'test', '1');
    assert.equal(r.code, 1);
    assert.match(r.err, /relay test aborted: pilot went from A to B/);

    replies['hal.relay.test'] = {
      ...RELAY_OK,
      feedback: false,
      close: { commandedClosed: true, feedbackClosed: null, ok: null },
      open: { commandedClosed: false, feedbackClosed: null, ok: null },
      ok: null,
    };
    r = await ctl('hal', 'relay', 'test', '1');
    assert.equal(r.code, 0);
    assert.match(r.out, /close {2}no feedback input {2}-\n/);
    assert.match(r.out, /result NOT CHECKED: no feedback input; listen for the relay/);
  });

  test('a refusal from the agent exits 1 with its message', async () => {
    replies['hal.relay.test'] = new ControlError('REFUSED', 'relay test refused: EVSE 1 has a transaction running (tx-4); stop it first');
    const r = await ctl('hal', 'relay', 'test', '1');
    assert.deepEqual(r, { code: 1, out: '', err: 'chargerctl: relay test refused: EVSE 1 has a transaction running (tx-4); stop it first\n' });
  });

  test('hal rcd test and hal pilot', async () => {
    replies['hal.rcd.test'] = { evse: 1, ok: true, durationMs: 142, tripped: false };
    let r = await ctl('hal', 'rcd', 'test', '1');
    assert.deepEqual(r, { code: 0, out: 'EVSE 1 RCD self-test: PASSED after 142 ms (RCD now reset)\n', err: '' });
    replies['hal.rcd.test'] = { evse: 1, ok: false, durationMs: 1500, tripped: false };
    r = await ctl('hal', 'rcd', 'test', '1');
    assert.equal(r.code, 1);
    assert.match(r.err, /RCD self-test failed on EVSE 1/);

    replies['hal.pilot'] = {
      evse: 1,
      state: 'C',
      dutyCyclePercent: 26.666666666666668,
      offeredCurrentA: 16,
      cpVolts: 6.02,
      adcError: null,
      pwm: { chip: 0, channel: 0, inverted: false },
      proximity: { cablePresent: true, cableMaxCurrentA: 32 },
    };
    r = await ctl('hal', 'pilot', '1');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^State\s+C$/m);
    assert.match(r.out, /^Duty cycle\s+26\.666666666666668 %$/m);
    assert.match(r.out, /^Offered\s+16 A$/m);
    assert.match(r.out, /^CP voltage\s+6\.02 V$/m);
    assert.match(r.out, /^PWM\s+pwmchip0 channel 0$/m);
    assert.match(r.out, /^Cable\s+present, 32 A$/m);
    replies['hal.pilot'] = { ...(replies['hal.pilot'] as object), cpVolts: null, adcError: 'read failed', proximity: null };
    r = await ctl('hal', 'pilot', '1');
    assert.match(r.out, /^CP voltage\s+unreadable: read failed$/m);
  });

  test('a reply in another shape is a clear error, not a crash', async () => {
    replies['hal.relay.test'] = { evse: 1 };
    const r = await ctl('hal', 'relay', 'test', '1');
    assert.equal(r.code, 1);
    assert.match(r.err, /unexpected reply from the agent to hal\.relay\.test/);
  });

  test('usage errors exit 2 before anything is sent', async () => {
    for (const [argv, msg] of [
      [['hal', 'relay', 'test'], /missing EVSE number/],
      [['hal', 'relay'], /'hal relay' needs a subcommand: test/],
      [['hal', 'rcd', 'test', '0'], /EVSE must be a positive integer/],
      [['hal', 'probe', '--bogus'], /unknown option --bogus/],
      [['hal', 'pilot', '1', '2'], /unexpected argument '2'/],
      [['meter', 'read', 'x'], /EVSE must be a positive integer, got 'x'/],
      [['hal', 'safe-state', 'now'], /unexpected argument 'now'/],
    ] as const) {
      const r = await ctl(...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.match(r.err, msg);
    }
  });

  test('hal probe --offline is refused while an agent answers on the socket', async () => {
    replies.status = { ok: true };
    const r = await ctl('hal', 'probe', '--offline', '--config', path.join(dir, 'none.json'));
    assert.equal(r.code, 1);
    assert.match(r.err, /chargerd is running .* stop chargerd first/);
  });
});

describe('chargerctl commands that run without an agent', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const noAgent = () => ({ CHARGERD_SOCKET: path.join(dir, 'no-agent.sock') });

  /** sysfs-like trees: GPIO (6.6+ numbering, base 512) with the lines already exported, one PWM chip, one ADC. */
  const tree = () => {
    const gpio = path.join(dir, 'class/gpio');
    const chip = path.join(gpio, 'gpiochip512');
    mkdirSync(path.join(chip, 'device', 'gpiochip0'), { recursive: true });
    writeFileSync(path.join(chip, 'base'), '512\n');
    writeFileSync(path.join(chip, 'ngpio'), '54\n');
    writeFileSync(path.join(chip, 'label'), 'pinctrl-bcm2711\n');
    writeFileSync(path.join(gpio, 'export'), '');
    for (const n of [529, 539]) {
      mkdirSync(path.join(gpio, `gpio${n}`), { recursive: true });
      for (const [f, v] of [['direction', 'in'], ['value', '1'], ['active_low', '1']]) writeFileSync(path.join(gpio, `gpio${n}`, f!), `${v}\n`);
    }
    const pwm = path.join(dir, 'class/pwm/pwmchip0');
    mkdirSync(path.join(pwm, 'pwm0'), { recursive: true });
    writeFileSync(path.join(pwm, 'npwm'), '2\n');
    writeFileSync(path.join(pwm, 'export'), '');
    for (const [f, v] of [['period', '1000000'], ['duty_cycle', '500000'], ['enable', '1']]) writeFileSync(path.join(pwm, 'pwm0', f!), `${v}\n`);
    const iio = path.join(dir, 'bus/iio/devices/iio:device0');
    mkdirSync(iio, { recursive: true });
    writeFileSync(path.join(iio, 'in_voltage_scale'), `${3300 / 1024}\n`);
    writeFileSync(path.join(iio, 'in_voltage0_raw'), '1023\n');
    return { gpio, pwmRoot: path.join(dir, 'class/pwm'), iioRoot: path.join(dir, 'bus/iio/devices') };
  };

  const board = (t: ReturnType<typeof tree>, backend: 'onoff' | 'fake') => ({
    driver: 'linux',
    name: 'desk-board',
    gpio: { backend, chip: 'gpiochip0', ...(backend === 'onoff' ? { sysfsRoot: t.gpio } : {}) },
    evses: [
      {
        id: 1,
        connector: 'cable',
        contactor: { outputs: [{ line: 17 }, { line: 27, activeLow: true }] },
        pilot: { pwm: { chip: 0, channel: 0, root: t.pwmRoot }, adc: { device: 'iio:device0', channel: 0, gain: 7.2727, offsetV: -12, root: t.iioRoot } },
        meter: { kind: 'modbus-rtu', port: path.join(dir, 'ttyNONE'), baudRate: 9600, parity: 'none', dataBits: 8, stopBits: 1, model: 'eastron-sdm630', unitId: 1 },
      },
    ],
  });

  const writeConfig = (hal: unknown): string => {
    const f = path.join(dir, 'config.json');
    writeFileSync(f, JSON.stringify({ chargePointId: 'CP-DESK', hal }));
    return f;
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  after(async () => {
    await cleanup?.();
  });

  test('hal safe-state drives every contactor line to its off level and the pilot to F (onoff backend, sysfs)', async () => {
    const t = tree();
    const cfg = writeConfig({ driver: 'linux', board: board(t, 'onoff') });
    const r = await run(['hal', 'safe-state', '--config', cfg], noAgent());
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(
      r.out,
      [
        `Board desk-board (inline)`,
        '',
        'PART                        RESULT  ERROR',
        'evse1.contactor.outputs[0]  safe',
        'evse1.contactor.outputs[1]  safe',
        'evse1.pilot.pwm             safe',
        '',
      ].join('\n'),
    );
    const read = (f: string) => readFileSync(f, 'utf8').trim();
    assert.equal(read(path.join(t.gpio, 'gpio529/direction')), 'low', 'line 17: output at physical low');
    assert.equal(read(path.join(t.gpio, 'gpio529/active_low')), '0');
    assert.equal(read(path.join(t.gpio, 'gpio539/direction')), 'high', 'line 27 is active-low: off is physical high');
    assert.equal(read(path.join(t.pwmRoot, 'pwmchip0/pwm0/duty_cycle')), '0');
    assert.equal(read(path.join(t.pwmRoot, 'pwmchip0/pwm0/enable')), '1');
  });

  test('hal safe-state: a part it cannot reach exits 1 and names it; the others are still made safe', async () => {
    const t = tree();
    const b = board(t, 'onoff');
    b.evses[0]!.contactor.outputs.push({ line: 60 }); // outside the chip's 54 lines
    const cfg = writeConfig({ driver: 'linux', board: b });
    const r = await run(['hal', 'safe-state', '--config', cfg, '--json'], noAgent());
    assert.equal(r.code, 1);
    const rep = JSON.parse(r.out);
    assert.deepEqual(
      rep.results.map((x: { part: string; ok: boolean }) => [x.part, x.ok]),
      [
        ['evse1.contactor.outputs[0]', true],
        ['evse1.contactor.outputs[1]', true],
        ['evse1.contactor.outputs[2]', false],
        ['evse1.pilot.pwm', true],
      ],
    );
    assert.equal(r.err, 'chargerctl: safe state NOT reached for: evse1.contactor.outputs[2]\n');
  });

  test('hal safe-state: a sim config has nothing to do; a missing or invalid config exits 1', async () => {
    let r = await run(['hal', 'safe-state', '--config', writeConfig({ driver: 'sim' })], noAgent());
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /hal\.driver is "sim"; no hardware to put in a safe state/);
    r = await run(['hal', 'safe-state', '--config', path.join(dir, 'missing.json')], noAgent());
    assert.equal(r.code, 1);
    assert.match(r.err, /cannot read config file .*missing\.json/);
    // Without --config it reads chargerd's default file; on a machine where chargerd is installed that file exists
    // and is this machine's own, so only its absence can be checked here.
    if (!existsSync('/etc/chargerd/config.json')) {
      r = await run(['hal', 'safe-state'], noAgent());
      assert.equal(r.code, 1);
      assert.match(r.err, /\/etc\/chargerd\/config\.json/, 'the default config is the one chargerd reads');
    }
    r = await run(['hal', 'safe-state', '--config', writeConfig({ driver: 'linux', board: { driver: 'linux', gpio: { backend: 'fake' } } })], noAgent());
    assert.equal(r.code, 1);
    assert.match(r.err, /\/hal\/board\/evses: is required/);
  });

  test('hal probe --offline with no agent: every part opened and read, the meter tried', async () => {
    const t = tree();
    const cfg = writeConfig({ driver: 'linux', board: board(t, 'fake') });
    const r = await run(['hal', 'probe', '--offline', '--config', cfg], noAgent());
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /^Probed by\s+chargerctl \(agent stopped\)$/m);
    assert.match(r.out, /^evse1\.contactor\.outputs\[1\]\s+gpio\s+ok\s+output, held at safe level 0$/m);
    assert.match(r.out, /^evse1\.pilot\.adc\s+adc\s+ok\s+3\.297 V at the ADC, 11\.98 V signal$/m);
    assert.match(r.out, /^evse1\.meter\s+serial\s+FAILED\s+eastron-sdm630 unit 1 on \S+ttyNONE 9600 8N1: cannot open/m);
    assert.equal(r.err, 'chargerctl: 1 part(s) did not answer: evse1.meter\n');
  });
});
