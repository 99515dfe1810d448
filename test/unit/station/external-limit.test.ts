/**
 * External and site limits (agent/station/external-limit.ts) through the station: the pilot follows a limit at
 * once, an expiry restores the EVSE's own rating, below 6 A the EVSE suspends, and the site limit is shared.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveLimit, toAmps } from '../../../agent/station/external-limit.js';
import { CABLE, chargingSession, harness, SOCKET } from './harness.js';

describe('effective limit', () => {
  test('the smallest source wins and is named; below 6 A nothing is offered', () => {
    assert.deepEqual(effectiveLimit({ evse: 32 }), { limitA: 32, source: 'evse', offerA: 32 });
    assert.deepEqual(effectiveLimit({ evse: 32, cable: 20, external: 16 }), { limitA: 16, source: 'external', offerA: 16 });
    assert.deepEqual(effectiveLimit({ evse: 32, cable: 20, external: null, site: 25 }), { limitA: 20, source: 'cable', offerA: 20 });
    assert.deepEqual(effectiveLimit({ evse: 32, external: 5.9 }), { limitA: 5.9, source: 'external', offerA: 0 });
    assert.deepEqual(effectiveLimit({ evse: 32, site: 0 }), { limitA: 0, source: 'site', offerA: 0 });
  });

  test('power converts at 230 V per phase, rounded down to 0.1 A', () => {
    assert.equal(toAmps({ powerW: 11_040 }, 3), 16);
    assert.equal(effectiveLimit({ evse: 32, external: toAmps({ powerW: 4_000 }, 1) }).limitA, 17.3);
  });
});

describe('external limit on a charging EVSE', () => {
  test('reaches the pilot at once, shows in the snapshot, and its expiry restores the rating', async () => {
    const h = await harness();
    await chargingSession(h);
    const evse = h.station.evse(SOCKET)!;
    assert.equal(h.hw().pilot.offeredCurrentA, 32);
    h.station.limits.setEvse(SOCKET, { currentA: 10 }, 60);
    assert.equal(h.hw().pilot.offeredCurrentA, 10, 'in the same call stack');
    assert.equal(evse.snapshot().limitA, 10);
    assert.equal(evse.snapshot().limitSource, 'external');
    await h.run(59_000, 1000);
    assert.equal(h.hw().pilot.offeredCurrentA, 10);
    await h.run(1_100, 100);
    assert.equal(h.hw().pilot.offeredCurrentA, 32);
    assert.equal(evse.snapshot().limitSource, 'evse');
    assert.equal(h.station.limits.evseSetting(SOCKET), null);
    assert.equal(evse.currentStatus().status, 'Charging');
    await h.close();
  });

  test('below 6 A: PWM off, the EV stops, contactor opens through the IEC sequence, SuspendedEVSE; cleared: charging again', async () => {
    const h = await harness();
    await chargingSession(h);
    const evse = h.station.evse(SOCKET)!;
    h.station.limits.setEvse(SOCKET, { currentA: 4 });
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    assert.equal(h.hw().contactor.commandedClosed, true, 'not opened under load: the EV is told first');
    await h.run(1000);
    assert.equal(h.hw().contactor.commandedClosed, false);
    assert.equal(evse.currentStatus().status, 'SuspendedEVSE');
    assert.ok(evse.transaction(), 'the transaction goes on');
    h.station.limits.setEvse(SOCKET, null);
    assert.equal(h.hw().pilot.offeredCurrentA, 32);
    await h.run(1000);
    assert.equal(h.hw().contactor.commandedClosed, true);
    assert.equal(evse.currentStatus().status, 'Charging');
    await h.close();
  });

  test('a limit on an idle EVSE applies to the next session', async () => {
    const h = await harness();
    h.station.limits.setEvse(SOCKET, { powerW: 11_040 });
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    await chargingSession(h);
    assert.equal(h.hw().pilot.offeredCurrentA, 16);
    await h.close();
  });
});

describe('site limit', () => {
  test('shared equally between two charging EVSEs; one alone gets it all; a share under 6 A pauses the newer one', async () => {
    const h = await harness({ evses: [{ maxCurrentA: 32, phases: 3 }, { maxCurrentA: 32, phases: 3 }] });
    h.station.limits.setSite({ currentA: 20 });
    await chargingSession(h, SOCKET, 'CARD-A');
    assert.equal(h.hw(SOCKET).pilot.offeredCurrentA, 20);
    await chargingSession(h, CABLE, 'CARD-B');
    assert.equal(h.hw(SOCKET).pilot.offeredCurrentA, 10);
    assert.equal(h.hw(CABLE).pilot.offeredCurrentA, 10);
    assert.equal(h.station.evse(CABLE)!.snapshot().limitSource, 'site');

    h.station.limits.setSite({ currentA: 11 });
    assert.equal(h.hw(SOCKET).pilot.offeredCurrentA, 11, 'the older session keeps charging');
    assert.equal(h.hw(CABLE).pilot.offeredCurrentA, 0, 'two shares of 5.5 A cannot be offered: the newer pauses');
    await h.run(1000);
    assert.equal(h.station.evse(CABLE)!.currentStatus().status, 'SuspendedEVSE');

    h.station.limits.setSite({ currentA: 20 });
    await h.run(1000);
    assert.equal(h.hw(CABLE).pilot.offeredCurrentA, 10);
    assert.equal(h.station.evse(CABLE)!.currentStatus().status, 'Charging');

    const stopping = h.station.evse(SOCKET)!.stopTransaction('Local');
    await h.run(8000);
    await stopping;
    assert.equal(h.hw(CABLE).pilot.offeredCurrentA, 20, 'the share of a stopped session goes to the others');
    h.station.limits.setSite(null);
    assert.equal(h.hw(CABLE).pilot.offeredCurrentA, 32);
    await h.close();
  });

  test('stop() releases the expiry timers', async () => {
    const h = await harness();
    const base = h.clock.pendingTimers();
    h.station.limits.setSite({ currentA: 20 }, 30);
    h.station.limits.setEvse(SOCKET, { currentA: 10 }, 30);
    assert.equal(h.clock.pendingTimers(), base + 2);
    h.station.stop();
    assert.ok(h.clock.pendingTimers() <= base, 'no expiry timer left behind');
    await h.sim.stop();
  });
});
