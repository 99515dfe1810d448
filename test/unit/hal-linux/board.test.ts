import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { FakeGpioBackend } from '../../../hal/gpio/fake-backend.js';
import { createLinuxHal } from '../../../hal/linux/board.js';
import { boardProfileUrl, createBoardChecker, createBoardValidator, loadBoardFile, type LinuxBoardConfig, type MeterConfig } from '../../../hal/linux/board-config.js';
import { inspectBoard } from '../../../agent/hal-linux-board.js';
import { probeBoard } from '../../../hal/linux/probe.js';
import { forceSafeState } from '../../../hal/linux/safe-state.js';
import { Emitter } from '../../../hal/emitter.js';
import type { EnergyMeter, MeterEvents } from '../../../hal/types.js';
import { FakeSysfs } from './fake-sysfs.js';

const rpi = (): LinuxBoardConfig => JSON.parse(readFileSync(boardProfileUrl('rpi-generic'), 'utf8'));

function badMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof HalError && e.code === 'BAD_CONFIG', `expected BAD_CONFIG, got ${String(e)}`);
    return e.message;
  }
  assert.fail('no error');
}

describe('board profiles against hal/board.schema.json', () => {
  const validate = createBoardValidator();

  test('rpi-generic.json and sim.json are valid', () => {
    const r = loadBoardFile(boardProfileUrl('rpi-generic'), validate);
    assert.equal(r.driver, 'linux');
    const s = loadBoardFile(boardProfileUrl('sim'), validate);
    assert.equal(s.driver, 'sim');
  });

  test('a missing field is named by its path', () => {
    const b = rpi() as unknown as { evses: { pilot: { adc: Record<string, unknown> } }[] };
    delete b.evses[0]!.pilot.adc.gain;
    assert.match(badMessage(() => validate(b, 'bad.json')), /\/evses\/0\/pilot\/adc\/gain: is required/);
  });

  test('a wrong value names the field and the rule', () => {
    const b = rpi() as unknown as { evses: { meter: Record<string, unknown> }[] };
    b.evses[0]!.meter.parity = 'mark';
    const msg = badMessage(() => validate(b));
    assert.match(msg, /\/evses\/0\/meter\/parity: must be one of "none", "even", "odd"/);
    assert.doesNotMatch(msg, /host/, 'the modbus-tcp branch is not blamed');
  });

  test('unknown settings, a socket without lock, and a sim profile with linux fields are refused', () => {
    const b = rpi() as unknown as { evses: Record<string, unknown>[] };
    b.evses[0]!.contactr = {};
    assert.match(badMessage(() => validate(b)), /\/evses\/0\/contactr: is not a known setting/);
    const c = rpi() as unknown as { evses: Record<string, unknown>[] };
    delete c.evses[0]!.lock;
    assert.match(badMessage(() => validate(c)), /\/evses\/0\/lock: is required/);
    assert.match(badMessage(() => validate({ driver: 'sim', gpio: { backend: 'fake' } })), /\/gpio: is not a known setting/);
    assert.match(badMessage(() => validate({ driver: 'hal9000' })), /\/driver: must be one of "linux", "sim"/);
  });

  test('a GPIO line used twice and a slow CP sampling plan are refused', () => {
    const b = rpi();
    b.evses[0]!.lock!.feedback.line = 17;
    assert.match(badMessage(() => validate(b)), /\/evses\/0\/lock\/feedback\/line: line 17 is already used by \/evses\/0\/contactor\/outputs\/0/);
    const c = rpi();
    c.evses[0]!.pilot.sampleMs = 20;
    c.evses[0]!.pilot.debounceSamples = 4;
    assert.match(badMessage(() => validate(c)), /sampleMs × debounceSamples/);
  });
});

