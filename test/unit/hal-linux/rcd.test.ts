import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { FakeGpioBackend } from '../../../hal/gpio/fake-backend.js';
import { LinuxContactor } from '../../../hal/linux/contactor.js';
import { LinuxRcd } from '../../../hal/linux/rcd.js';

describe('LinuxRcd', () => {
  let clock: FakeClock;
  let gpio: FakeGpioBackend;
  // RDC-DD output on 5: closed (physical 1) when healthy, opens on a fault, so activeLow; test input on 6.
  const make = (over: Partial<ConstructorParameters<typeof LinuxRcd>[0]> = {}): LinuxRcd =>
    new LinuxRcd({ trip: { line: 5, activeLow: true }, test: { line: 6 }, testPulseMs: 100, selfTestTimeoutMs: 300, resetTimeoutMs: 500, ...over }, gpio, clock);

  beforeEach(() => {
    clock = new FakeClock();
    gpio = new FakeGpioBackend({ clock });
    gpio.setInput(5, 1);
  });

  test('trip is emitted synchronously from the edge: the contactor is open before setInput returns', async () => {
    const rcd = make();
    const contactor = new LinuxContactor({ outputs: [{ line: 17 }] }, gpio, clock);
    await contactor.start();
    await rcd.start();
    const order: string[] = [];
    rcd.events.on('trip', () => {
      contactor.open();
      order.push(`trip, relay ${gpio.level(17)}`);
    });
    rcd.events.on('reset', () => order.push('reset'));
    contactor.close();
    gpio.setInput(5, 0);
    order.push('edge returned');
    assert.deepEqual(order, ['trip, relay 0', 'edge returned']);
    assert.equal(rcd.tripped, true);
    gpio.setInput(5, 1);
    assert.deepEqual(order.slice(2), ['reset']);
    assert.equal(rcd.tripped, false);
    await rcd.stop();
    await contactor.stop();
  });

  test('already tripped at start-up: trip is emitted by start()', async () => {
    gpio.setInput(5, 0);
    const rcd = make();
    let trips = 0;
    rcd.events.on('trip', () => trips++);
    await rcd.start();
    assert.equal(trips, 1);
    assert.equal(rcd.tripped, true);
    assert.equal(await rcd.selfTest(), false, 'a tripped device cannot be tested');
    await rcd.stop();
  });

  /** A module that trips `delayMs` after its test input rises and recovers `recoverMs` after it falls. */
  const wireModule = (delayMs: number | null, recoverMs: number | null): void => {
    let prev = 0;
    gpio.onWrite((w) => {
      if (w.line !== 6 || w.value === prev) return;
      prev = w.value;
      if (w.value === 1 && delayMs !== null) clock.setTimeout(() => gpio.setInput(5, 0), delayMs);
      if (w.value === 0 && recoverMs !== null) clock.setTimeout(() => gpio.setInput(5, 1), recoverMs);
    });
  };

  test('self-test passes when the module trips on the pulse and recovers after it', async () => {
    wireModule(40, 60);
    const rcd = make();
    await rcd.start();
    const writesBefore = gpio.writeCount(6);
    const result = rcd.selfTest();
    assert.equal(gpio.level(6), 1, 'test line raised at once');
    await clock.advanceAsync(100, 10);
    assert.equal(gpio.level(6), 0, 'pulse ended after testPulseMs');
    await clock.advanceAsync(100, 10);
    assert.equal(await result, true);
    assert.equal(gpio.writeCount(6) - writesBefore >= 2, true);
    await rcd.stop();
    assert.equal(clock.pendingTimers(), 0);
  });

  test('self-test fails when the module never trips', async () => {
    wireModule(null, null);
    const rcd = make();
    await rcd.start();
    const result = rcd.selfTest();
    await clock.advanceAsync(400, 10);
    assert.equal(await result, false);
    assert.equal(gpio.level(6), 0, 'test line left low');
    await rcd.stop();
  });

  test('self-test fails when the module trips but does not recover', async () => {
    wireModule(40, null);
    const rcd = make();
    await rcd.start();
    const result = rcd.selfTest();
    await clock.advanceAsync(700, 10);
    assert.equal(await result, false);
    assert.equal(rcd.tripped, true);
    await rcd.stop();
  });

  test('self-test fails when the trip comes after selfTestTimeoutMs', async () => {
    wireModule(350, 10);
    const rcd = make();
    await rcd.start();
    const result = rcd.selfTest();
    await clock.advanceAsync(1000, 10);
    assert.equal(await result, false);
    await rcd.stop();
  });

  test('without a test line: canSelfTest false and selfTest rejects NOT_SUPPORTED', async () => {
    const rcd = new LinuxRcd({ trip: { line: 5, activeLow: true } }, gpio, clock);
    await rcd.start();
    assert.equal(rcd.canSelfTest, false);
    await assert.rejects(rcd.selfTest(), (e: unknown) => e instanceof HalError && e.code === 'NOT_SUPPORTED');
    await rcd.stop();
  });
});
