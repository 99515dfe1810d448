import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { FakeGpioBackend } from '../../../hal/gpio/fake-backend.js';
import { LinuxContactor } from '../../../hal/linux/contactor.js';
import type { ContactorFault } from '../../../hal/types.js';

describe('LinuxContactor', () => {
  let clock: FakeClock;
  let gpio: FakeGpioBackend;
  let faults: ContactorFault[];
  let feedback: boolean[];
  // L relay 17, N relay 27, normally-closed mirror contact on 22 (physical 1 = main contacts open)
  const make = (settleMs = 200): LinuxContactor => {
    const c = new LinuxContactor({ outputs: [{ line: 17 }, { line: 27 }], feedback: [{ line: 22, activeLow: true }], settleMs }, gpio, clock);
    c.events.on('fault', (k) => faults.push(k));
    c.events.on('feedback', (f) => feedback.push(f));
    return c;
  };

  beforeEach(() => {
    clock = new FakeClock();
    gpio = new FakeGpioBackend({ clock });
    gpio.setInput(22, 1);
    faults = [];
    feedback = [];
  });

  test('close and open write every output synchronously; a following feedback raises no fault', async () => {
    const c = make();
    await c.start();
    assert.equal(gpio.level(17), 0);
    assert.equal(gpio.level(27), 0);
    assert.equal(c.feedbackClosed, false);
    c.close();
    assert.equal(gpio.level(17), 1);
    assert.equal(gpio.level(27), 1);
    assert.equal(c.commandedClosed, true);
    clock.advance(30);
    gpio.setInput(22, 0);
    assert.equal(c.feedbackClosed, true);
    clock.advance(500);
    c.open();
    assert.equal(gpio.level(17), 0);
    assert.equal(gpio.level(27), 0);
    clock.advance(20);
    gpio.setInput(22, 1);
    clock.advance(500);
    assert.deepEqual(faults, []);
    assert.deepEqual(feedback, [true, false]);
    await c.stop();
    assert.equal(clock.pendingTimers(), 0);
  });

  test('welded: open commanded, feedback still closed after settleMs', async () => {
    const c = make();
    await c.start();
    c.close();
    gpio.setInput(22, 0);
    clock.advance(300);
    c.open();
    clock.advance(199);
    assert.deepEqual(faults, []);
    clock.advance(1);
    assert.deepEqual(faults, ['welded']);
    clock.advance(1000);
    assert.deepEqual(faults, ['welded'], 'reported once');
    await c.stop();
  });

  test('stuck-open: close commanded, feedback never closes', async () => {
    const c = make(100);
    await c.start();
    c.close();
    clock.advance(100);
    assert.deepEqual(faults, ['stuck-open']);
    await c.stop();
  });

  test('a feedback change while idle that disagrees is a fault at once', async () => {
    const c = make();
    await c.start();
    clock.advance(500);
    gpio.setInput(22, 0);
    assert.deepEqual(faults, ['welded']);
    c.close();
    clock.advance(500);
    gpio.setInput(22, 1);
    assert.deepEqual(faults, ['welded', 'stuck-open']);
    await c.stop();
  });

  test('a contactor already welded at start-up is reported after one settle time', async () => {
    gpio.setInput(22, 0);
    const c = make();
    await c.start();
    clock.advance(200);
    assert.deepEqual(faults, ['welded']);
    await c.stop();
  });

  test('without feedback: feedbackClosed is null and no fault is ever raised', async () => {
    const c = new LinuxContactor({ outputs: [{ line: 17 }] }, gpio, clock);
    c.events.on('fault', (k) => faults.push(k));
    await c.start();
    c.close();
    clock.advance(1000);
    assert.equal(c.feedbackClosed, null);
    assert.deepEqual(faults, []);
    assert.equal(clock.pendingTimers(), 0);
    await c.stop();
    assert.equal(gpio.level(17), 0, 'stop leaves the relay open');
  });

  test('open() still writes the second relay when the first line fails, then throws', async () => {
    const c = make();
    await c.start();
    c.close();
    // Take line 17 away underneath the driver (as a dying backend would).
    await gpio.close();
    assert.throws(() => c.open(), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
    assert.equal(gpio.level(27), 1, 'fake closed every line, so nothing could be written');
  });

  test('close() before start() throws; open() before start() is harmless', () => {
    const c = make();
    assert.throws(() => c.close(), (e: unknown) => e instanceof HalError);
    c.open();
  });

  test('start() fails cleanly when a feedback line is unavailable (outputs released)', async () => {
    gpio.makeUnavailable(22);
    const c = make();
    await assert.rejects(c.start(), (e: unknown) => e instanceof HalError && e.code === 'GPIO_UNAVAILABLE');
    assert.equal(gpio.isOpen(17), false);
    assert.equal(gpio.isOpen(27), false);
  });
});