describe('every problem of a board at once, each with the value found', () => {
  test('a schema error does not hide a pin used twice', () => {
    const b = rpi() as unknown as { evses: { lock: { feedback: { line: number } }; pilot: { adc: Record<string, unknown> } }[] };
    b.evses[0]!.lock.feedback.line = 17;
    b.evses[0]!.pilot.adc.gain = 'high';
    assert.deepEqual(createBoardChecker()(b), [
      { pointer: '/evses/0/pilot/adc/gain', value: 'high', rule: 'must be number (type)' },
      { pointer: '/evses/0/lock/feedback/line', value: 17, rule: 'line 17 is already used by /evses/0/contactor/outputs/0' },
    ]);
  });

  test('a bad pin does not hide a bad meter model, nor a meter that measures too few phases', () => {
    const b = rpi() as unknown as { evses: { rcd: { trip: { line: unknown } }; meter: { model: string } }[] };
    b.evses[0]!.rcd.trip.line = 'GPIO5';
    b.evses[0]!.meter.model = 'eastron-sdm120';
    let r = inspectBoard(b, { evses: [{ id: 1, connector: 'socket', phases: 3 }], parts: true });
    assert.equal(r.resolved, null);
    assert.deepEqual(
      r.problems.map((p) => [p.field, p.value]),
      [
        ['/hal/board/evses/0/rcd/trip/line', 'GPIO5'],
        ['/evses/0/phases', 3],
      ],
    );
    b.evses[0]!.meter.model = 'acme-9000';
    r = inspectBoard(b, { evses: [{ id: 1, connector: 'cable' }], parts: true });
    assert.deepEqual(
      r.problems.map((p) => [p.field, p.value]),
      [
        ['/hal/board/evses/0/rcd/trip/line', 'GPIO5'],
        ['/evses/0/connector', 'cable'],
        ['/hal/board/evses/0/meter/model', 'acme-9000'],
      ],
    );
    assert.match(r.problems[2]!.rule, /unknown meter model "acme-9000"/);
  });

  test('without parts (chargerctl hal safe-state) a bad meter model is no problem of the board', () => {
    const b = rpi();
    b.evses[0]!.meter.model = 'acme-9000';
    const r = inspectBoard(b, { evses: [{ id: 1, connector: 'socket' }] });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.resolved?.board, b);
  });

  test('two meters asking for different settings on one line', () => {
    const b = rpi();
    const second = structuredClone(b.evses[0]!);
    second.id = 2;
    for (const l of [second.contactor.outputs, second.contactor.feedback ?? []]) for (const o of l) o.line += 100;
    for (const o of [second.rcd!.trip, second.rcd!.test!, second.lock!.lockOutput, second.lock!.unlockOutput, second.lock!.feedback]) o.line += 100;
    (second.meter as { baudRate: number }).baudRate = 19200;
    b.evses.push(second);
    const r = inspectBoard(b, { evses: [{ id: 1, connector: 'socket' }, { id: 2, connector: 'socket' }], parts: true });
    assert.deepEqual(r.problems.map((p) => [p.field, p.value]), [['/hal/board/evses/1/meter', '19200 8N1']]);
    assert.match(r.problems[0]!.rule, /shares rtu:\/dev\/ttyAMA0 with \/evses\/0\/meter/);
  });
});

