/**
 * 2.0.1 Smart Charging (K01, K05, K08-K10) end to end: a real chargerd against the strict 2.0.1 CSMS (every frame
 * checked against the OCA schemas), named after the part 6 TC_K_* cases that need no ISO 15118. The pilot's offer
 * (chargerctl status) follows the profiles; reports come in parts; composites for an EVSE and for the station;
 * profiles survive a restart; chargerctl profiles / schedule read the same set.
 * One station, the tests in order; each leaves no profile and no session behind.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Mosquitto, Observer } from '../../support/mosquitto.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';
import { assertValidFrames, callErrorCode, type Rig } from '../core/harness.js';
import { component, relaunch201, rig201, sent, variable } from './harness.js';
import { waitStarted } from './tx-events.js';

/** Whole seconds, a second ago: the schedule is in force from the moment it arrives. */
const startNow = () => new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
const iso = (d: Date) => d.toISOString();

type Periods = [number, number][];
function profile(id: number, purpose: string, periods: Periods, extra: Record<string, unknown> = {}, schedule: Record<string, unknown> = {}) {
  const kind = (extra.chargingProfileKind as string | undefined) ?? 'Absolute';
  return {
    id,
    stackLevel: 0,
    chargingProfilePurpose: purpose,
    chargingProfileKind: kind,
    ...extra,
    chargingSchedule: [
      {
        id: 1,
        ...(kind !== 'Relative' ? { startSchedule: iso(startNow()) } : {}),
        chargingRateUnit: 'A',
        chargingSchedulePeriod: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })),
        ...schedule,
      },
    ],
  };
}

const offered = (r: Rig, evse: number, a: number, source?: string) =>
  r.st.until(`EVSE ${evse} offers ${a} A${source ? ` (${source})` : ''}`, (s) => {
    const e = s.evses.find((x: any) => x.id === evse);
    return e.offeredCurrentA === a && (source === undefined || e.limitSource === source);
  });

