/**
 * Load management through a real Station on the fake clock (agent/station/site-shares.ts, failsafe.ts): the site
 * limit from the config is shared by the policy, what an EV does not draw goes to the others and comes back when
 * it draws again, and the failsafe limit replaces the CSMS's profiles while the CSMS is gone too long.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChargingProfile } from '../../../agent/smart-charging/types.js';
import { DEFAULT_SITE_SHARING, type SiteSharing } from '../../../agent/station/site-shares.js';
import { CABLE, chargingSession, harness, SOCKET, type Harness } from './harness.js';

const TWO_32A = [
  { maxCurrentA: 32, phases: 3 as const },
  { maxCurrentA: 32, phases: 3 as const },
];
const SIM_TWO_32A = {
  evses: [
    { id: SOCKET, connector: 'socket' as const, maxCurrentA: 32, phases: 3 as const },
    { id: CABLE, connector: 'cable' as const, maxCurrentA: 32, phases: 3 as const },
  ],
};

async function site(sharing: Partial<SiteSharing>): Promise<Harness> {
  const h = await harness({ evses: TWO_32A, sim: SIM_TWO_32A, station: { siteSharing: { ...DEFAULT_SITE_SHARING, limit: { currentA: 40 }, ...sharing } } });
  await chargingSession(h, SOCKET, 'CARD-A');
  await chargingSession(h, CABLE, 'CARD-B');
  return h;
}

const offers = (h: Harness) => [h.hw(SOCKET).pilot.offeredCurrentA, h.hw(CABLE).pilot.offeredCurrentA];

describe('site limit from the config', () => {
  test('equalShare: 40 A between two sessions is 20 A each, named site', async () => {
    const h = await site({});
    assert.deepEqual(offers(h), [20, 20]);
    assert.equal(h.station.evse(CABLE)!.snapshot().limitSource, 'site');
    await h.close();
  });

  test('firstComeFirstServed: the older session takes what it can use, the newer the rest', async () => {
    const h = await site({ policy: 'firstComeFirstServed' });
    assert.deepEqual(offers(h), [32, 8]);
    await h.close();
  });

  test('the energy manager can lower the configured site limit, never raise it', async () => {
    const h = await site({});
    h.station.limits.setSite({ currentA: 24 });
    assert.deepEqual(offers(h), [12, 12]);
    h.station.limits.setSite({ currentA: 100 });
    assert.deepEqual(offers(h), [20, 20]);
    await h.close();
  });
});

describe('reallocation of what an EV does not draw', () => {
  test('an EV limited onboard to 8 A keeps 9 A, the other gets the rest; drawing again, it gets its share back', async () => {
    const h = await site({});
    h.sim.setEvMaxCurrent(CABLE, 8);
    // One look to see the share settled, the next to judge the draw (meter read every 5 s meanwhile).
    await h.run(20_000, 100);
    assert.deepEqual(offers(h), [31, 9], 'capped at draw + 1 A margin, the rest to EVSE 1');
    assert.equal(h.station.limits.shares.capsNow().get(CABLE), 9);
    await h.run(30_000, 100);
    assert.deepEqual(offers(h), [31, 9], 'stable: an EV drawing just under its cap keeps it');
    h.sim.setEvMaxCurrent(CABLE, 32);
    await h.run(20_000, 100);
    assert.deepEqual(offers(h), [20, 20], 'drawing up to the cap lifts it');
    await h.close();
  });

  test('a paused EV keeps the 6 A minimum (so it can resume), the other gets the rest up to its rating', async () => {
    const h = await site({});
    h.sim.setEvCharge(CABLE, false);
    await h.run(20_000, 100);
    assert.deepEqual(offers(h), [32, 6]);
    assert.ok(h.station.evse(CABLE)!.transaction(), 'the paused session goes on');
    await h.close();
  });

  test('with reallocate false the shares stay equal', async () => {
    const h = await site({ reallocate: false });
    h.sim.setEvMaxCurrent(CABLE, 8);
    await h.run(40_000, 100);
    assert.deepEqual(offers(h), [20, 20]);
    await h.close();
  });

  test('a cap ends with its session: the next session there starts with a full share', async () => {
    const h = await site({});
    h.sim.setEvMaxCurrent(CABLE, 8);
    await h.run(20_000, 100);
    assert.deepEqual(offers(h), [31, 9]);
    const stopping = h.station.evse(CABLE)!.stopTransaction('Local');
    await h.run(8000);
    await stopping;
    assert.equal(h.station.limits.shares.capsNow().has(CABLE), false);
    assert.equal(h.hw(SOCKET).pilot.offeredCurrentA, 32);
    await h.close();
  });

  test('stop() releases the look timer', async () => {
    const h = await harness({ station: { siteSharing: { ...DEFAULT_SITE_SHARING, limit: { currentA: 40 } } } });
    const before = h.clock.pendingTimers();
    await h.close();
    assert.ok(h.clock.pendingTimers() < before);
  });
});

function txDefault(limit: number, start: Date): ChargingProfile {
  return { id: 5, evseId: 0, stackLevel: 0, purpose: 'TxDefault', kind: 'Absolute', schedules: [{ startSchedule: start, chargingRateUnit: 'A', periods: [{ startPeriod: 0, limit }] }] };
}

describe('failsafe limit while the CSMS is gone', () => {
  test('after afterS without the CSMS the failsafe replaces its profile; back online, the profile counts again', async () => {
    const h = await harness({ station: { failsafe: { afterS: 60, limitA: 10 } } });
    h.station.failsafe.connection(true);
    await chargingSession(h);
    h.station.profiles.install(txDefault(20, h.clock.now()));
    assert.equal(h.hw().pilot.offeredCurrentA, 20);
    h.station.failsafe.connection(false);
    await h.run(59_900, 100);
    assert.equal(h.hw().pilot.offeredCurrentA, 20, 'not before afterS');
    await h.run(200, 100);
    assert.equal(h.hw().pilot.offeredCurrentA, 10);
    assert.equal(h.station.evse(SOCKET)!.snapshot().limitSource, 'failsafe');
    h.station.failsafe.connection(true);
    assert.equal(h.hw().pilot.offeredCurrentA, 20, 'at once when the CSMS is back');
    assert.equal(h.station.evse(SOCKET)!.snapshot().limitSource, 'profile');
    await h.close();
  });

  test('it replaces a profile that is lower too (a stale cut), and a short outage changes nothing', async () => {
    const h = await harness({ station: { failsafe: { afterS: 30, limitA: 16 } } });
    h.station.failsafe.connection(true);
    await chargingSession(h);
    h.station.profiles.install(txDefault(8, h.clock.now()));
    h.station.failsafe.connection(false);
    await h.run(20_000, 100);
    h.station.failsafe.connection(true);
    h.station.failsafe.connection(false);
    await h.run(20_000, 100);
    assert.equal(h.hw().pilot.offeredCurrentA, 8, 'the outage clock restarted on reconnect');
    await h.run(10_100, 100);
    assert.equal(h.hw().pilot.offeredCurrentA, 16);
    await h.close();
  });

  test('a station that never reaches its CSMS falls back afterS from start; rating and site limits still apply', async () => {
    const h = await harness({ station: { failsafe: { afterS: 30, limitA: 40 } } });
    await chargingSession(h);
    await h.run(30_100, 100);
    assert.equal(h.hw().pilot.offeredCurrentA, 32, 'a failsafe above the rating offers the rating');
    h.station.limits.setEvse(SOCKET, { currentA: 12 });
    assert.equal(h.hw().pilot.offeredCurrentA, 12, 'the energy manager still limits');
    assert.equal(h.station.failsafe.active, true);
    await h.close();
  });

  test('under 6 A the EVSEs pause (SuspendedEVSE), the transaction goes on', async () => {
    const h = await harness({ station: { failsafe: { afterS: 10, limitA: 0 } } });
    await chargingSession(h);
    await h.run(11_000, 100);
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'SuspendedEVSE');
    assert.ok(h.station.evse(SOCKET)!.transaction());
    await h.close();
  });

  test('no timer outlives the station, even when the connection closes after stop', async () => {
    const h = await harness({ station: { failsafe: { afterS: 10, limitA: 6 } } });
    h.station.failsafe.connection(true);
    await h.close();
    const base = h.clock.pendingTimers();
    h.station.failsafe.connection(false);
    assert.equal(h.clock.pendingTimers(), base);
  });
});