describe('createLinuxHal from rpi-generic.json (fake GPIO, fake sysfs tree)', () => {
  let fs: FakeSysfs;
  let clock: FakeClock;
  let gpio: FakeGpioBackend;
  let board: LinuxBoardConfig;
  let meterLog: string[];

  const meter = (evseId: number, cfg: MeterConfig): EnergyMeter => {
    meterLog.push(`build ${evseId} ${cfg.kind} ${cfg.model}`);
    return {
      events: new Emitter<MeterEvents>(),
      measurands: ['energy'],
      phases: 3,
      start: async () => void meterLog.push('start'),
      stop: async () => void meterLog.push('stop'),
      read: async () => ({ energyImportWh: 0 }),
    };
  };

  beforeEach(() => {
    fs = new FakeSysfs();
    fs.addPwmChip(0);
    fs.addIioDevice(0, [0, 1, 2]);
    fs.setCpVolts(0, 0, 12);
    fs.setCpVolts(0, 1, -12);
    fs.setPpOhms(0, 2, Infinity);
    clock = new FakeClock();
    gpio = new FakeGpioBackend({ clock });
    // healthy wiring at rest: RDC-DD output closed, NC mirror contact closed (= contactor open)
    gpio.setInput(5, 1);
    gpio.setInput(22, 1);
    board = rpi();
    const e = board.evses[0]!;
    e.pilot.pwm.root = fs.pwmRoot;
    e.pilot.adc.root = fs.iioRoot;
    e.pilot.lowAdc!.root = fs.iioRoot;
    e.proximity!.adc.root = fs.iioRoot;
    meterLog = [];
  });
  afterEach(() => fs.cleanup());

  test('builds every part, starts and stops them, and reads the board', async () => {
    const hal = createLinuxHal(board, clock, { buildMeter: meter, gpioBackend: gpio });
    assert.deepEqual(meterLog, ['build 1 modbus-rtu eastron-sdm630']);
    assert.equal(gpio.isOpen(17), false, 'nothing touched before start()');
    await hal.start();
    const evse = hal.evses.get(1)!;
    assert.equal(evse.connector, 'socket');
    assert.equal(evse.pilot.state, 'A');
    assert.equal(evse.proximity!.cablePresent, false);
    assert.equal(evse.rcd!.tripped, false);
    assert.equal(evse.rcd!.canSelfTest, true);
    assert.equal(evse.contactor.feedbackClosed, false);
    assert.equal(evse.lock!.locked, false);
    assert.equal(evse.reader, null);
    for (const l of [17, 27, 22, 5, 6, 23, 24, 25]) assert.equal(gpio.isOpen(l), true, `line ${l} open`);
    assert.deepEqual(meterLog.slice(1), ['start']);

    // an EV plugs in: cable coded 32 A, CP to B
    fs.setPpOhms(0, 2, 220);
    fs.setCpVolts(0, 0, 9);
    clock.advance(200);
    assert.equal(evse.pilot.state, 'B');
    assert.equal(evse.proximity!.cableMaxCurrentA, 32);

    evse.pilot.setOfferedCurrent(16);
    evse.contactor.close();
    assert.equal(gpio.level(17), 1);
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '266667');

    await hal.stop();
    assert.equal(gpio.level(17), 0);
    assert.equal(gpio.level(27), 0);
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '0', 'stop leaves the pilot at F');
    for (const l of [17, 27, 22, 5, 6, 23, 24, 25]) assert.equal(gpio.isOpen(l), false, `line ${l} released`);
    assert.deepEqual(meterLog.slice(-1), ['stop']);
    assert.equal(clock.pendingTimers(), 0);
  });

  test('safeState() opens every contactor output and puts every pilot at F, synchronously', async () => {
    const hal = createLinuxHal(board, clock, { buildMeter: meter, gpioBackend: gpio });
    await hal.start();
    const evse = hal.evses.get(1)!;
    evse.pilot.setOfferedCurrent(32);
    evse.contactor.close();
    hal.safeState();
    assert.equal(gpio.level(17), 0);
    assert.equal(gpio.level(27), 0);
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '0');
    assert.equal(evse.pilot.dutyCyclePercent, 0);
    await hal.stop();
  });

  test('a part that fails to start stops the ones already started and rethrows', async () => {
    gpio.makeUnavailable(25);
    const hal = createLinuxHal(board, clock, { buildMeter: meter, gpioBackend: gpio });
    await assert.rejects(hal.start(), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
    for (const l of [17, 27, 22, 5, 6]) assert.equal(gpio.isOpen(l), false, `line ${l} released`);
    assert.equal(clock.pendingTimers(), 0);
  });

  test('a profile naming a reader needs a reader builder', () => {
    board.evses[0]!.reader = { kind: 'pn532' };
    assert.throws(() => createLinuxHal(board, clock, { buildMeter: meter, gpioBackend: gpio }), (e: unknown) => e instanceof HalError && e.code === 'BAD_CONFIG');
  });

  test('probeBoard reports each part', async () => {
    board.evses[0]!.meter = { kind: 'modbus-rtu', port: join(fs.root, 'ttyAMA0'), baudRate: 9600, parity: 'none', dataBits: 8, stopBits: 1, model: 'eastron-sdm630', unitId: 1 };
    gpio.makeUnavailable(25);
    fs.setCpVolts(0, 0, 9);
    const res = await probeBoard(board, { clock, gpioBackend: gpio });
    const by = new Map(res.map((r) => [r.part, r]));
    assert.equal(by.get('evse1.contactor.outputs[0]')!.ok, true);
    assert.equal(by.get('evse1.rcd.trip')!.ok, true);
    assert.equal(by.get('evse1.rcd.trip')!.value, 0, 'healthy RDC-DD (activeLow) reads not tripped');
    assert.equal(by.get('evse1.lock.feedback')!.ok, false);
    assert.equal(by.get('evse1.pilot.pwm')!.ok, true);
    assert.equal(by.get('evse1.pilot.adc')!.ok, true);
    assert.ok(Math.abs(by.get('evse1.pilot.adc')!.value! - 9) < 0.05);
    assert.equal(by.get('evse1.meter')!.ok, false, 'serial port missing');
    writeFileSync(join(fs.root, 'ttyAMA0'), '');
    const again = await probeBoard({ ...board, evses: [{ ...board.evses[0]!, pilot: { ...board.evses[0]!.pilot, pwm: { chip: 1, channel: 0, root: fs.pwmRoot } } }] }, { clock, gpioBackend: gpio });
    const by2 = new Map(again.map((r) => [r.part, r]));
    assert.equal(by2.get('evse1.meter')!.ok, true);
    assert.equal(by2.get('evse1.pilot.pwm')!.ok, false);
    assert.equal(gpio.level(17), 0, 'probing never energises an output');
    assert.equal(gpio.isOpen(17), false, 'lines released after probing');
  });
});

