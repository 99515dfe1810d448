/**
 * 1.6 SmartCharging end to end (OCTT TC_056, TC_057, TC_058_1/2, TC_059, TC_060, TC_066, TC_067, TC_072, TC_082)
 * against the strict CSMS: profiles set, cleared and composed; the pilot's offer (chargerctl status) follows the
 * profile across a period boundary and pauses below 6 A; profiles survive a restart.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidFrames, relaunch, rig, startSession, unplugToAvailable, type Rig } from './harness.js';

/** Whole seconds, a second ago: the profile is in force from the moment it arrives. */
const startNow = () => new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();

function profile(id: number, purpose: string, periods: [number, number][], extra: Record<string, unknown> = {}, schedule: Record<string, unknown> = {}) {
  const kind = (extra.chargingProfileKind as string | undefined) ?? 'Absolute';
  return {
    chargingProfileId: id,
    stackLevel: 0,
    chargingProfilePurpose: purpose,
    chargingProfileKind: kind,
    ...extra,
    chargingSchedule: {
      ...(kind === 'Absolute' ? { startSchedule: startNow() } : {}),
      chargingRateUnit: 'A',
      chargingSchedulePeriod: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })),
      ...schedule,
    },
  };
}

const offered = (r: Rig, evse: number, a: number, source?: string) =>
  r.st.until(`EVSE ${evse} offers ${a} A${source ? ` (${source})` : ''}`, (s) => {
    const e = s.evses.find((x: any) => x.id === evse);
    return e.offeredCurrentA === a && (source === undefined || e.limitSource === source);
  });

