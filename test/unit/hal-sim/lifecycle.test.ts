import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { HalError } from '../../../hal/errors.js';
import { SimError, SimStation, type SimStationOptions } from '../../../hal/sim/index.js';
import { CABLE, defaultOptions, evse, SOCKET, startedStation, tempDir } from './helpers.js';

describe('simulated station lifecycle and validation', () => {
  test('stop() leaves no timer behind, whatever was pending', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const clock = new FakeClock();
      const { station } = await startedStation({ stateFile: join(dir, 'sim.json') }, clock);
      const s = evse(station, SOCKET);
      station.plug(SOCKET);
      s.pilot.setOfferedCurrent(16); // EV reaction pending
      station.plug(CABLE);
      station.unplug(CABLE);
      station.unplug(SOCKET); // cable linger pending
      station.injectFault(CABLE, 'weld'); // settle check pending
      const locking = assert.rejects(s.lock!.lock(), (e: unknown) => e instanceof HalError && e.code === 'LOCK_FAILED'); // travel pending
      const testing = assert.rejects(s.rcd.selfTest(), (e: unknown) => e instanceof HalError && e.code === 'RCD_SELFTEST_FAILED'); // self-test pending
      assert.ok(clock.pendingTimers() >= 4, `timers pending: ${clock.pendingTimers()}`);
      await station.stop();
      assert.equal(clock.pendingTimers(), 0);
      await locking;
      await testing;
    } finally {
      cleanup();
    }
  });

  test('PWM commands after stop() schedule nothing', async () => {
    const { station, clock } = await startedStation();
    station.plug(SOCKET);
    await station.stop();
    evse(station, SOCKET).pilot.setOfferedCurrent(16);
    evse(station, SOCKET).contactor.close();
    station.safeState();
    assert.equal(clock.pendingTimers(), 0);
  });

  test('SimControl validates the EVSE id and the lifecycle', async () => {
    const station = new SimStation(defaultOptions(), new FakeClock());
    assert.throws(() => station.plug(SOCKET), (e: unknown) => e instanceof SimError && e.code === 'SIM_NOT_STARTED');
    await station.start();
    for (const call of [
      () => station.plug(9),
      () => station.unplug(9),
      () => station.presentTag(9, 'x'),
      () => station.setEvCharge(9, true),
      () => station.injectFault(9, 'rcd'),
      () => station.clearFaults(9),
      () => station.state(9),
    ]) {
      assert.throws(call, (e: unknown) => e instanceof SimError && e.code === 'SIM_UNKNOWN_EVSE' && e.message.includes('9'));
    }
    assert.throws(() => station.setEvCharge(SOCKET, 'yes' as never), (e: unknown) => e instanceof SimError && e.code === 'SIM_BAD_ARGUMENT');
    assert.throws(() => station.setEvMaxCurrent(SOCKET, -1), (e: unknown) => e instanceof SimError && e.code === 'SIM_BAD_ARGUMENT');
    await station.stop();
    assert.throws(() => station.states(), (e: unknown) => e instanceof SimError && e.code === 'SIM_NOT_STARTED');
  });

  test('bad options are refused with BAD_CONFIG naming the field', () => {
    const bad: [SimStationOptions, string][] = [
      [{ evses: [] }, 'evses'],
      [{ evses: [{ id: 0, connector: 'socket', maxCurrentA: 32, phases: 3 }] }, 'evses[0].id'],
      [{ evses: [{ id: 1, connector: 'plug' as never, maxCurrentA: 32, phases: 3 }] }, 'connector'],
      [{ evses: [{ id: 1, connector: 'socket', maxCurrentA: 32, phases: 2 as never }] }, 'phases'],
      [{ evses: [{ id: 1, connector: 'socket', maxCurrentA: 0, phases: 3 }] }, 'maxCurrentA'],
      [
        {
          evses: [
            { id: 1, connector: 'socket', maxCurrentA: 32, phases: 3 },
            { id: 1, connector: 'cable', maxCurrentA: 32, phases: 3 },
          ],
        },
        'used twice',
      ],
      [{ ...defaultOptions(), evReactionMs: -1 }, 'evReactionMs'],
      [{ ...defaultOptions(), stateFile: '' }, 'stateFile'],
    ];
    for (const [options, field] of bad) {
      assert.throws(
        () => new SimStation(options, new FakeClock()),
        (e: unknown) => e instanceof HalError && e.code === 'BAD_CONFIG' && e.message.includes(field),
        field,
      );
    }
  });

  test('the Hal surface: one EvseHardware per EVSE, parts per connector kind', async () => {
    const { station } = await startedStation();
    assert.deepEqual([...station.evses.keys()], [SOCKET, CABLE]);
    const s = evse(station, SOCKET);
    assert.equal(s.connector, 'socket');
    assert.ok(s.proximity && s.lock && s.rcd && s.reader);
    const c = evse(station, CABLE);
    assert.equal(c.connector, 'cable');
    assert.equal(c.proximity, null);
    assert.equal(c.lock, null);
    assert.equal(c.meter.phases, 1);
    await station.stop();
  });

  test('start() and stop() are idempotent; a restarted station works again', async () => {
    const { station, clock } = await startedStation();
    await station.start();
    station.plug(SOCKET);
    await station.stop();
    await station.stop();
    await station.start();
    const s = evse(station, SOCKET);
    station.plug(SOCKET);
    s.pilot.setOfferedCurrent(16);
    clock.advance(200);
    assert.equal(s.pilot.state, 'C');
    await station.stop();
    assert.equal(clock.pendingTimers(), 0);
  });
});
