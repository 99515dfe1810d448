/**
 * The station's charging profiles (agent/station/charging-profiles.ts) through a real Station on the fake clock:
 * the pilot follows a period boundary when it passes, there is one timer whatever the number of profiles and
 * periods, the set survives a new Station on the same store (a corrupt value is dropped), and a transaction's
 * TxProfile ends with it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PROFILES_KEY } from '../../../agent/station/charging-profiles.js';
import type { ChargingProfile } from '../../../agent/smart-charging/types.js';
import { chargingSession, harness, SOCKET } from './harness.js';

function txDefault(id: number, start: Date, periods: [number, number][], extra: Partial<ChargingProfile> = {}): ChargingProfile {
  return {
    id,
    evseId: 0,
    stackLevel: 0,
    purpose: 'TxDefault',
    kind: 'Absolute',
    schedules: [{ startSchedule: start, chargingRateUnit: 'A', periods: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })) }],
    ...extra,
  };
}

describe('station charging profiles', () => {
  test('the offer follows a period boundary when it passes, and is named profile with its id', async () => {
    const h = await harness();
    await chargingSession(h);
    const evse = h.station.evse(SOCKET)!;
    const p = txDefault(7, h.clock.now(), [[0, 16], [10, 8]]);
    assert.equal(h.station.profiles.validate(p).ok, true);
    h.station.profiles.install(p);
    assert.equal(h.hw().pilot.offeredCurrentA, 16, 'applied in the same call stack');
    assert.equal(evse.snapshot().limitSource, 'profile');
    assert.equal(evse.snapshot().limitProfileId, 7);
    await h.run(9_900, 100);
    assert.equal(h.hw().pilot.offeredCurrentA, 16);
    await h.run(100, 100);
    assert.equal(h.hw().pilot.offeredCurrentA, 8, 'at the boundary, not later');
    assert.equal(evse.currentStatus().status, 'Charging');
    await h.close();
  });

  test('a W limit converts with the EVSE nominal voltage', async () => {
    const h = await harness({ evses: [{ nominalVoltageV: 240 }] });
    await chargingSession(h);
    const p = txDefault(3, h.clock.now(), [[0, 7200]]);
    p.schedules[0]!.chargingRateUnit = 'W';
    h.station.profiles.install(p);
    assert.equal(h.hw().pilot.offeredCurrentA, 10, '7200 W / (240 V × 3)');
    await h.close();
  });

  test('below 6 A the EVSE pauses (SuspendedEVSE) and resumes when the next period rises', async () => {
    const h = await harness();
    await chargingSession(h);
    h.station.profiles.install(txDefault(1, h.clock.now(), [[0, 3], [20, 12]]));
    assert.equal(h.hw().pilot.offeredCurrentA, 0);
    await h.run(5_000, 100);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'SuspendedEVSE');
    assert.equal(h.hw().contactor.commandedClosed, false);
    await h.run(15_500, 100);
    assert.equal(h.hw().pilot.offeredCurrentA, 12);
    await h.run(2_000, 100);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Charging');
    await h.close();
  });

  test('one timer per station, however many profiles and periods; none without profiles', async () => {
    const h = await harness();
    await chargingSession(h);
    const before = h.clock.pendingTimers();
    assert.equal(h.station.profiles.timersArmed(), 0);
    const now = h.clock.now();
    for (let i = 0; i < 5; i++) {
      const periods: [number, number][] = Array.from({ length: 20 }, (_, k) => [k * 60 + i, 6 + k]);
      periods[0]![0] = 0;
      h.station.profiles.install(txDefault(10 + i, now, periods, { stackLevel: i }));
    }
    assert.equal(h.station.profiles.timersArmed(), 1);
    assert.equal(h.clock.pendingTimers(), before + 1);
    assert.equal(h.station.profiles.nextRecomputeAt()?.getTime(), now.getTime() + 60_000, 'the earliest boundary of any of them');
    await h.run(120_000, 1000);
    assert.equal(h.clock.pendingTimers(), before + 1, 're-armed, never added');
    h.station.profiles.clear({});
    assert.equal(h.station.profiles.timersArmed(), 0);
    assert.equal(h.clock.pendingTimers(), before);
    await h.close();
  });

  test('persisted in the settings table: a new station on the same store has the same profiles', async () => {
    const h = await harness({ store: 'sqlite' });
    const p = txDefault(5, new Date('2026-01-01T00:00:00Z'), [[0, 16], [3600, 10]], { validTo: new Date('2027-01-01T00:00:00Z') });
    h.station.profiles.install(p);
    assert.ok(h.store.settings.getAll()[PROFILES_KEY]);
    const installed = h.station.profiles.all();
    await h.close();
    const h2 = await harness({ store: h.store, clock: h.clock });
    assert.deepEqual(h2.station.profiles.all(), installed);
    h2.station.profiles.clear({ id: 5 });
    assert.equal(h2.store.settings.getAll()[PROFILES_KEY], undefined, 'an empty set leaves no value');
    await h2.close();
  });

  test('a corrupt stored value is dropped, not fatal: the station runs on its ratings', async () => {
    const h = await harness({ startStation: false });
    h.store.settings.set(PROFILES_KEY, '{"version":1,"profiles":[{"id":"x"}]}');
    h.station.start();
    assert.deepEqual(h.station.profiles.all(), []);
    assert.equal(h.store.settings.getAll()[PROFILES_KEY], undefined);
    await chargingSession(h);
    assert.equal(h.hw().pilot.offeredCurrentA, 32);
    await h.close();
  });

  test('a TxProfile is dropped when its transaction ends; TxDefault stays', async () => {
    const h = await harness();
    const rec = await chargingSession(h);
    h.station.profiles.install(txDefault(1, h.clock.now(), [[0, 20]]));
    const tx: ChargingProfile = { id: 2, evseId: SOCKET, stackLevel: 0, purpose: 'Tx', kind: 'Relative', transactionId: rec.localId, schedules: [{ chargingRateUnit: 'A', periods: [{ startPeriod: 0, limit: 10 }] }] };
    assert.equal(h.station.profiles.validate(tx).ok, true);
    h.station.profiles.install(tx);
    assert.equal(h.hw().pilot.offeredCurrentA, 10);
    const stopped = h.station.evse(SOCKET)!.stopTransaction('Local');
    await h.run(10_000, 100);
    await stopped;
    assert.deepEqual(h.station.profiles.all().map((p) => p.id), [1]);
    assert.equal(JSON.parse(h.store.settings.getAll()[PROFILES_KEY]!).profiles.length, 1, 'persisted without it');
    await h.close();
  });

  test('a TxProfile for a transaction not running is refused; an unbound one binds when the transaction starts', async () => {
    const h = await harness();
    const tx: ChargingProfile = { id: 9, evseId: SOCKET, stackLevel: 0, purpose: 'Tx', kind: 'Relative', schedules: [{ chargingRateUnit: 'A', periods: [{ startPeriod: 0, limit: 11 }] }] };
    const v = h.station.profiles.validate(tx);
    assert.equal(v.ok, false);
    assert.equal(!v.ok && v.reason, 'NoTransaction');
    assert.equal(h.station.profiles.validate(tx, { pendingTransactionOn: SOCKET }).ok, true);
    h.station.profiles.install(tx);
    const rec = await chargingSession(h);
    assert.equal(h.station.profiles.all()[0]!.transactionId, rec.localId);
    assert.equal(h.hw().pilot.offeredCurrentA, 11);
    await h.close();
  });

  test("a RemoteStart's unbound TxProfile goes when the EVSE is Available again without a transaction", async () => {
    const h = await harness({ settings: { connectionTimeOutS: 5 } });
    const tx: ChargingProfile = { id: 4, evseId: SOCKET, stackLevel: 0, purpose: 'Tx', kind: 'Relative', schedules: [{ chargingRateUnit: 'A', periods: [{ startPeriod: 0, limit: 11 }] }] };
    h.station.profiles.install(tx);
    h.sim.plug(SOCKET);
    await h.run(1000, 100);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Preparing');
    assert.deepEqual(h.station.profiles.all().map((p) => p.id), [4]);
    h.sim.unplug(SOCKET);
    await h.run(5000, 100);
    assert.equal(h.station.evse(SOCKET)!.currentStatus().status, 'Available');
    assert.deepEqual(h.station.profiles.all(), []);
    await h.close();
  });
});
