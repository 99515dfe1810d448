import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { FakeGpioBackend } from '../../../hal/gpio/fake-backend.js';
import { OnoffGpioBackend, type OnoffGpio, type OnoffModule } from '../../../hal/gpio/onoff-backend.js';
import { listSysfsChips, sysfsGpioNumber } from '../../../hal/gpio/sysfs-numbering.js';
import type { GpioValue } from '../../../hal/gpio/types.js';
import { FakeSysfs } from './fake-sysfs.js';

describe('logical lines (fake backend)', () => {
  let clock: FakeClock;
  let gpio: FakeGpioBackend;
  beforeEach(() => {
    clock = new FakeClock();
    gpio = new FakeGpioBackend({ clock });
  });

  test('an active-low output is opened at its inactive (high) level and inverted on write', async () => {
    const out = await gpio.open({ line: 4, direction: 'out', activeLow: true });
    assert.equal(gpio.level(4), 1);
    assert.equal(out.read(), 0);
    out.write(1);
    assert.equal(gpio.level(4), 0);
    assert.equal(out.read(), 1);
    const plain = await gpio.open({ line: 5, direction: 'out', initial: 1 });
    assert.equal(gpio.level(5), 1);
    plain.write(0);
    assert.equal(gpio.level(5), 0);
  });

  test('an active-low input reads and reports inverted levels, synchronously from the edge', async () => {
    gpio.setInput(6, 1);
    const inp = await gpio.open({ line: 6, direction: 'in', activeLow: true });
    assert.equal(inp.read(), 0);
    const seen: GpioValue[] = [];
    inp.watch((v) => seen.push(v));
    gpio.setInput(6, 0);
    assert.deepEqual(seen, [1], 'delivered before setInput returned');
    assert.equal(inp.read(), 1);
  });

  test('debounce reports a level only after it held debounceMs, restarting on each bounce', async () => {
    const inp = await gpio.open({ line: 7, direction: 'in', debounceMs: 20 });
    const seen: GpioValue[] = [];
    inp.watch((v) => seen.push(v));
    gpio.setInput(7, 1);
    clock.advance(10);
    gpio.setInput(7, 0);
    clock.advance(5);
    gpio.setInput(7, 1);
    clock.advance(19);
    assert.deepEqual(seen, []);
    assert.equal(inp.read(), 0, 'read() is the debounced level');
    clock.advance(1);
    assert.deepEqual(seen, [1]);
    assert.equal(inp.read(), 1);
    // a pulse shorter than the window is swallowed entirely
    gpio.setInput(7, 0);
    clock.advance(5);
    gpio.setInput(7, 1);
    clock.advance(50);
    assert.deepEqual(seen, [1]);
    inp.close();
    assert.equal(clock.pendingTimers(), 0);
  });

  test('edge filter: rising reports only 0→1 but read() follows every change', async () => {
    const inp = await gpio.open({ line: 8, direction: 'in', edge: 'rising' });
    const seen: GpioValue[] = [];
    inp.watch((v) => seen.push(v));
    gpio.setInput(8, 1);
    gpio.setInput(8, 0);
    gpio.setInput(8, 1);
    assert.deepEqual(seen, [1, 1]);
    assert.equal(inp.read(), 1);
  });

  test('a busy or missing line is GPIO_UNAVAILABLE; writes to a closed line throw', async () => {
    const out = await gpio.open({ line: 9, direction: 'out' });
    await assert.rejects(gpio.open({ line: 9, direction: 'in' }), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
    gpio.makeUnavailable(10);
    await assert.rejects(gpio.open({ line: 10, direction: 'out' }), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
    out.close();
    assert.throws(() => out.write(1), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
    assert.equal(gpio.isOpen(9), false);
  });
});

describe('sysfs numbering', () => {
  let fs: FakeSysfs;
  beforeEach(() => (fs = new FakeSysfs()));
  afterEach(() => fs.cleanup());

  test('6.6+ kernels: BCM line 17 on a Pi 4 is gpio529, on a Pi 5 header chip gpio588', () => {
    fs.addGpioChip(512, 58, 'pinctrl-bcm2711', 'gpiochip0');
    fs.addGpioChip(570, 8, 'raspberrypi-exp-gpio', 'gpiochip1');
    assert.equal(listSysfsChips(fs.gpioRoot).length, 2);
    assert.equal(sysfsGpioNumber(17, undefined, fs.gpioRoot), 529);
    assert.equal(sysfsGpioNumber(17, 'gpiochip0', fs.gpioRoot), 529);
    assert.equal(sysfsGpioNumber(17, 'pinctrl-bcm2711', fs.gpioRoot), 529);
    assert.equal(sysfsGpioNumber(2, 'gpiochip1', fs.gpioRoot), 572);
    assert.throws(() => sysfsGpioNumber(60, undefined, fs.gpioRoot), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
    assert.throws(() => sysfsGpioNumber(1, 'gpiochip9', fs.gpioRoot), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
  });

  test('legacy numbering from 0, and a kernel without sysfs GPIO', () => {
    fs.addGpioChip(0, 54, 'pinctrl-bcm2835', 'gpiochip0');
    assert.equal(sysfsGpioNumber(18, undefined, fs.gpioRoot), 18);
    assert.throws(() => sysfsGpioNumber(1, undefined, `${fs.root}/nope`), /chardev/);
  });
});

describe('onoff backend (onoff module replaced, numbering from a fake tree)', () => {
  let fs: FakeSysfs;
  beforeEach(() => {
    fs = new FakeSysfs();
    fs.addGpioChip(512, 58, 'pinctrl-bcm2711', 'gpiochip0');
  });
  afterEach(() => fs.cleanup());

  test('opens global numbers with an explicit direction level, never sets active_low in sysfs, writes synchronously', async () => {
    const made: { n: number; dir: string; edge?: string; opts?: unknown; gpio: OnoffGpio & { level: GpioValue; cb: ((e: null, v: GpioValue) => void) | null; unexported: boolean } }[] = [];
    const mod: OnoffModule = {
      Gpio: class {
        level: GpioValue = 0;
        cb: ((e: null, v: GpioValue) => void) | null = null;
        unexported = false;
        constructor(n: number, dir: string, edge?: string, opts?: unknown) {
          if (dir === 'high') this.level = 1;
          made.push({ n, dir, edge, opts, gpio: this as never });
        }
        readSync(): GpioValue {
          return this.level;
        }
        writeSync(v: GpioValue): void {
          this.level = v;
        }
        watch(cb: (e: null, v: GpioValue) => void): void {
          this.cb = cb;
        }
        unwatchAll(): void {
          this.cb = null;
        }
        unexport(): void {
          this.unexported = true;
        }
      } as unknown as OnoffModule['Gpio'],
    };
    const clock = new FakeClock();
    const backend = new OnoffGpioBackend({ clock, sysfsRoot: fs.gpioRoot, loadOnoff: async () => mod });
    const relay = await backend.open({ line: 17, direction: 'out', activeLow: true });
    assert.equal(made[0]!.n, 529);
    assert.equal(made[0]!.dir, 'high', 'active-low output starts inactive = physical high, in the same write as the direction');
    assert.deepEqual(made[0]!.opts, { activeLow: false });
    relay.write(1);
    assert.equal(made[0]!.gpio.level, 0);
    const trip = await backend.open({ line: 5, direction: 'in' });
    assert.equal(made[1]!.n, 517);
    assert.equal(made[1]!.edge, 'both');
    const seen: GpioValue[] = [];
    trip.watch((v) => seen.push(v));
    made[1]!.gpio.level = 1;
    made[1]!.gpio.cb!(null, 1);
    assert.deepEqual(seen, [1]);
    await backend.close();
    assert.equal(made[1]!.gpio.unexported, true, 'inputs are handed back');
    assert.equal(made[0]!.gpio.unexported, false, 'outputs stay exported holding their last level');
  });

  test('a missing onoff package is GPIO_UNAVAILABLE', async () => {
    const backend = new OnoffGpioBackend({
      clock: new FakeClock(),
      sysfsRoot: fs.gpioRoot,
      loadOnoff: async () => {
        throw new HalError('GPIO_UNAVAILABLE', 'no onoff');
      },
    });
    await assert.rejects(backend.open({ line: 1, direction: 'in' }), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
  });
});
