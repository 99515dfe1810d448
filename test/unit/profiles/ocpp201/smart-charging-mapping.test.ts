/**
 * The 2.0.1 ↔ engine mapping of profiles/ocpp201/smart-charging/: wire profiles to neutral ones and back,
 * SmartChargingCtrlr as the engine's limits, the 2.0.1 rules on the station's ChargingProfiles (duplicates
 * refused, not replaced; strict startSchedule), GetChargingProfiles criteria and report parts, and the external
 * limit as ExternalConstraints profiles and notifications.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import { ChargingProfiles, STATION_PROFILE_LIMITS } from '../../../../agent/station/charging-profiles.js';
import { Settings } from '../../../../agent/station/settings.js';
import type { ChargingProfile } from '../../../../agent/smart-charging/types.js';
import { createMemoryStore } from '../../../../offline-queue/index.js';
import type { ChargingProfileType } from '../../../../profiles/ocpp201/generated/common.js';
import { externalProfile, limitMessage, significant } from '../../../../profiles/ocpp201/smart-charging/external-limits.js';
import { matches, queryOf, reportParts } from '../../../../profiles/ocpp201/smart-charging/get-charging-profiles.js';
import { smartChargingEnabled, validateOptions201 } from '../../../../profiles/ocpp201/smart-charging/limits.js';
import { compositeToWire, fromPurpose, invalidDate, toNeutral, toWire } from '../../../../profiles/ocpp201/smart-charging/mapping.js';
import { createStationModel } from '../../../../profiles/ocpp201/station-model.js';

const T0 = new Date('2026-03-02T10:00:00.000Z');

const wire = (over: Partial<ChargingProfileType> = {}): ChargingProfileType => ({
  id: 7,
  stackLevel: 2,
  chargingProfilePurpose: 'TxDefaultProfile',
  chargingProfileKind: 'Recurring',
  recurrencyKind: 'Daily',
  validFrom: '2026-03-01T00:00:00.000Z',
  validTo: '2026-04-01T00:00:00.000Z',
  chargingSchedule: [
    {
      id: 3,
      startSchedule: '2026-03-01T17:00:00.000Z',
      duration: 10800,
      chargingRateUnit: 'W',
      chargingSchedulePeriod: [
        { startPeriod: 0, limit: 2000, numberPhases: 1, phaseToUse: 2 },
        { startPeriod: 3600, limit: 11000 },
      ],
      minChargingRate: 1400,
    },
  ],
  ...over,
});

function model() {
  const store = createMemoryStore();
  const settings = new Settings(store.settings);
  return createStationModel({ store, settings, clock: new FakeClock(), identity: { vendor: 'V', model: 'M' } as never, evses: [{ id: 1, maxCurrentA: 32, phases: 3, connector: 'socket' } as never], station: () => null });
}

function station(txOn1: string | null = null) {
  const clock = new FakeClock(T0);
  const p = new ChargingProfiles({ clock, log: silentLogger(), persisted: createMemoryStore().settings });
  const evse = (id: number, tx: string | null) => ({ id, nominalVoltageV: 230, phases: 3, maxCurrentA: 32, transaction: () => (tx ? { id: tx, startedAt: T0 } : null), limitsChanged: () => {} });
  p.start([evse(1, txOn1), evse(2, null)]);
  return p;
}

const neutral = (id: number, evseId: number, over: Partial<ChargingProfile> = {}): ChargingProfile => ({
  id,
  evseId,
  stackLevel: 0,
  purpose: 'TxDefault',
  kind: 'Absolute',
  schedules: [{ id: 1, startSchedule: T0, chargingRateUnit: 'A', periods: [{ startPeriod: 0, limit: 10 }] }],
  source: 'CSO',
  ...over,
});

describe('2.0.1 profile mapping', () => {
  test('a wire profile becomes the neutral one and back, field for field (salesTariff aside)', () => {
    const n = toNeutral(wire(), 1);
    assert.equal(n.purpose, 'TxDefault');
    assert.equal(n.evseId, 1);
    assert.equal(n.source, 'CSO');
    assert.deepEqual(n.validFrom, new Date('2026-03-01T00:00:00.000Z'));
    assert.deepEqual(n.schedules[0]!.periods, [
      { startPeriod: 0, limit: 2000, numberPhases: 1, phaseToUse: 2 },
      { startPeriod: 3600, limit: 11000 },
    ]);
    assert.deepEqual(toWire(n), wire());
  });

  test('every purpose maps both ways; the transactionId is the station\'s own id as is', () => {
    for (const p of ['ChargingStationMaxProfile', 'TxDefaultProfile', 'TxProfile', 'ChargingStationExternalConstraints'] as const) {
      assert.equal(fromPurpose(toNeutral(wire({ chargingProfilePurpose: p }), 0).purpose), p);
    }
    const tx = toNeutral(wire({ chargingProfilePurpose: 'TxProfile', transactionId: 'b1c2' }), 1);
    assert.equal(tx.purpose, 'Tx');
    assert.equal(tx.transactionId, 'b1c2');
  });

  test('a schedule without id (stored by 1.6) is numbered by position', () => {
    const n = neutral(1, 1, { schedules: [{ chargingRateUnit: 'A', periods: [{ startPeriod: 0, limit: 6 }] }] });
    assert.equal(toWire(n).chargingSchedule[0].id, 0);
  });

  test('invalidDate names the field holding a date that is not one', () => {
    assert.equal(invalidDate(toNeutral(wire(), 1)), null);
    assert.equal(invalidDate(toNeutral(wire({ validTo: 'soon' }), 1)), 'chargingProfile.validTo');
    const s = wire().chargingSchedule[0];
    assert.equal(invalidDate(toNeutral(wire({ chargingSchedule: [{ ...s, startSchedule: '17:00' }] }), 1)), 'chargingProfile.chargingSchedule[0].startSchedule');
  });

  test('compositeToWire keeps periods, unit, start and duration', () => {
    const c = compositeToWire({ evseId: 0, scheduleStart: T0, durationS: 60, unit: 'W', periods: [{ startPeriod: 0, limit: 6900, numberPhases: 3 }, { startPeriod: 30, limit: 2300, numberPhases: 1, phaseToUse: 2 }] });
    assert.deepEqual(c, {
      evseId: 0,
      duration: 60,
      scheduleStart: T0.toISOString(),
      chargingRateUnit: 'W',
      chargingSchedulePeriod: [{ startPeriod: 0, limit: 6900, numberPhases: 3 }, { startPeriod: 30, limit: 2300, numberPhases: 1, phaseToUse: 2 }],
    });
  });
});

describe('SmartChargingCtrlr as the engine limits', () => {
  test('the device model\'s values are 1.6\'s keys: stack level, periods, units, installed, no phase switching', () => {
    const m = model();
    const o = validateOptions201(m);
    assert.deepEqual(o.limits, { ...STATION_PROFILE_LIMITS_WITHOUT_SWITCH, maxSchedules: 1 });
    assert.equal(o.phaseSwitching, false);
    assert.equal(o.duplicates, 'reject');
    assert.equal(o.strictStartSchedule, true);
    assert.equal(smartChargingEnabled(m), true);
    assert.equal(m.set({ component: { name: 'SmartChargingCtrlr' }, variable: { name: 'Enabled' }, attributeValue: 'false' }).attributeStatus, 'Accepted');
    assert.equal(smartChargingEnabled(m), false);
  });
});

const { phaseSwitching: _unused, ...STATION_PROFILE_LIMITS_WITHOUT_SWITCH } = STATION_PROFILE_LIMITS;

describe('2.0.1 rules on the station\'s ChargingProfiles', () => {
  const o = validateOptions201(model());

  test('K01.FR.06 the same slot is DuplicateProfile under 2.0.1 (1.6 replaces); the same id replaces under both', () => {
    const p = station();
    p.install(neutral(1, 1), o.duplicates);
    const dup = p.validate(neutral(2, 1), o);
    assert.equal(dup.ok, false);
    assert.equal(!dup.ok && dup.reasonCode, 'DuplicateProfile');
    assert.equal(p.validate(neutral(2, 1)).ok, true, '1.6 replaces instead');
    const same = p.validate(neutral(1, 1, { schedules: [{ id: 1, startSchedule: T0, chargingRateUnit: 'A', periods: [{ startPeriod: 0, limit: 7 }] }] }), o);
    assert.equal(same.ok, true);
  });

  test("install with 'reject' replaces by id only: a same-slot profile with a later validity stays beside the first", () => {
    const p = station();
    p.install(neutral(1, 1, { validTo: new Date(T0.getTime() + 3600_000) }), 'reject');
    const later = neutral(2, 1, { validFrom: new Date(T0.getTime() + 3600_000) });
    assert.equal(p.validate(later, o).ok, true);
    assert.deepEqual(p.install(later, 'reject'), []);
    assert.deepEqual(p.all().map((x) => x.id), [1, 2]);
  });

  test('K01.FR.40/41/38 strict startSchedule; K01.FR.52 TxDefault on EVSE 0 against one on an EVSE', () => {
    const p = station();
    const noStart = neutral(3, 1, { schedules: [{ id: 1, chargingRateUnit: 'A', periods: [{ startPeriod: 0, limit: 10 }] }] });
    assert.equal(p.validate(noStart, o).ok, false);
    assert.equal(p.validate(noStart).ok, true, '1.6 allows it');
    assert.equal(p.validate(neutral(4, 1, { kind: 'Relative' }), o).ok, false, 'Relative with a startSchedule');
    p.install(neutral(5, 1), 'reject');
    const onStation = p.validate(neutral(6, 0), o);
    assert.equal(!onStation.ok && onStation.reasonCode, 'DuplicateProfile');
  });

  test('K01.FR.09/33 a TxProfile needs the running transaction it names', () => {
    const p = station('tx-1');
    const tx = (id: number, evseId: number, transactionId?: string) => neutral(id, evseId, { purpose: 'Tx', kind: 'Relative', schedules: [{ id: 1, chargingRateUnit: 'A', periods: [{ startPeriod: 0, limit: 8 }] }], ...(transactionId ? { transactionId } : {}) });
    assert.equal(p.validate(tx(1, 1, 'tx-1'), o).ok, true);
    const other = p.validate(tx(2, 1, 'tx-9'), o);
    assert.equal(!other.ok && other.reasonCode, 'TxNotFound');
    const none = p.validate(tx(3, 2, 'tx-1'), o);
    assert.equal(!none.ok && none.reasonCode, 'TxNotFound');
    assert.equal(p.validate(tx(4, 2), { ...o, pendingTransactionOn: 2 }).ok, true, 'a remote start counts its own transaction');
  });

  test('composite takes extra profiles (the external limit) without installing them', () => {
    const p = station();
    const ext = externalProfile(1, { value: { currentA: 9 }, expiresAt: null }, 3, T0);
    assert.deepEqual(p.composite(1, 60, 'A', [ext]).periods.map((x) => x.limit), [9]);
    assert.deepEqual(p.composite(1, 60, 'A').periods.map((x) => x.limit), [32]);
    assert.equal(p.all().length, 0);
  });
});

describe('GetChargingProfiles criteria and report parts', () => {
  const ps = [neutral(1, 0, { purpose: 'ChargingStationMax' }), neutral(2, 1), neutral(3, 1, { stackLevel: 1 }), neutral(4, 2), neutral(-1, 1, { purpose: 'ChargingStationExternalConstraints', source: 'EMS' })];

  test('K09.FR.03-06: ids, or every given field; evseId 0 = on the station itself', () => {
    const pick = (req: any) => ps.filter((p) => matches(p, queryOf({ requestId: 1, ...req }))).map((p) => p.id);
    assert.deepEqual(pick({ chargingProfile: { chargingProfileId: [3, 4, 99] } }), [3, 4]);
    assert.deepEqual(pick({ evseId: 0, chargingProfile: {} }), [1]);
    assert.deepEqual(pick({ evseId: 1, chargingProfile: { chargingLimitSource: ['CSO'] } }), [2, 3]);
    assert.deepEqual(pick({ chargingProfile: { chargingLimitSource: ['EMS'] } }), [-1]);
    assert.deepEqual(pick({ chargingProfile: { chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 } }), [2, 4]);
  });

  test('one report per EVSE and source, chunked, requestId on each, tbc on all but the last (K09.FR.01/02)', () => {
    const many = [...Array.from({ length: 5 }, (_, i) => neutral(10 + i, 1, { stackLevel: i })), neutral(20, 2), neutral(-1, 1, { purpose: 'ChargingStationExternalConstraints', source: 'EMS' })];
    const parts = reportParts(42, many, 2);
    assert.deepEqual(parts.map((p) => [p.evseId, p.chargingLimitSource, p.chargingProfile.map((x) => x.id), p.tbc]), [
      [1, 'CSO', [10, 11], true],
      [1, 'CSO', [12, 13], true],
      [1, 'CSO', [14], true],
      [2, 'CSO', [20], true],
      [1, 'EMS', [-1], false],
    ]);
    assert.ok(parts.every((p) => p.requestId === 42));
    assert.deepEqual(reportParts(1, []), []);
  });
});

describe('the external limit as 2.0.1 sees it', () => {
  test('an EVSE limit is a negative-id ExternalConstraints profile (source EMS) lasting until it lapses', () => {
    const p = externalProfile(2, { value: { powerW: 3680 }, expiresAt: new Date(T0.getTime() + 90_500).toISOString() }, 1, T0);
    assert.equal(p.id, -2);
    assert.equal(p.evseId, 2);
    assert.equal(p.purpose, 'ChargingStationExternalConstraints');
    assert.equal(p.source, 'EMS');
    assert.deepEqual(p.schedules[0], { id: 1, startSchedule: T0, chargingRateUnit: 'W', periods: [{ startPeriod: 0, limit: 3680, numberPhases: 1 }], duration: 91 });
    const site = externalProfile('site', { value: { currentA: 40 }, expiresAt: null }, undefined, T0);
    assert.equal(site.evseId, 0);
    assert.ok(site.id < 0 && site.id !== p.id);
    assert.equal(site.schedules[0]!.duration, undefined);
  });

  test('SC.03 significance: a change of the given percentage or more; a unit change always', () => {
    assert.equal(significant({ currentA: 10 }, { currentA: 10.5 }, 10), false);
    assert.equal(significant({ currentA: 10 }, { currentA: 11 }, 10), true);
    assert.equal(significant({ currentA: 10 }, { currentA: 10 }, 0), false);
    assert.equal(significant({ currentA: 0 }, { currentA: 1 }, 50), true);
    assert.equal(significant({ currentA: 10 }, { powerW: 6900 }, 50), true);
  });

  test('set → NotifyChargingLimit (schedule only when asked), small change → nothing, cleared → ClearedChargingLimit', () => {
    const o = { significancePct: 5, withSchedule: false, phases: 3, now: T0 };
    const s = (a: number) => ({ value: { currentA: a }, expiresAt: null });
    assert.deepEqual(limitMessage(1, null, s(10), o), { action: 'NotifyChargingLimit', payload: { chargingLimit: { chargingLimitSource: 'EMS' }, evseId: 1 } });
    assert.equal(limitMessage(1, s(10), s(10.2), o), null);
    const withSchedule = limitMessage('site', s(10), s(20), { ...o, withSchedule: true, phases: undefined });
    assert.equal(withSchedule?.action, 'NotifyChargingLimit');
    assert.deepEqual((withSchedule?.payload as any).chargingSchedule, [{ id: 1, startSchedule: T0.toISOString(), chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 20 }] }]);
    assert.equal((withSchedule?.payload as any).evseId, undefined, 'the site limit names no EVSE');
    assert.deepEqual(limitMessage(1, s(10), null, o), { action: 'ClearedChargingLimit', payload: { chargingLimitSource: 'EMS', evseId: 1 } });
    assert.equal(limitMessage(1, null, null, o), null);
  });
});