describe('1.6 smart charging', () => {
  let r: Rig;
  before(async () => {
    r = await rig('CP-SMART', { evses: [{ id: 1, maxCurrentA: 32, phases: 3 }, { id: 2, maxCurrentA: 16, phases: 3 }] });
  });
  after(() => r.close());
  afterEach(async () => {
    assertValidFrames(r);
    await r.call('ClearChargingProfile', {});
  });

  test('keys: SmartCharging supported, §9.4 keys read-only', async () => {
    const keys = ['SupportedFeatureProfiles', 'ChargeProfileMaxStackLevel', 'ChargingScheduleAllowedChargingRateUnit', 'ChargingScheduleMaxPeriods', 'MaxChargingProfilesInstalled', 'ConnectorSwitch3to1PhaseSupported'];
    const { configurationKey } = await r.call('GetConfiguration', { key: keys });
    assert.deepEqual(configurationKey, [
      { key: 'SupportedFeatureProfiles', readonly: true, value: 'Core,LocalAuthListManagement,Reservation,SmartCharging' },
      { key: 'ChargeProfileMaxStackLevel', readonly: true, value: '8' },
      { key: 'ChargingScheduleAllowedChargingRateUnit', readonly: true, value: 'Current,Power' },
      { key: 'ChargingScheduleMaxPeriods', readonly: true, value: '50' },
      { key: 'MaxChargingProfilesInstalled', readonly: true, value: '20' },
      { key: 'ConnectorSwitch3to1PhaseSupported', readonly: true, value: 'false' },
    ]);
    assert.deepEqual(await r.call('ChangeConfiguration', { key: 'ChargeProfileMaxStackLevel', value: '3' }), { status: 'Rejected' });
  });

  test('TC_056_CS TxDefaultProfile before the transaction: the session charges at its limit, status names the profile', async () => {
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 1, csChargingProfiles: profile(56, 'TxDefaultProfile', [[0, 10]]) }), { status: 'Accepted' });
    await startSession(r, 1, 'SC-56');
    const s = await offered(r, 1, 10, 'profile');
    assert.equal(s.evses[0].limitProfileId, 56);
    const text = await r.st.ok('status');
    assert.match(text, /EVSE 1: limited to 10 A by profile 56/);
    await unplugToAvailable(r, 1);
  });

  test('TC_057_CS TxProfile for the running transaction; it ends with the transaction', async () => {
    const txId = await startSession(r, 1, 'SC-57');
    await offered(r, 1, 32, 'evse');
    const p = profile(57, 'TxProfile', [[0, 8]], { transactionId: txId, chargingProfileKind: 'Relative' });
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 1, csChargingProfiles: p }), { status: 'Accepted' });
    await offered(r, 1, 8, 'profile');
    await unplugToAvailable(r, 1);
    assert.deepEqual(await r.call('ClearChargingProfile', { id: 57 }), { status: 'Unknown' }, 'gone with its transaction');
  });

  test('TC_058_1_CS TxProfile without a transaction → Rejected', async () => {
    const p = profile(581, 'TxProfile', [[0, 8]], { chargingProfileKind: 'Relative' });
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 1, csChargingProfiles: p }), { status: 'Rejected' });
    assert.deepEqual(await r.call('ClearChargingProfile', { id: 581 }), { status: 'Unknown' });
  });

  test('TC_058_2_CS TxProfile with another transactionId → Rejected', async () => {
    const txId = await startSession(r, 1, 'SC-58');
    const p = profile(582, 'TxProfile', [[0, 8]], { transactionId: txId + 1000, chargingProfileKind: 'Relative' });
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 1, csChargingProfiles: p }), { status: 'Rejected' });
    assert.equal((await r.st.evse(1)).offeredCurrentA, 32);
    await unplugToAvailable(r, 1);
  });

  test('TC_082_CS TxDefaultProfile during a transaction applies at once; the next period follows at its boundary', async () => {
    await startSession(r, 1, 'SC-82');
    await offered(r, 1, 32, 'evse');
    const p = profile(82, 'TxDefaultProfile', [[0, 12], [4, 7]]);
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 0, csChargingProfiles: p }), { status: 'Accepted' });
    await offered(r, 1, 12, 'profile');
    // The second period starts 4 s after startSchedule (a second before now): about 3 s from here.
    const t0 = Date.now();
    await offered(r, 1, 7, 'profile');
    assert.ok(Date.now() - t0 < 5000, 'the boundary reached the pilot on time');
    assert.equal((await r.st.evse(1)).status, 'Charging');
    await unplugToAvailable(r, 1);
  });

  test('a limit under 6 A pauses (SuspendedEVSE) and the next period above it resumes (Charging)', async () => {
    await startSession(r, 1, 'SC-LOW');
    const p = profile(6, 'TxDefaultProfile', [[0, 3], [6, 10]]);
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 1, csChargingProfiles: p }), { status: 'Accepted' });
    const s = await r.st.until('SuspendedEVSE with nothing offered', (s) => s.evses[0].status === 'SuspendedEVSE' && s.evses[0].offeredCurrentA === 0);
    assert.equal(s.evses[0].limitA, 3);
    assert.equal(s.evses[0].limitSource, 'profile');
    await r.st.until('charging at 10 A again', (s) => s.evses[0].status === 'Charging' && s.evses[0].offeredCurrentA === 10, 10_000);
    await unplugToAvailable(r, 1);
  });

  test('TC_072_CS stacking: the higher stackLevel wins while it has a period, the lower one after its duration', async () => {
    await startSession(r, 2, 'SC-72');
    await offered(r, 2, 16, 'evse');
    const low = profile(720, 'TxDefaultProfile', [[0, 14]]);
    const high = profile(721, 'TxDefaultProfile', [[0, 9]], { stackLevel: 1 }, { duration: 5 });
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 2, csChargingProfiles: low }), { status: 'Accepted' });
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 2, csChargingProfiles: high }), { status: 'Accepted' });
    await offered(r, 2, 9, 'profile');
    assert.equal((await r.st.evse(2)).limitProfileId, 721);
    await offered(r, 2, 14, 'profile');
    assert.equal((await r.st.evse(2)).limitProfileId, 720);
    await unplugToAvailable(r, 2);
  });

  test('TC_066_CS GetCompositeSchedule for a connector and for the charge point (0); unknown connector → Rejected', async () => {
    const max = profile(660, 'ChargePointMaxProfile', [[0, 40]]);
    const def = profile(661, 'TxDefaultProfile', [[0, 20], [600, 10]]);
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 0, csChargingProfiles: max }), { status: 'Accepted' });
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 0, csChargingProfiles: def }), { status: 'Accepted' });
    const one = await r.call('GetCompositeSchedule', { connectorId: 1, duration: 1200, chargingRateUnit: 'A' });
    assert.equal(one.status, 'Accepted');
    assert.equal(one.connectorId, 1);
    assert.equal(one.chargingSchedule.chargingRateUnit, 'A');
    assert.equal(one.chargingSchedule.duration, 1200);
    const periods = one.chargingSchedule.chargingSchedulePeriod;
    assert.deepEqual(periods.map((p: any) => p.limit), [20, 10]);
    assert.equal(periods[0].startPeriod, 0);
    // startSchedule was a second or two before the request: the step comes 598..599 s in.
    assert.ok(periods[1].startPeriod >= 597 && periods[1].startPeriod <= 599, `step at ${periods[1].startPeriod}`);
    const zero = await r.call('GetCompositeSchedule', { connectorId: 0, duration: 1200 });
    assert.equal(zero.status, 'Accepted');
    // The charge point total: min(ChargePointMax 40, 20 + 16) then min(40, 10 + 10).
    assert.deepEqual(zero.chargingSchedule.chargingSchedulePeriod.map((p: any) => p.limit), [36, 20]);
    const watts = await r.call('GetCompositeSchedule', { connectorId: 1, duration: 60, chargingRateUnit: 'W' });
    assert.deepEqual(watts.chargingSchedule.chargingSchedulePeriod.map((p: any) => p.limit), [20 * 230 * 3]);
    assert.deepEqual(await r.call('GetCompositeSchedule', { connectorId: 5, duration: 60 }), { status: 'Rejected' });

    // chargerctl shows the same: the installed profiles and the composite, as a table and a chart.
    const list = await r.st.ok('profiles');
    assert.match(list, /^ID\s+EVSE\s+PURPOSE\s+STACK\s+KIND/m);
    assert.match(list, /^660\s+0 \(station\)\s+ChargePointMax\s+0\s+Absolute\s.*40 A/m);
    assert.match(list, /^661\s+0 \(station\)\s+TxDefault\s+0\s+Absolute\s.*0s:20 600s:10 A/m);
    const json = JSON.parse(await r.st.ok('profiles', '1', '--json'));
    assert.deepEqual(json.profiles.map((p: any) => p.id), [660, 661], 'station-wide profiles apply to EVSE 1');
    const sched = await r.st.ok('schedule', '1', '--duration', '1200');
    assert.match(sched, /^EVSE 1: composite schedule from .* for 20m/m);
    assert.match(sched, /^\+0s\s+\S+\s+9m5\ds\s+20\s+3$/m);
    assert.match(sched, /^\+9m5\ds\s+\S+\s+10m0\ds\s+10\s+3$/m);
    assert.match(sched, /^20 A \|#+$/m, 'the chart: full height while 20 A');
    assert.match(sched, /^ 0 A \|#{60}$/m, 'the bottom row is filled for the whole time');
    const total = JSON.parse(await r.st.ok('schedule', '0', '--duration', '1200', '--json'));
    assert.deepEqual(total.periods.map((p: any) => p.limit), [36, 20]);
    const bad = await r.st.ctl(['schedule', '1', '--duration', '0']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--duration must be a whole number of seconds from 1 to 604800, got '0'/);
    const unknown = await r.st.ctl(['schedule', '7']);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /no EVSE 7/);
  });

  test('TC_067_CS ClearChargingProfile by id, by connector + purpose + stackLevel; nothing matching → Unknown', async () => {
    for (const [id, stackLevel] of [[671, 0], [672, 1], [673, 2]] as const)
      assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 1, csChargingProfiles: profile(id, 'TxDefaultProfile', [[0, 20]], { stackLevel }) }), { status: 'Accepted' });
    assert.deepEqual(await r.call('ClearChargingProfile', { id: 671 }), { status: 'Accepted' });
    assert.deepEqual(await r.call('ClearChargingProfile', { id: 671 }), { status: 'Unknown' });
    assert.deepEqual(await r.call('ClearChargingProfile', { connectorId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 5 }), { status: 'Unknown' });
    assert.deepEqual(await r.call('ClearChargingProfile', { connectorId: 2, chargingProfilePurpose: 'TxDefaultProfile' }), { status: 'Unknown' });
    assert.deepEqual(await r.call('ClearChargingProfile', { connectorId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 2 }), { status: 'Accepted' });
    assert.deepEqual(await r.call('ClearChargingProfile', { chargingProfilePurpose: 'TxDefaultProfile' }), { status: 'Accepted' }, '672 left');
    assert.deepEqual(await r.call('ClearChargingProfile', {}), { status: 'Unknown' });
  });

  test('TC_059_CS RemoteStartTransaction with a TxProfile: the transaction it starts charges at its limit', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    const p = profile(59, 'TxProfile', [[0, 11]], { chargingProfileKind: 'Relative' });
    assert.deepEqual(await r.call('RemoteStartTransaction', { connectorId: 1, idTag: 'SC-59', chargingProfile: p }), { status: 'Accepted' });
    await r.csms.waitFor('StartTransaction', (x) => x.idTag === 'SC-59', 10_000, m);
    await offered(r, 1, 11, 'profile');
    await unplugToAvailable(r, 1);
    assert.deepEqual(await r.call('ClearChargingProfile', { id: 59 }), { status: 'Unknown' }, 'ended with its transaction');
  });

  test('TC_060_CS RemoteStartTransaction with a profile that is no TxProfile → Rejected, nothing starts', async () => {
    const m = r.mark();
    const p = profile(60, 'TxDefaultProfile', [[0, 11]]);
    assert.deepEqual(await r.call('RemoteStartTransaction', { connectorId: 1, idTag: 'SC-60', chargingProfile: p }), { status: 'Rejected' });
    const bad = profile(61, 'TxProfile', [[5, 11]], { chargingProfileKind: 'Relative' });
    assert.deepEqual(await r.call('RemoteStartTransaction', { connectorId: 1, idTag: 'SC-60', chargingProfile: bad }), { status: 'Rejected' }, 'first period not at 0');
    assert.deepEqual(await r.call('ClearChargingProfile', {}), { status: 'Unknown' });
    assert.equal(r.csms.received('StartTransaction').filter((x) => r.csms.records.indexOf(x) > m).length, 0);
    assert.equal((await r.st.evse(1)).status, 'Available');
  });

  test('profiles survive a restart', async () => {
    const p = profile(90, 'TxDefaultProfile', [[0, 13]]);
    assert.deepEqual(await r.call('SetChargingProfile', { connectorId: 0, csChargingProfiles: p }), { status: 'Accepted' });
    const m = r.mark();
    await r.st.stop();
    await relaunch(r);
    await r.csms.waitFor('StatusNotification', (x) => x.connectorId === 2, 10_000, m);
    const c = await r.call('GetCompositeSchedule', { connectorId: 1, duration: 60 });
    assert.deepEqual(c.chargingSchedule.chargingSchedulePeriod.map((x: any) => x.limit), [13]);
    await startSession(r, 1, 'SC-90');
    await offered(r, 1, 13, 'profile');
    await unplugToAvailable(r, 1);
  });
});
