import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HalError } from '../../../hal/errors.js';
import { SimError, SIM_RCD_SELF_TEST_MS } from '../../../hal/sim/index.js';
import { CABLE, evse, SOCKET, startedStation } from './helpers.js';

describe('simulated faults: RCD, lock, meter, reader', () => {
  test("'rcd' trips synchronously inside injectFault; clearFaults resets", async () => {
    const { station } = await startedStation();
    const rcd = evse(station, SOCKET).rcd;
    const seen: string[] = [];
    rcd.events.on('trip', () => seen.push(`trip:${rcd.tripped}`));
    rcd.events.on('reset', () => seen.push(`reset:${rcd.tripped}`));
    assert.equal(rcd.tripped, false);
    station.injectFault(SOCKET, 'rcd');
    assert.deepEqual(seen, ['trip:true'], 'emitted before injectFault returned');
    station.injectFault(SOCKET, 'rcd');
    assert.deepEqual(seen, ['trip:true'], 'already tripped: no second event');
    station.clearFaults(SOCKET);
    assert.deepEqual(seen, ['trip:true', 'reset:false']);
    assert.equal(rcd.tripped, false);
    assert.equal(evse(station, CABLE).rcd.tripped, false, 'other EVSEs unaffected');
    await station.stop();
  });

  test('RCD self-test: true after a short delay, false with an active fault', async () => {
    const { station, clock } = await startedStation();
    const rcd = evse(station, SOCKET).rcd;
    assert.equal(rcd.canSelfTest, true);
    let result: boolean | null = null;
    void rcd.selfTest().then((r) => (result = r));
    await clock.advanceAsync(SIM_RCD_SELF_TEST_MS - 1);
    assert.equal(result, null);
    await clock.advanceAsync(1);
    assert.equal(result, true);

    station.injectFault(SOCKET, 'rcd');
    const failed = rcd.selfTest();
    await clock.advanceAsync(SIM_RCD_SELF_TEST_MS);
    assert.equal(await failed, false);
    await station.stop();
  });

  test('lock/unlock take lockMs and emit change', async () => {
    const { station, clock } = await startedStation({ lockMs: 150 });
    const lock = evse(station, SOCKET).lock!;
    const seen: boolean[] = [];
    lock.events.on('change', (l) => seen.push(l));
    let done = false;
    void lock.lock().then(() => (done = true));
    await clock.advanceAsync(149);
    assert.equal(done, false);
    assert.equal(lock.locked, false);
    await clock.advanceAsync(1);
    assert.equal(done, true);
    assert.equal(lock.locked, true);
    const unlocking = lock.unlock();
    await clock.advanceAsync(150);
    await unlocking;
    assert.equal(lock.locked, false);
    assert.deepEqual(seen, [true, false]);
    await station.stop();
  });

  test("'lock' makes lock() reject LOCK_FAILED and unlock() UNLOCK_FAILED; clear restores", async () => {
    const { station, clock } = await startedStation();
    const lock = evse(station, SOCKET).lock!;
    const locking = lock.lock();
    await clock.advanceAsync(100);
    await locking;
    station.injectFault(SOCKET, 'lock');
    // Handlers attached before time moves: the rejection happens inside advance.
    const unlocking = assert.rejects(lock.unlock(), (e: unknown) => e instanceof HalError && e.code === 'UNLOCK_FAILED');
    await clock.advanceAsync(100);
    await unlocking;
    assert.equal(lock.locked, true, 'jammed in the locked position');
    const relocking = assert.rejects(lock.lock(), (e: unknown) => e instanceof HalError && e.code === 'LOCK_FAILED');
    await clock.advanceAsync(100);
    await relocking;
    station.clearFaults(SOCKET);
    const freed = lock.unlock();
    await clock.advanceAsync(100);
    await freed;
    assert.equal(lock.locked, false);
    await station.stop();
  });

  test("'lock' on a fixed cable is refused with SIM_NOT_APPLICABLE", async () => {
    const { station } = await startedStation();
    assert.throws(() => station.injectFault(CABLE, 'lock'), (e: unknown) => e instanceof SimError && e.code === 'SIM_NOT_APPLICABLE');
    assert.deepEqual(station.state(CABLE).faults, []);
    await station.stop();
  });

  test("'meter' makes read() reject METER_UNAVAILABLE; clear restores", async () => {
    const { station } = await startedStation();
    const meter = evse(station, SOCKET).meter;
    await meter.read();
    station.injectFault(SOCKET, 'meter');
    await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === 'METER_UNAVAILABLE');
    station.clearFaults(SOCKET);
    assert.equal((await meter.read()).energyImportWh, 0);
    await station.stop();
  });

  test("'meter' emits fault at once (the meter's supervision has given up) and recovered when cleared", async () => {
    const { station } = await startedStation();
    const meter = evse(station, SOCKET).meter;
    const log: string[] = [];
    meter.events.on('fault', (err) => log.push(`fault:${err.code}`));
    meter.events.on('recovered', () => log.push('recovered'));
    station.injectFault(SOCKET, 'meter');
    assert.deepEqual(log, ['fault:METER_UNAVAILABLE'], 'inside injectFault');
    await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === 'METER_UNAVAILABLE');
    await assert.rejects(meter.read(), (e: unknown) => e instanceof HalError && e.code === 'METER_UNAVAILABLE');
    assert.deepEqual(log, ['fault:METER_UNAVAILABLE'], 'once, not per failed read');
    station.clearFaults(SOCKET);
    assert.deepEqual(log, ['fault:METER_UNAVAILABLE', 'recovered']);
    await meter.read();
    station.clearFaults(SOCKET);
    assert.deepEqual(log, ['fault:METER_UNAVAILABLE', 'recovered'], 'nothing to recover from');
    await station.stop();
  });

  test('faults are listed in state() in a fixed order and cleared together', async () => {
    const { station } = await startedStation();
    for (const f of ['pilot-unreadable', 'weld', 'meter', 'rcd', 'lock', 'pilot'] as const) station.injectFault(SOCKET, f);
    assert.deepEqual(station.state(SOCKET).faults, ['rcd', 'pilot', 'weld', 'meter', 'lock', 'pilot-unreadable']);
    station.clearFaults(SOCKET);
    assert.deepEqual(station.state(SOCKET).faults, []);
    const e = evse(station, SOCKET);
    assert.equal(e.rcd.tripped, false);
    assert.equal(e.pilot.state, 'A');
    assert.equal(e.contactor.feedbackClosed, false);
    await station.stop();
  });

  test('unknown fault kind is refused', async () => {
    const { station } = await startedStation();
    assert.throws(
      () => station.injectFault(SOCKET, 'fire' as never),
      (e: unknown) => e instanceof SimError && e.code === 'SIM_BAD_ARGUMENT',
    );
    await station.stop();
  });

  test('presentTag emits tag synchronously on that EVSE only', async () => {
    const { station } = await startedStation();
    const tags: string[] = [];
    evse(station, SOCKET).reader.events.on('tag', (t) => tags.push(`1:${t}`));
    evse(station, CABLE).reader.events.on('tag', (t) => tags.push(`2:${t}`));
    station.presentTag(CABLE, 'DEADBEEF');
    assert.deepEqual(tags, ['2:DEADBEEF']);
    assert.throws(() => station.presentTag(CABLE, ''), (e: unknown) => e instanceof SimError && e.code === 'SIM_BAD_ARGUMENT');
    await station.stop();
  });
});
