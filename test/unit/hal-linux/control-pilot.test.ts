import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { LinuxControlPilot, type LinuxPilotConfig } from '../../../hal/linux/control-pilot.js';
import type { CpState } from '../../../hal/types.js';
import { CP_GAIN, CP_OFFSET, FakeSysfs } from './fake-sysfs.js';

describe('LinuxControlPilot', () => {
  let fs: FakeSysfs;
  let clock: FakeClock;
  const cfg = (over: Partial<LinuxPilotConfig> = {}): LinuxPilotConfig => ({
    pwm: { chip: 0, channel: 0, root: fs.pwmRoot },
    adc: { device: 'iio:device0', channel: 0, root: fs.iioRoot, gain: CP_GAIN, offsetV: CP_OFFSET },
    lowAdc: { device: 0, channel: 1, root: fs.iioRoot, gain: CP_GAIN, offsetV: CP_OFFSET },
    ...over,
  });

  beforeEach(() => {
    fs = new FakeSysfs();
    fs.addPwmChip(0);
    fs.addIioDevice(0, [0, 1]);
    fs.setCpVolts(0, 0, 12);
    fs.setCpVolts(0, 1, -12);
    clock = new FakeClock();
  });
  afterEach(() => fs.cleanup());

  test('start programs 1 kHz, steady +12 V (100 %), enabled, and reads the initial state without an event', async () => {
    fs.setCpVolts(0, 0, 9);
    const cp = new LinuxControlPilot(cfg(), clock);
    const seen: CpState[] = [];
    cp.events.on('state', (s) => seen.push(s));
    await cp.start();
    assert.equal(fs.pwm(0, 0, 'period'), '1000000');
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '1000000');
    assert.equal(fs.pwm(0, 0, 'enable'), '1');
    assert.equal(cp.dutyCyclePercent, 100);
    assert.equal(cp.offeredCurrentA, 0);
    assert.equal(cp.state, 'B');
    assert.deepEqual(seen, []);
    await cp.stop();
    assert.equal(clock.pendingTimers(), 0);
  });

  // duty_cycle in ns of a 1 000 000 ns period, from the IEC formula (6–51 A: I/0.6; 51–80 A: I/2.5 + 64)
  const duties: [number, number, number][] = [
    [6, 100_000, 6],
    [10, 166_667, 10],
    [16, 266_667, 16],
    [32, 533_333, 32],
    [51, 850_000, 51],
    [63, 892_000, 63],
    [80, 960_000, 80],
    [0, 1_000_000, 0],
    [5, 1_000_000, 0],
  ];
  for (const [amps, ns, offered] of duties) {
    test(`offering ${amps} A writes duty_cycle ${ns} ns`, async () => {
      const cp = new LinuxControlPilot(cfg(), clock);
      await cp.start();
      cp.setOfferedCurrent(amps);
      assert.equal(fs.pwm(0, 0, 'duty_cycle'), String(ns));
      assert.equal(cp.offeredCurrentA, offered);
      await cp.stop();
    });
  }

  test('setFault writes 0 % (steady −12 V) synchronously; an inverting stage gets 100 − duty', async () => {
    const cp = new LinuxControlPilot(cfg(), clock);
    await cp.start();
    cp.setOfferedCurrent(16);
    cp.setFault();
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '0');
    assert.equal(cp.dutyCyclePercent, 0);
    assert.equal(cp.offeredCurrentA, 0);
    await cp.stop();

    const inv = new LinuxControlPilot(cfg({ pwm: { chip: 0, channel: 0, root: fs.pwmRoot, inverted: true } }), clock);
    await inv.start();
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '0', 'x1 (+12 V) on an inverting stage is a low pin');
    inv.setOfferedCurrent(32);
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '466667');
    assert.equal(inv.dutyCyclePercent, (32 * 10) / 6);
    inv.setFault();
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '1000000');
    await inv.stop();
  });

  test('stop leaves the pilot at F (−12 V)', async () => {
    const cp = new LinuxControlPilot(cfg(), clock);
    await cp.start();
    cp.setOfferedCurrent(32);
    await cp.stop();
    assert.equal(fs.pwm(0, 0, 'duty_cycle'), '0');
    assert.throws(() => cp.setOfferedCurrent(16), (e: unknown) => e instanceof HalError && e.code === 'PWM_UNAVAILABLE');
  });

  test('a state change is reported after 3 equal samples (30 ms), well inside the 100 ms C→B budget', async () => {
    fs.setCpVolts(0, 0, 6);
    const cp = new LinuxControlPilot(cfg(), clock);
    await cp.start();
    cp.setOfferedCurrent(16);
    assert.equal(cp.state, 'C');
    const seen: [CpState, CpState][] = [];
    cp.events.on('state', (s, p) => seen.push([s, p]));
    fs.setCpVolts(0, 0, 9);
    clock.advance(20);
    assert.deepEqual(seen, [], 'two samples are not enough');
    clock.advance(10);
    assert.deepEqual(seen, [['B', 'C']]);
    assert.equal(cp.state, 'B');
    await cp.stop();
  });

  test('a one-sample glitch is not reported', async () => {
    fs.setCpVolts(0, 0, 9);
    const cp = new LinuxControlPilot(cfg(), clock);
    await cp.start();
    const seen: CpState[] = [];
    cp.events.on('state', (s) => seen.push(s));
    fs.setCpVolts(0, 0, 12);
    clock.advance(10);
    fs.setCpVolts(0, 0, 9);
    clock.advance(100);
    assert.deepEqual(seen, []);
    await cp.stop();
  });

  test('a missing EV diode while PWM runs is reported as E; with PWM off the low channel is not used', async () => {
    fs.setCpVolts(0, 0, 9);
    fs.setCpVolts(0, 1, 0);
    const cp = new LinuxControlPilot(cfg(), clock);
    await cp.start();
    assert.equal(cp.state, 'B', 'PWM off (100 %): no diode check');
    const seen: CpState[] = [];
    cp.events.on('state', (s) => seen.push(s));
    cp.setOfferedCurrent(16);
    clock.advance(30);
    assert.deepEqual(seen, ['E']);
    await cp.stop();
  });

  test('an unreadable ADC becomes F after the debounce', async () => {
    fs.setCpVolts(0, 0, 6);
    const cp = new LinuxControlPilot(cfg(), clock);
    await cp.start();
    const seen: CpState[] = [];
    cp.events.on('state', (s) => seen.push(s));
    fs.removeAdc(0, 0);
    clock.advance(30);
    assert.deepEqual(seen, ['F']);
    assert.ok(cp.lastError instanceof HalError);
    await cp.stop();
  });

  test('readError says why the ADC cannot be read; the state stays F while it cannot, and returns when it can', async () => {
    fs.setCpVolts(0, 0, 9);
    const cp = new LinuxControlPilot(cfg(), clock);
    await cp.start();
    assert.equal(cp.readError, null);
    const seen: CpState[] = [];
    cp.events.on('state', (s) => seen.push(s));
    fs.removeAdc(0, 0);
    clock.advance(10);
    assert.equal(typeof cp.readError, 'string');
    assert.equal(cp.readError, cp.lastError?.message);
    clock.advance(1000);
    assert.equal(cp.state, 'F');
    assert.notEqual(cp.readError, null);
    assert.deepEqual(seen, ['F'], 'one change to F, none while it stays unreadable');
    fs.setCpVolts(0, 0, 9);
    clock.advance(10);
    assert.equal(cp.readError, null);
    clock.advance(20);
    assert.equal(cp.state, 'B');
    assert.deepEqual(seen, ['F', 'B']);
    await cp.stop();
  });

  test('start refuses a sampling plan slower than the C→B budget, and a missing PWM chip or ADC', async () => {
    await assert.rejects(new LinuxControlPilot(cfg({ sampleMs: 20, debounceSamples: 4 }), clock).start(), (e: unknown) => e instanceof HalError && e.code === 'BAD_CONFIG');
    await assert.rejects(
      new LinuxControlPilot(cfg({ pwm: { chip: 3, channel: 0, root: fs.pwmRoot } }), clock).start(),
      (e: unknown) => e instanceof HalError && e.code === 'PWM_UNAVAILABLE',
    );
    await assert.rejects(
      new LinuxControlPilot(cfg({ adc: { device: 0, channel: 7, root: fs.iioRoot, gain: 1, offsetV: 0 } }), clock).start(),
      (e: unknown) => e instanceof HalError && e.code === 'ADC_UNAVAILABLE',
    );
    assert.equal(clock.pendingTimers(), 0);
  });

  test('a channel that is not exported yet is exported, and PWM_UNAVAILABLE when it never appears', async () => {
    fs.addPwmChip(1, 2, []);
    const cp = new LinuxControlPilot(cfg({ pwm: { chip: 1, channel: 1, root: fs.pwmRoot } }), clock);
    const started = cp.start();
    let err: unknown = null;
    started.catch((e) => (err = e));
    await clock.advanceAsync(1100, 20);
    assert.equal(fs.pwmExportWrites(1), '1');
    assert.ok(err instanceof HalError && err.code === 'PWM_UNAVAILABLE');
  });
});