describe('2.0.1 smart charging against chargerd', { timeout: SUITE_TIMEOUT_MS }, () => {
  let r: Rig;
  const set = (evseId: number, chargingProfile: unknown) => r.call('SetChargingProfile', { evseId, chargingProfile });
  const get = async (c: string, v: string, instance?: string): Promise<string> => {
    const res = await r.call('GetVariables', { getVariableData: [{ component: component(c), variable: variable(v, instance) }] });
    assert.equal(res.getVariableResult[0].attributeStatus, 'Accepted', `${c}.${v}`);
    return res.getVariableResult[0].attributeValue;
  };
  const setVar = async (c: string, v: string, value: string) =>
    (await r.call('SetVariables', { setVariableData: [{ component: component(c), variable: variable(v), attributeValue: value }] })).setVariableResult[0].attributeStatus;
  /** GetChargingProfiles and the reports it announced (waits for the one with tbc false). */
  const reports = async (requestId: number, criteria: Record<string, unknown>, evseId?: number): Promise<{ status: string; parts: any[] }> => {
    const m = r.mark();
    const res = await r.call('GetChargingProfiles', { requestId, chargingProfile: criteria, ...(evseId !== undefined ? { evseId } : {}) });
    if (res.status !== 'Accepted') return { status: res.status, parts: [] };
    await r.csms.waitFor('ReportChargingProfiles', (p) => p.requestId === requestId && p.tbc === false, 5000, m);
    return { status: res.status, parts: sent(r, 'ReportChargingProfiles', m).filter((p) => p.requestId === requestId) };
  };
  const reportedIds = (parts: any[]) => parts.flatMap((p) => p.chargingProfile.map((x: any) => x.id)).sort((a: number, b: number) => a - b);
  /** Plug and tag; resolves with the transactionId of the Started event. */
  const startSession = async (evse: number, token: string): Promise<string> => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', String(evse));
    await r.st.ok('sim', 'tag', String(evse), token);
    const started = await waitStarted(r, evse, m);
    await r.st.until(`EVSE ${evse} charging`, (s) => s.evses.find((x: any) => x.id === evse).status === 'Charging');
    return started.transactionInfo.transactionId;
  };
  const unplug = async (evse: number) => {
    await r.st.ok('sim', 'unplug', String(evse));
    await r.st.until(`EVSE ${evse} Available`, (s) => {
      const e = s.evses.find((x: any) => x.id === evse);
      return e.status === 'Available' && e.transaction === null;
    });
  };

  before(async () => {
    r = await rig201('CP201-SMART', { station: { evses: [{ id: 1, maxCurrentA: 32, phases: 3 }, { id: 2, maxCurrentA: 16, phases: 3 }] } });
  });
  after(() => r.close());
  afterEach(async () => {
    assertValidFrames(r);
    await r.call('ClearChargingProfile', {});
  });

  it('SmartChargingCtrlr announces the engine limits; the read-only ones refuse writes', async () => {
    assert.equal(await get('SmartChargingCtrlr', 'Enabled'), 'true');
    assert.equal(await get('SmartChargingCtrlr', 'Available'), 'true');
    assert.equal(await get('SmartChargingCtrlr', 'ProfileStackLevel'), '8');
    assert.equal(await get('SmartChargingCtrlr', 'PeriodsPerSchedule'), '50');
    assert.equal(await get('SmartChargingCtrlr', 'RateUnit'), 'A,W');
    assert.equal(await get('SmartChargingCtrlr', 'Phases3to1'), 'false');
    assert.equal(await get('SmartChargingCtrlr', 'Entries', 'ChargingProfiles'), '0');
    assert.equal(await setVar('SmartChargingCtrlr', 'ProfileStackLevel', '3'), 'Rejected');
  });

  it('TC_K_01_CS TxDefaultProfile on one EVSE: the session there charges at its limit, the other EVSE does not', async () => {
    assert.deepEqual(await set(1, profile(101, 'TxDefaultProfile', [[0, 10]])), { status: 'Accepted' });
    assert.equal(await get('SmartChargingCtrlr', 'Entries', 'ChargingProfiles'), '1');
    await startSession(1, 'K01');
    const s = await offered(r, 1, 10, 'profile');
    assert.equal(s.evses[0].limitProfileId, 101);
    assert.equal(s.evses[1].limitSource, 'evse');
    await unplug(1);
  });

  it('TC_K_10_CS TxDefaultProfile on EVSE 0 applies to every EVSE; K01.FR.52/53 a same-level TxDefault on an EVSE then is DuplicateProfile', async () => {
    assert.deepEqual(await set(0, profile(110, 'TxDefaultProfile', [[0, 12]])), { status: 'Accepted' });
    await r.st.until('both EVSEs limited by profile 110', (s) => s.evses.every((e: any) => e.limitA === 12 && e.limitSource === 'profile' && e.limitProfileId === 110));
    const dup = await set(2, profile(111, 'TxDefaultProfile', [[0, 8]]));
    assert.equal(dup.status, 'Rejected');
    assert.equal(dup.statusInfo.reasonCode, 'DuplicateProfile');
    assert.deepEqual(await set(2, profile(111, 'TxDefaultProfile', [[0, 8]], { stackLevel: 1 })), { status: 'Accepted' }, 'another stackLevel is no clash');
    await r.st.until('EVSE 2 at its own TxDefault', (s) => s.evses[1].limitA === 8 && s.evses[1].limitProfileId === 111);
  });

  it('TC_K_02_CS TxProfile without a transaction on the EVSE → Rejected TxNotFound; TC_K_11_CS a TxProfile on EVSE 0 → Rejected', async () => {
    const a = await set(1, profile(102, 'TxProfile', [[0, 8]], { chargingProfileKind: 'Relative', transactionId: 'no-such-tx' }));
    assert.equal(a.status, 'Rejected');
    assert.equal(a.statusInfo.reasonCode, 'TxNotFound');
    const b = await set(0, profile(111, 'TxProfile', [[0, 8]], { chargingProfileKind: 'Relative', transactionId: 'x' }));
    assert.equal(b.status, 'Rejected');
    assert.equal(b.statusInfo.reasonCode, 'InvalidProfile');
    assert.equal((await reports(1102, { chargingProfileId: [102, 111] })).status, 'NoProfiles');
  });

  it('TC_K_03_CS ChargingStationMaxProfile on EVSE 0 caps the EVSEs; on an EVSE it is Rejected; ExternalConstraints from the CSMS Rejected (K01.FR.22)', async () => {
    assert.deepEqual(await set(0, profile(103, 'ChargingStationMaxProfile', [[0, 14]])), { status: 'Accepted' });
    await r.st.until('EVSE 1 capped at 14 A by profile 103', (s) => s.evses[0].limitA === 14 && s.evses[0].limitProfileId === 103);
    const onEvse = await set(1, profile(104, 'ChargingStationMaxProfile', [[0, 14]]));
    assert.equal(onEvse.status, 'Rejected');
    assert.equal(onEvse.statusInfo.reasonCode, 'InvalidProfile');
    const ext = await set(0, profile(105, 'ChargingStationExternalConstraints', [[0, 14]]));
    assert.equal(ext.status, 'Rejected');
    const rel = await set(0, profile(106, 'ChargingStationMaxProfile', [[0, 14]], { chargingProfileKind: 'Relative' }));
    assert.equal(rel.status, 'Rejected', 'K01.FR.38: never Relative');
  });

  it('TC_K_04_CS the same id replaces the installed profile; K01.FR.06 another id in the same slot → DuplicateProfile', async () => {
    assert.deepEqual(await set(1, profile(140, 'TxDefaultProfile', [[0, 10]])), { status: 'Accepted' });
    assert.deepEqual(await set(1, profile(140, 'TxDefaultProfile', [[0, 9]], { stackLevel: 2 })), { status: 'Accepted' });
    const { parts } = await reports(1104, { chargingProfileId: [140] });
    assert.equal(parts.length, 1);
    assert.equal(parts[0].chargingProfile[0].stackLevel, 2);
    assert.equal(parts[0].chargingProfile[0].chargingSchedule[0].chargingSchedulePeriod[0].limit, 9);
    const dup = await set(1, profile(141, 'TxDefaultProfile', [[0, 11]], { stackLevel: 2 }));
    assert.equal(dup.statusInfo.reasonCode, 'DuplicateProfile');
    // Validity periods that do not overlap are no clash (K01.FR.06 "and has an overlapping validity period").
    const later = new Date(Date.now() + 86_400_000);
    assert.deepEqual(await set(1, profile(141, 'TxDefaultProfile', [[0, 11]], { stackLevel: 3, validFrom: iso(later) })), { status: 'Accepted' });
    assert.deepEqual(await set(1, profile(142, 'TxDefaultProfile', [[0, 11]], { stackLevel: 3, validTo: iso(new Date(later.getTime() - 1000)) })), { status: 'Accepted' });
  });

  it('TC_K_05_CS clear by id; TC_K_08_CS again → Unknown; TC_K_06/24_CS by stackLevel and purpose; TC_K_07_CS unknown combination → Unknown', async () => {
    for (const [id, sl] of [[151, 0], [152, 1], [153, 1]] as const) assert.deepEqual(await set(id === 153 ? 2 : 1, profile(id, 'TxDefaultProfile', [[0, 10]], { stackLevel: sl })), { status: 'Accepted' });
    assert.deepEqual(await r.call('ClearChargingProfile', { chargingProfileId: 151 }), { status: 'Accepted' });
    assert.deepEqual(await r.call('ClearChargingProfile', { chargingProfileId: 151 }), { status: 'Unknown' });
    assert.deepEqual(await r.call('ClearChargingProfile', { chargingProfileCriteria: { chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 7 } }), { status: 'Unknown' });
    assert.deepEqual(await r.call('ClearChargingProfile', { chargingProfileCriteria: { chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 1 } }), { status: 'Accepted' });
    assert.equal((await reports(1105, { chargingProfilePurpose: 'TxDefaultProfile' })).status, 'NoProfiles', 'both stackLevel 1 profiles went');
  });

  it('TC_K_14_CS an EVSE that does not exist → Rejected UnknownEvse; TC_K_16_CS an unknown transactionId → Rejected TxNotFound', async () => {
    const a = await set(9, profile(114, 'TxDefaultProfile', [[0, 10]]));
    assert.equal(a.statusInfo.reasonCode, 'UnknownEvse');
    await startSession(1, 'K16');
    const b = await set(1, profile(116, 'TxProfile', [[0, 8]], { chargingProfileKind: 'Relative', transactionId: 'aaaaaaaa-0000-4000-8000-000000000000' }));
    assert.equal(b.status, 'Rejected');
    assert.equal(b.statusInfo.reasonCode, 'TxNotFound');
    await unplug(1);
  });

  it('TC_K_60_CS TxProfile for the running transaction: the pilot follows at once; TC_K_09 it ends with the transaction', async () => {
    const txId = await startSession(1, 'K60');
    await offered(r, 1, 32, 'evse');
    assert.deepEqual(await set(1, profile(160, 'TxProfile', [[0, 8]], { chargingProfileKind: 'Relative', transactionId: txId })), { status: 'Accepted' });
    await offered(r, 1, 8, 'profile');
    const { parts } = await reports(1160, { chargingProfilePurpose: 'TxProfile' }, 1);
    assert.equal(parts[0].chargingProfile[0].transactionId, txId);
    await unplug(1);
    assert.equal((await reports(1161, { chargingProfileId: [160] })).status, 'NoProfiles', 'K02.FR.05: gone with its transaction');
  });

  it('TC_K_28_CS TxDefaultProfile during a transaction applies at once and its next period at the boundary; TC_K_09_CS clearing it goes back to the rating', async () => {
    await startSession(2, 'K28');
    await offered(r, 2, 16, 'evse');
    assert.deepEqual(await set(2, profile(128, 'TxDefaultProfile', [[0, 12], [4, 7]])), { status: 'Accepted' });
    await offered(r, 2, 12, 'profile');
    const t0 = Date.now();
    await offered(r, 2, 7, 'profile');
    assert.ok(Date.now() - t0 < 5000, 'the boundary reached the pilot on time');
    assert.deepEqual(await r.call('ClearChargingProfile', { chargingProfileCriteria: { evseId: 2, chargingProfilePurpose: 'TxDefaultProfile' } }), { status: 'Accepted' });
    await offered(r, 2, 16, 'evse');
    await unplug(2);
  });

  it('W limits convert at 230 V over numberPhases (K01.FR.50); a limit under 6 A pauses (SuspendedEVSE)', async () => {
    await startSession(1, 'KW');
    assert.deepEqual(await set(1, profile(170, 'TxDefaultProfile', [[0, 6900]], {}, { chargingRateUnit: 'W' })), { status: 'Accepted' });
    await offered(r, 1, 10, 'profile');
    assert.deepEqual(await set(1, profile(170, 'TxDefaultProfile', [[0, 3]])), { status: 'Accepted' });
    const s = await r.st.until('SuspendedEVSE with nothing offered', (s) => s.evses[0].status === 'SuspendedEVSE' && s.evses[0].offeredCurrentA === 0);
    assert.equal(s.evses[0].limitA, 3);
    await unplug(1);
  });

  it('TC_K_19/21/22/23_CS Recurring, validFrom, validTo and a future startSchedule are honoured (seen in the composite)', async () => {
    const now = startNow();
    const in60 = new Date(now.getTime() + 60_000);
    assert.deepEqual(await set(1, profile(119, 'TxDefaultProfile', [[0, 20]], { chargingProfileKind: 'Recurring', recurrencyKind: 'Daily' }, { duration: 120 })), { status: 'Accepted' });
    assert.deepEqual(await set(1, profile(121, 'TxDefaultProfile', [[0, 15]], { stackLevel: 1, validFrom: iso(in60) })), { status: 'Accepted' });
    assert.deepEqual(await set(1, profile(122, 'TxDefaultProfile', [[0, 5]], { stackLevel: 2, validTo: iso(new Date(now.getTime() + 30_000)) })), { status: 'Accepted' });
    assert.deepEqual(await set(1, profile(123, 'TxDefaultProfile', [[0, 25]], { stackLevel: 3 }, { startSchedule: iso(new Date(now.getTime() + 90_000)), duration: 10 })), { status: 'Accepted' });
    const res = await r.call('GetCompositeSchedule', { evseId: 1, duration: 200, chargingRateUnit: 'A' });
    assert.equal(res.status, 'Accepted');
    const x = Math.round((Date.parse(res.schedule.scheduleStart) - now.getTime()) / 1000);
    const expected = [
      [0, 5], // 122 until its validTo
      [30 - x, 20], // then the Recurring 119
      [60 - x, 15], // 121 from its validFrom (higher than 119)
      [90 - x, 25], // 123 from its startSchedule, for 10 s
      [100 - x, 15],
    ];
    assert.deepEqual(res.schedule.chargingSchedulePeriod.map((p: any) => [p.startPeriod, p.limit]), expected);
  });

  it('TC_K_39_CS no profile: one period at the rating, for an EVSE and for the station (the sum); TC_K_47_CS unknown EVSE → Rejected', async () => {
    const one = await r.call('GetCompositeSchedule', { evseId: 2, duration: 300 });
    assert.equal(one.status, 'Accepted');
    assert.equal(one.schedule.evseId, 2);
    assert.equal(one.schedule.duration, 300);
    assert.equal(one.schedule.chargingRateUnit, 'A');
    assert.ok(Math.abs(Date.parse(one.schedule.scheduleStart) - Date.now()) < 5000);
    assert.deepEqual(one.schedule.chargingSchedulePeriod, [{ startPeriod: 0, limit: 16, numberPhases: 3 }]);
    const all = await r.call('GetCompositeSchedule', { evseId: 0, duration: 300, chargingRateUnit: 'W' });
    assert.deepEqual(all.schedule.chargingSchedulePeriod, [{ startPeriod: 0, limit: 48 * 230 * 3, numberPhases: 3 }]);
    const bad = await r.call('GetCompositeSchedule', { evseId: 7, duration: 300 });
    assert.equal(bad.status, 'Rejected');
    assert.equal(bad.statusInfo.reasonCode, 'UnknownEvse');
  });

  it('TC_K_40_CS stacking TxDefaultProfiles (errata 6.2.72/74); the station total caps at ChargingStationMaxProfile', async () => {
    const start = startNow();
    const validTo = iso(new Date(start.getTime() + 402_000));
    const s = { startSchedule: iso(start) };
    assert.deepEqual(await set(1, profile(401, 'TxDefaultProfile', [[0, 6], [100, 8], [200, 10]], { validTo }, { ...s, duration: 400 })), { status: 'Accepted' });
    assert.deepEqual(await set(1, profile(402, 'TxDefaultProfile', [[0, 7], [100, 9]], { stackLevel: 1, validTo }, { ...s, duration: 150 })), { status: 'Accepted' });
    const res = await r.call('GetCompositeSchedule', { evseId: 1, duration: 350, chargingRateUnit: 'A' });
    const x = Math.round((Date.parse(res.schedule.scheduleStart) - start.getTime()) / 1000);
    assert.deepEqual(res.schedule.chargingSchedulePeriod.map((p: any) => [p.startPeriod, p.limit]), [[0, 7], [100 - x, 9], [150 - x, 8], [200 - x, 10]]);
    // The station: EVSE 1's schedule plus EVSE 2 at its 16 A rating, under a 20 A station maximum.
    assert.deepEqual(await set(0, profile(403, 'ChargingStationMaxProfile', [[0, 20]], {}, s)), { status: 'Accepted' });
    const total = await r.call('GetCompositeSchedule', { evseId: 0, duration: 350, chargingRateUnit: 'A' });
    assert.equal(total.schedule.evseId, 0);
    assert.deepEqual(total.schedule.chargingSchedulePeriod.map((p: any) => p.limit), [20]);
  });

  it('TC_K_41_CS combining purposes: TxProfile, TxDefaultProfile and ChargingStationMaxProfile (errata 6.2.73)', async () => {
    const txId = await startSession(1, 'K41');
    const start = startNow();
    const s = { startSchedule: iso(start) };
    const validTo = iso(new Date(start.getTime() + 402_000));
    assert.deepEqual(await set(0, profile(411, 'ChargingStationMaxProfile', [[0, 10]], {}, { ...s, duration: 86400 })), { status: 'Accepted' });
    const def: Periods = [[0, 6], [60, 10], [120, 8], [180, 15], [260, 8]];
    assert.deepEqual(await set(1, profile(412, 'TxDefaultProfile', def, { validTo }, { ...s, duration: 300 })), { status: 'Accepted' });
    const tx: Periods = [[0, 8], [50, 11], [140, 16], [200, 6], [240, 12]];
    assert.deepEqual(await set(1, profile(413, 'TxProfile', tx, { validTo, transactionId: txId }, { ...s, duration: 260 })), { status: 'Accepted' });
    const res = await r.call('GetCompositeSchedule', { evseId: 1, duration: 400, chargingRateUnit: 'A' });
    const x = Math.round((Date.parse(res.schedule.scheduleStart) - start.getTime()) / 1000);
    assert.deepEqual(res.schedule.chargingSchedulePeriod.map((p: any) => [p.startPeriod, p.limit]), [[0, 8], [50 - x, 10], [200 - x, 6], [240 - x, 10], [260 - x, 8], [300 - x, 10]]);
    await offered(r, 1, 8, 'profile');
    await unplug(1);
  });

  it('TC_K_29..36_CS GetChargingProfiles by evseId 0 / N / none, ids, stackLevel, source, purpose; in parts with tbc (K09.FR.02)', async () => {
    assert.deepEqual(await set(0, profile(290, 'ChargingStationMaxProfile', [[0, 30]])), { status: 'Accepted' });
    assert.deepEqual(await set(0, profile(291, 'TxDefaultProfile', [[0, 20]])), { status: 'Accepted' });
    // Nine TxDefaultProfiles on EVSE 1: stackLevels 1..8, and a second stackLevel 1 whose validity follows 300's.
    const tomorrow = new Date(Date.now() + 86_400_000);
    for (let i = 0; i < 8; i++) assert.deepEqual(await set(1, profile(300 + i, 'TxDefaultProfile', [[0, 10 + i]], { stackLevel: i + 1, ...(i === 0 ? { validTo: iso(tomorrow) } : {}) })), { status: 'Accepted' });
    assert.deepEqual(await set(1, profile(308, 'TxDefaultProfile', [[0, 9]], { stackLevel: 1, validFrom: iso(tomorrow) })), { status: 'Accepted' });
    const station = await reports(29, { chargingProfilePurpose: 'ChargingStationMaxProfile' }, 0);
    assert.deepEqual(reportedIds(station.parts), [290]);
    assert.equal(station.parts[0].evseId, 0);
    assert.equal(station.parts[0].chargingLimitSource, 'CSO');
    const evse0 = await reports(290, { chargingLimitSource: ['CSO'] }, 0);
    assert.deepEqual(reportedIds(evse0.parts), [290, 291], 'K09.FR.05: evseId 0 = installed on the station itself');
    const evse1 = await reports(30, { chargingLimitSource: ['CSO'] }, 1);
    assert.deepEqual(reportedIds(evse1.parts), [300, 301, 302, 303, 304, 305, 306, 307, 308]);
    assert.deepEqual(evse1.parts.map((p) => [p.evseId, p.chargingProfile.length, p.tbc]), [[1, 8, true], [1, 1, false]], 'nine profiles: two parts, tbc on the first');
    const everything = await reports(31, { chargingLimitSource: ['CSO'] });
    assert.deepEqual(reportedIds(everything.parts), [290, 291, 300, 301, 302, 303, 304, 305, 306, 307, 308]);
    assert.deepEqual(everything.parts.map((p) => [p.evseId, p.tbc]), [[0, true], [1, true], [1, false]]);
    assert.ok(everything.parts.every((p) => p.requestId === 31), 'K09.FR.01');
    assert.deepEqual(reportedIds((await reports(32, { chargingProfileId: [291, 305, 999] })).parts), [291, 305]);
    assert.deepEqual(reportedIds((await reports(33, { stackLevel: 1 }, 1)).parts), [300, 308]);
    assert.equal((await reports(34, { chargingLimitSource: ['EMS'] }, 1)).status, 'NoProfiles');
    assert.deepEqual(reportedIds((await reports(35, { chargingProfilePurpose: 'TxDefaultProfile' }, 0)).parts), [291]);
    assert.deepEqual(reportedIds((await reports(36, { chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 8 }, 1)).parts), [307]);
  });

  it('TC_K_37_CS RequestStartTransaction with a TxProfile: the transaction starts under it, the report names the transaction', async () => {
    await r.st.ok('sim', 'plug', '2');
    const m = r.mark();
    const res = await r.call('RequestStartTransaction', { idToken: { idToken: 'K37', type: 'Central' }, remoteStartId: 37, evseId: 2, chargingProfile: profile(370, 'TxProfile', [[0, 9]], { chargingProfileKind: 'Relative' }) });
    assert.deepEqual(res, { status: 'Accepted' });
    const started = await waitStarted(r, 2, m);
    await offered(r, 2, 9, 'profile');
    const { parts } = await reports(1370, { chargingProfileId: [370] });
    assert.equal(parts[0].chargingProfile[0].transactionId, started.transactionInfo.transactionId, 'bound to the transaction it started');
    await unplug(2);
    assert.equal((await reports(1371, { chargingProfileId: [370] })).status, 'NoProfiles');
  });

  it('K05.FR.05 RequestStartTransaction with a profile that is not a TxProfile → Rejected InvalidProfile, nothing starts', async () => {
    const res = await r.call('RequestStartTransaction', { idToken: { idToken: 'K05', type: 'Central' }, remoteStartId: 5, evseId: 1, chargingProfile: profile(50, 'TxDefaultProfile', [[0, 9]]) });
    assert.equal(res.status, 'Rejected');
    assert.equal(res.statusInfo.reasonCode, 'InvalidProfile');
    assert.equal((await r.st.evse(1)).status, 'Available');
  });

  it('TC_K_15_CS SmartChargingCtrlr.Enabled false: the K messages are NotSupported; TC_K_38_CS a remote start ignores its profile', async () => {
    assert.equal(await setVar('SmartChargingCtrlr', 'Enabled', 'false'), 'Accepted');
    try {
      assert.equal(await callErrorCode(set(1, profile(150, 'TxDefaultProfile', [[0, 10]]))), 'NotSupported');
      assert.equal(await callErrorCode(r.call('GetCompositeSchedule', { evseId: 1, duration: 60 })), 'NotSupported');
      await r.st.ok('sim', 'plug', '1');
      const m = r.mark();
      const res = await r.call('RequestStartTransaction', { idToken: { idToken: 'K38', type: 'Central' }, remoteStartId: 38, evseId: 1, chargingProfile: profile(380, 'TxProfile', [[0, 9]], { chargingProfileKind: 'Relative' }) });
      assert.deepEqual(res, { status: 'Accepted' });
      await waitStarted(r, 1, m);
      await offered(r, 1, 32, 'evse');
      assert.deepEqual(JSON.parse(await r.st.ok('profiles', '--json')).profiles, [], 'the profile was ignored');
      await unplug(1);
    } finally {
      assert.equal(await setVar('SmartChargingCtrlr', 'Enabled', 'true'), 'Accepted');
    }
  });

  it('chargerctl profiles / schedule read the 2.0.1 station\'s profiles (transaction by its id)', async () => {
    const txId = await startSession(1, 'KCTL');
    assert.deepEqual(await set(1, profile(180, 'TxProfile', [[0, 11]], { transactionId: txId })), { status: 'Accepted' });
    const list = JSON.parse(await r.st.ok('profiles', '1', '--json'));
    assert.deepEqual(list.profiles.map((p: any) => [p.id, p.purpose, p.csmsTransactionId]), [[180, 'Tx', txId]]);
    const table = await r.st.ok('profiles', '1');
    assert.match(table, new RegExp(txId));
    const sched = JSON.parse(await r.st.ok('schedule', '1', '--duration', '60', '--json'));
    assert.deepEqual(sched.periods.map((p: any) => p.limit), [11]);
    await unplug(1);
  });

  it('TC_K_13_CS profiles persist over a restart', async () => {
    assert.deepEqual(await set(0, profile(130, 'TxDefaultProfile', [[0, 13]])), { status: 'Accepted' });
    await r.st.stop();
    const m = r.mark();
    await relaunch201(r);
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 2, 10_000, m);
    assert.deepEqual(reportedIds((await reports(1130, { chargingProfileId: [130] })).parts), [130]);
    await r.st.until('EVSE 1 limited by profile 130 again', (s) => s.evses[0].limitA === 13 && s.evses[0].limitProfileId === 130);
  });
});

