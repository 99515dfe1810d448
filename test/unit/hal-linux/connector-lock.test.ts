import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { FakeGpioBackend } from '../../../hal/gpio/fake-backend.js';
import { LinuxConnectorLock } from '../../../hal/linux/connector-lock.js';

describe('LinuxConnectorLock', () => {
  let clock: FakeClock;
  let gpio: FakeGpioBackend;
  const make = (): LinuxConnectorLock =>
    new LinuxConnectorLock({ lockOutput: { line: 23 }, unlockOutput: { line: 24 }, feedback: { line: 25 }, pulseMs: 600, checkDelayMs: 100 }, gpio, clock);

  /** An actuator that reaches its end position `travelMs` after its motor line rises, if `works`. */
  const wireActuator = (travelMs: number, works: { lock: boolean; unlock: boolean }): void => {
    gpio.onWrite((w) => {
      if (w.value !== 1) return;
      if (w.line === 23 && works.lock) clock.setTimeout(() => gpio.setInput(25, 1), travelMs);
      if (w.line === 24 && works.unlock) clock.setTimeout(() => gpio.setInput(25, 0), travelMs);
    });
  };

  beforeEach(() => {
    clock = new FakeClock();
    gpio = new FakeGpioBackend({ clock });
  });

  test('lock drives the lock line for pulseMs (never both lines), then checks the switch', async () => {
    wireActuator(300, { lock: true, unlock: true });
    const lock = make();
    await lock.start();
    const changes: boolean[] = [];
    lock.events.on('change', (l) => changes.push(l));
    const both: number[] = [];
    gpio.onWrite(() => {
      if (gpio.level(23) === 1 && gpio.level(24) === 1) both.push(clock.monotonicMs());
    });
    let done = false;
    const p = lock.lock().then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(gpio.level(23), 1);
    assert.equal(gpio.level(24), 0);
    await clock.advanceAsync(599, 1);
    assert.equal(gpio.level(23), 1, 'still driving at 599 ms');
    await clock.advanceAsync(1, 1);
    assert.equal(gpio.level(23), 0, 'motor off after the pulse');
    assert.equal(done, false, 'position is checked checkDelayMs later');
    await clock.advanceAsync(100, 10);
    await p;
    assert.equal(lock.locked, true);
    assert.deepEqual(changes, [true]);

    const u = lock.unlock();
    await new Promise((r) => setImmediate(r));
    assert.equal(gpio.level(24), 1);
    await clock.advanceAsync(700, 10);
    await u;
    assert.equal(lock.locked, false);
    assert.deepEqual(changes, [true, false]);
    assert.deepEqual(both, []);
    await lock.stop();
    assert.equal(clock.pendingTimers(), 0);
  });

  test('LOCK_FAILED when the switch does not show locked, motor stopped', async () => {
    wireActuator(300, { lock: false, unlock: true });
    const lock = make();
    await lock.start();
    const p = lock.lock();
    const caught = p.catch((e: unknown) => e);
    await clock.advanceAsync(800, 10);
    const err = await caught;
    assert.ok(err instanceof HalError && err.code === 'LOCK_FAILED');
    assert.equal(gpio.level(23), 0);
    assert.equal(gpio.level(24), 0);
    await lock.stop();
  });

  test('UNLOCK_FAILED when it stays locked', async () => {
    gpio.setInput(25, 1);
    wireActuator(300, { lock: true, unlock: false });
    const lock = make();
    await lock.start();
    assert.equal(lock.locked, true);
    const caught = lock.unlock().catch((e: unknown) => e);
    await clock.advanceAsync(800, 10);
    const err = await caught;
    assert.ok(err instanceof HalError && err.code === 'UNLOCK_FAILED');
    await lock.stop();
  });

  test('commands are serialised: an unlock issued during a lock waits for it', async () => {
    wireActuator(200, { lock: true, unlock: true });
    const lock = make();
    await lock.start();
    const a = lock.lock();
    const b = lock.unlock();
    await clock.advanceAsync(300, 10);
    assert.equal(gpio.level(24), 0, 'unlock not started during the lock pulse');
    await clock.advanceAsync(500, 10);
    await a;
    await clock.advanceAsync(800, 10);
    await b;
    assert.equal(lock.locked, false);
    await lock.stop();
  });

  test('stop during a command rejects it and stops the motor', async () => {
    const lock = make();
    await lock.start();
    const caught = lock.lock().catch((e: unknown) => e);
    await clock.advanceAsync(100, 10);
    await lock.stop();
    const err = await caught;
    assert.ok(err instanceof HalError && err.code === 'LOCK_FAILED');
    assert.equal(gpio.level(23), 0);
    assert.equal(clock.pendingTimers(), 0);
  });
});