describe('forceSafeState (no agent running)', () => {
  let fs: FakeSysfs;
  let board: LinuxBoardConfig;
  beforeEach(() => {
    fs = new FakeSysfs();
    fs.addPwmChip(0);
    board = rpi();
    board.evses[0]!.pilot.pwm.root = fs.pwmRoot;
  });
  afterEach(() => fs.cleanup());

  test('fake/injected backend: contactor, lock motor and RCD test lines at 0, pilot PWM at F', async () => {
    const clock = new FakeClock();
    const gpio = new FakeGpioBackend({ clock });
    // leave the hardware as a killed agent would: relays on, PWM offering current
    const l17 = await gpio.open({ line: 17, direction: 'out', initial: 1 });
    l17.close();
    writeFileSync(join(fs.pwmRoot, 'pwmchip0/pwm0/period'), '1000000');
    writeFileSync(join(fs.pwmRoot, 'pwmchip0/pwm0/duty_cycle'), '533333');
    const res = await forceSafeState(board, { gpioBackend: gpio });
    assert.ok(res.every((r) => r.ok), JSON.stringify(res));
    assert.deepEqual(res.map((r) => r.part), [
      'evse1.contactor.outputs[0]',
      'evse1.contactor.outputs[1]',
      'evse1.lock.lockOutput',
      'evse1.lock.unlockOutput',
      'evse1.rcd.test',
      'evse1.pilot.pwm',
    ]);
    for (const l of [17, 27, 23, 24, 6]) assert.equal(gpio.level(l), 0, `line ${l}`);
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '0');
    assert.equal(fs.pwm(0, 0, 'enable'), '1');
  });

  test('onoff: written straight to sysfs with the kernel numbering, active_low cleared, level set through direction', async () => {
    board.gpio = { backend: 'onoff' };
    board.evses[0]!.contactor.outputs[1]!.activeLow = true;
    board.evses[0]!.pilot.pwm.inverted = true;
    fs.addGpioChip(512, 58, 'pinctrl-bcm2711', 'gpiochip0');
    for (const n of [529, 539, 535, 536, 518]) fs.addExportedGpio(n);
    const res = await forceSafeState(board, { gpioRoot: fs.gpioRoot });
    assert.ok(res.every((r) => r.ok), JSON.stringify(res));
    assert.equal(fs.gpioFile(529, 'direction'), 'low');
    assert.equal(fs.gpioFile(529, 'active_low'), '0');
    assert.equal(fs.gpioFile(539, 'direction'), 'high', 'active-low relay: off is the high level');
    assert.equal(fs.gpioFile(518, 'direction'), 'low', 'RCD test line');
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '1000000', 'inverting stage: −12 V is a high pin');
  });

  test('every part is attempted and failures are reported, not thrown', async () => {
    board.gpio = { backend: 'onoff' };
    const res = await forceSafeState(board, { gpioRoot: join(fs.root, 'no-gpio'), pwmRoot: join(fs.root, 'no-pwm') });
    assert.equal(res.length, 6);
    assert.ok(res.every((r) => !r.ok && typeof r.error === 'string'));
  });
});