/**
 * K11-K13 with the external limit of a real energy manager path: mosquitto → the MQTT bridge → station.limits.
 * Waits are on the CSMS's records; an absent notification is shown by the next one being the only one since.
 */
describe('2.0.1 external charging limits (MQTT energy manager) against chargerd', { timeout: SUITE_TIMEOUT_MS }, () => {
  const ID = 'CP201-EMS';
  const P = `chargerd/${ID}`;
  let broker: Mosquitto;
  let obs: Observer;
  let r: Rig;
  const setVar = async (c: string, v: string, value: string) =>
    (await r.call('SetVariables', { setVariableData: [{ component: component(c), variable: variable(v), attributeValue: value }] })).setVariableResult[0].attributeStatus;
  const notified = async (action: string, pred: (p: any) => boolean, from: number) => (await r.csms.waitFor(action, pred, 5000, from)).payload as any;

  before(async () => {
    broker = new Mosquitto();
    await broker.start();
    obs = await Observer.connect(broker.url, [`${P}/#`]);
    r = await rig201(ID, { station: { evses: [{ id: 1, maxCurrentA: 32, phases: 3 }, { id: 2, maxCurrentA: 16, phases: 1 }], extra: { mqtt: { url: broker.url, keepaliveS: 5 } } } });
    await obs.waitFor(`${P}/status`, (p) => p === 'online');
  });
  after(async () => {
    if (r) assertValidFrames(r);
    await r?.close();
    await obs?.close();
    await broker?.cleanup();
  });
  afterEach(() => assertValidFrames(r));

  it('TC_K_52_CS an external limit without a transaction: NotifyChargingLimit (EMS, K12.FR.02/04), reported as ChargingStationExternalConstraints (K12.FR.05), in the composite, not clearable by the CSMS', async () => {
    const m = r.mark();
    await obs.publish(`${P}/evse/1/limit/set`, '10');
    const n = await notified('NotifyChargingLimit', () => true, m);
    assert.deepEqual(n, { chargingLimit: { chargingLimitSource: 'EMS' }, evseId: 1 }, 'no schedule while NotifyChargingLimitWithSchedules is false');
    await r.st.until('EVSE 1 limited by the energy manager', (s) => s.evses[0].limitA === 10 && s.evses[0].limitSource === 'external');
    const res = await r.call('GetChargingProfiles', { requestId: 52, chargingProfile: { chargingLimitSource: ['EMS'] } });
    assert.deepEqual(res, { status: 'Accepted' });
    const report = await notified('ReportChargingProfiles', (p) => p.requestId === 52, m);
    assert.equal(report.chargingLimitSource, 'EMS');
    assert.equal(report.evseId, 1);
    assert.equal(report.tbc, false);
    const p = report.chargingProfile[0];
    assert.equal(p.id, -1, 'a negative id (K11.FR.06)');
    assert.equal(p.chargingProfilePurpose, 'ChargingStationExternalConstraints');
    assert.deepEqual(p.chargingSchedule[0].chargingSchedulePeriod, [{ startPeriod: 0, limit: 10, numberPhases: 3 }]);
    const c = await r.call('GetCompositeSchedule', { evseId: 1, duration: 60 });
    assert.deepEqual(c.schedule.chargingSchedulePeriod.map((x: any) => x.limit), [10]);
    assert.deepEqual(await r.call('ClearChargingProfile', { chargingProfileId: -1 }), { status: 'Unknown' }, 'K10.FR.09');
    const replace = await r.call('SetChargingProfile', { evseId: 1, chargingProfile: { ...p, chargingProfilePurpose: 'TxDefaultProfile' } });
    assert.equal(replace.status, 'Rejected');
    assert.match(replace.statusInfo.additionalInfo, /K01.FR.05/, 'not the CSMS\'s to replace');
    assert.deepEqual(await r.call('ClearChargingProfile', {}), { status: 'Unknown' }, 'K10.FR.08');
    assert.equal((await r.call('GetChargingProfiles', { requestId: 53, chargingProfile: { chargingLimitSource: ['CSO'] } })).status, 'NoProfiles');
  });

  it('SC.03 a change under LimitChangeSignificance is not told; K12.FR.03 with NotifyChargingLimitWithSchedules the schedule is sent', async () => {
    assert.equal(await setVar('SmartChargingCtrlr', 'LimitChangeSignificance', '20'), 'Accepted');
    assert.equal(await setVar('SmartChargingCtrlr', 'NotifyChargingLimitWithSchedules', 'true'), 'Accepted');
    const m = r.mark();
    await obs.publish(`${P}/evse/1/limit/set`, '11');
    await obs.publish(`${P}/evse/1/limit/set`, '{"currentA":14,"expiresInS":600}');
    const n = await notified('NotifyChargingLimit', () => true, m);
    assert.equal(n.evseId, 1);
    const s = n.chargingSchedule[0];
    assert.equal(s.chargingRateUnit, 'A');
    assert.deepEqual(s.chargingSchedulePeriod, [{ startPeriod: 0, limit: 14, numberPhases: 3 }]);
    assert.ok(s.duration > 590 && s.duration <= 601, `lasts until it lapses, got ${s.duration}`);
    assert.equal(sent(r, 'NotifyChargingLimit', m).length, 1, '10 → 11 A is 10 %: not told; 10 → 14 A is');
    // A site limit in W: no evseId, the watts as set.
    await obs.publish(`${P}/site/limit/set`, '{"powerW":11000}');
    const site = await notified('NotifyChargingLimit', (p) => p.evseId === undefined, m);
    assert.deepEqual(site.chargingSchedule[0].chargingSchedulePeriod, [{ startPeriod: 0, limit: 11000 }]);
    assert.equal(site.chargingSchedule[0].chargingRateUnit, 'W');
  });

  it('TC_K_13 release: ClearedChargingLimit (EMS) per EVSE and for the site (K13.FR.02); the limit no longer applies (K13.FR.01)', async () => {
    const m = r.mark();
    await obs.publish(`${P}/evse/1/limit/set`, '');
    assert.deepEqual(await notified('ClearedChargingLimit', (p) => p.evseId === 1, m), { chargingLimitSource: 'EMS', evseId: 1 });
    await obs.publish(`${P}/site/limit/set`, '');
    assert.deepEqual(await notified('ClearedChargingLimit', (p) => p.evseId === undefined, m), { chargingLimitSource: 'EMS' });
    await r.st.until('EVSE 1 at its rating', (s) => s.evses[0].limitA === 32 && s.evses[0].limitSource === 'evse');
    assert.equal((await r.call('GetChargingProfiles', { requestId: 54, chargingProfile: { chargingLimitSource: ['EMS'] } })).status, 'NoProfiles');
  });
});
