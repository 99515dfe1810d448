/**
 * SetChargingProfile refusals (agent/smart-charging/validate.ts), one per rule, each with the paragraph that
 * demands it, and the replacement a valid profile implies under each duplicate policy.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateProfile, type ValidationContext, type Verdict } from '../../../agent/smart-charging/validate.js';
import type { ChargingProfile } from '../../../agent/smart-charging/types.js';
import { LIMITS, at, profile } from './helpers.js';

const T0 = at('2026-06-01T10:00:00Z');

function ctx(over: Partial<ValidationContext> = {}): ValidationContext {
  return {
    installed: [],
    evses: [
      { id: 1, phases: 3, transactionId: 'tx-1' },
      { id: 2, phases: 3 },
    ],
    limits: LIMITS,
    duplicates: 'replace',
    ...over,
  };
}

const def = (over: Partial<ChargingProfile> = {}, periods: Array<[number, number]> = [[0, 16]]) =>
  profile({ id: 1, purpose: 'TxDefault', ...over }, { startSchedule: T0, periods });

function refused(v: Verdict, reason: string, field: string): void {
  assert.equal(v.ok, false, `expected a refusal for ${reason}`);
  if (v.ok) return;
  assert.equal(v.reason, reason, v.message);
  assert.equal(v.field, field);
  assert.ok(v.message.length > 10);
}

describe('SetChargingProfile validation', () => {
  test('a valid profile is accepted and says what it replaces', () => {
    const v = validateProfile(def(), ctx());
    assert.deepEqual(v, { ok: true, replaces: [] });
  });

  test('TC_058_1 / TC_K_02: a TxProfile without a transaction on the EVSE is refused (1.6 §3.13.1, K01.FR.09)', () => {
    refused(validateProfile(profile({ id: 1, purpose: 'Tx', evseId: 2 }, { startSchedule: T0, periods: [[0, 16]] }), ctx()), 'NoTransaction', 'evseId');
  });

  test('TC_058_2 / TC_K_16: a TxProfile for another transaction is refused (K01.FR.33)', () => {
    const v = validateProfile(profile({ id: 1, purpose: 'Tx', transactionId: 'tx-7' }, { startSchedule: T0, periods: [[0, 16]] }), ctx());
    refused(v, 'TransactionMismatch', 'transactionId');
    if (!v.ok) assert.equal(v.reasonCode, 'TxNotFound');
    assert.equal(validateProfile(profile({ id: 1, purpose: 'Tx', transactionId: 'tx-1' }, { startSchedule: T0, periods: [[0, 16]] }), ctx()).ok, true);
    // 1.6: without a transactionId the profile is for the transaction on the connector (§7.8).
    assert.equal(validateProfile(profile({ id: 1, purpose: 'Tx' }, { startSchedule: T0, periods: [[0, 16]] }), ctx()).ok, true);
  });

  test('TC_K_11: a TxProfile on EVSE 0 is refused (K01.FR.16); ChargingStationMax only on EVSE 0 (K04.FR.03)', () => {
    refused(validateProfile(profile({ id: 1, purpose: 'Tx', evseId: 0 }, { startSchedule: T0, periods: [[0, 16]] }), ctx()), 'TxProfileOnStation', 'evseId');
    refused(validateProfile(profile({ id: 1, purpose: 'ChargingStationMax', evseId: 1 }, { startSchedule: T0, periods: [[0, 16]] }), ctx()), 'StationMaxOnEvse', 'evseId');
  });

  test('TC_K_14: an EVSE that does not exist (K01.FR.28)', () => {
    refused(validateProfile(def({ evseId: 5 }), ctx()), 'UnknownEvse', 'evseId');
  });

  test('TC_K_12: a unit not in ChargingScheduleAllowedChargingRateUnit (K01.FR.26)', () => {
    const v = validateProfile(profile({ id: 1, purpose: 'TxDefault' }, { chargingRateUnit: 'W', startSchedule: T0, periods: [[0, 7000]] }), ctx({ limits: { ...LIMITS, allowedUnits: ['A'] } }));
    refused(v, 'UnitNotAllowed', 'schedules[0].chargingRateUnit');
    if (!v.ok) assert.equal(v.reasonCode, 'UnsupportedRateUnit');
  });

  test('periods: the first at 0, strictly ascending, no more than ChargingScheduleMaxPeriods, limits >= 0', () => {
    refused(validateProfile(def({}, [[10, 16]]), ctx()), 'FirstPeriodNotZero', 'schedules[0].periods[0].startPeriod');
    refused(validateProfile(def({}, [[0, 16], [600, 8], [600, 6]]), ctx()), 'PeriodsNotAscending', 'schedules[0].periods[2].startPeriod');
    refused(validateProfile(def({}, [[0, 16], [600, 8], [300, 6]]), ctx()), 'PeriodsNotAscending', 'schedules[0].periods[2].startPeriod');
    refused(validateProfile(def({}, [[0, 16], [60, 8], [120, 6]]), ctx({ limits: { ...LIMITS, maxPeriods: 2 } })), 'TooManyPeriods', 'schedules[0].periods');
    refused(validateProfile(def({}, [[0, -1]]), ctx()), 'InvalidLimit', 'schedules[0].periods[0].limit');
    assert.equal(validateProfile(def({}, [[0, 0]]), ctx()).ok, true, 'a 0 A limit is legal (pause)');
  });

  test('stackLevel above ChargeProfileMaxStackLevel', () => {
    refused(validateProfile(def({ stackLevel: 9 }), ctx()), 'InvalidStackLevel', 'stackLevel');
    assert.equal(validateProfile(def({ stackLevel: 8 }), ctx()).ok, true);
  });

  test('Recurring needs recurrencyKind and startSchedule; recurrencyKind only with Recurring (errata 3.56, K01.FR.40)', () => {
    refused(validateProfile(def({ kind: 'Recurring' }), ctx()), 'RecurringWithoutKind', 'recurrencyKind');
    refused(validateProfile(profile({ id: 1, purpose: 'TxDefault', kind: 'Recurring', recurrencyKind: 'Daily' }, { periods: [[0, 16]] }), ctx()), 'MissingStartSchedule', 'schedules[0].startSchedule');
    refused(validateProfile(def({ recurrencyKind: 'Weekly' }), ctx()), 'RecurrencyKindWithoutRecurring', 'recurrencyKind');
  });

  test('the 2.0.1 startSchedule rules only when asked (K01.FR.38/40/41); 1.6 lets Absolute omit it (§7.13)', () => {
    const absNoStart = profile({ id: 1, purpose: 'TxDefault' }, { periods: [[0, 16]] });
    assert.equal(validateProfile(absNoStart, ctx()).ok, true);
    refused(validateProfile(absNoStart, ctx({ strictStartSchedule: true })), 'MissingStartSchedule', 'schedules[0].startSchedule');
    refused(validateProfile(def({ kind: 'Relative' }), ctx({ strictStartSchedule: true })), 'RelativeWithStartSchedule', 'schedules[0].startSchedule');
    const relMax = profile({ id: 1, purpose: 'ChargingStationMax', kind: 'Relative' }, { periods: [[0, 16]] });
    assert.equal(validateProfile(relMax, ctx()).ok, true);
    refused(validateProfile(relMax, ctx({ strictStartSchedule: true })), 'RelativeStationMax', 'kind');
  });

  test('MaxChargingProfilesInstalled: a replacement does not count twice', () => {
    const installed = [def({ id: 1 }), def({ id: 2, stackLevel: 1 })];
    const limits = { ...LIMITS, maxInstalled: 2 };
    refused(validateProfile(def({ id: 3, stackLevel: 2 }), ctx({ installed, limits })), 'TooManyProfiles', 'id');
    const same = validateProfile(def({ id: 2, stackLevel: 1 }), ctx({ installed, limits }));
    assert.deepEqual(same.ok && same.replaces.map((p) => p.id), [2]);
  });

  test('duplicates, policy replace (1.6 §3.13.2): same purpose + stackLevel on the same EVSE is replaced', () => {
    const installed = [def({ id: 1 }), def({ id: 2, evseId: 0 })];
    const v = validateProfile(def({ id: 5 }), ctx({ installed }));
    // Connector 1's own one goes; connector 0's stays (§3.13.1 "replaced only for that specific connector").
    assert.deepEqual(v.ok && v.replaces.map((p) => p.id), [1]);
  });

  test('duplicates, policy reject (2.0.1 K01.FR.06/52/53): refused while validity overlaps', () => {
    const installed = [def({ id: 1, validTo: at('2026-07-01T00:00:00Z') })];
    const v = validateProfile(def({ id: 5 }), ctx({ installed, duplicates: 'reject' }));
    refused(v, 'DuplicateProfile', 'stackLevel');
    if (!v.ok) assert.equal(v.reasonCode, 'DuplicateProfile');
    assert.equal(validateProfile(def({ id: 5, validFrom: at('2026-07-01T00:00:00Z') }), ctx({ installed, duplicates: 'reject' })).ok, true);
    // EVSE 0 versus a specific EVSE, same stackLevel, different id (K01.FR.52/53).
    refused(validateProfile(def({ id: 6, evseId: 0 }), ctx({ installed, duplicates: 'reject' })), 'DuplicateProfile', 'stackLevel');
    // The same id replaces (K01.FR.05).
    const same = validateProfile(def({ id: 1 }), ctx({ installed, duplicates: 'reject' }));
    assert.deepEqual(same.ok && same.replaces.map((p) => p.id), [1]);
  });

  test('ExternalConstraints are not the CSMS\'s to set or replace (K01.FR.05/22)', () => {
    refused(validateProfile(profile({ id: 1, purpose: 'ChargingStationExternalConstraints', evseId: 0 }, { startSchedule: T0, periods: [[0, 16]] }), ctx()), 'ExternalConstraintsNotSettable', 'purpose');
    const installed = [profile({ id: 4, purpose: 'ChargingStationExternalConstraints', evseId: 0, source: 'EMS' }, { startSchedule: T0, periods: [[0, 16]] })];
    refused(validateProfile(def({ id: 4 }), ctx({ installed })), 'ExternalConstraintsNotSettable', 'id');
  });

  test('phases: fewer than the EVSE has only if it can switch (K01.FR.43); phaseToUse only with 1 phase and switching (K01.FR.19/48)', () => {
    const onePhase = profile({ id: 1, purpose: 'TxDefault' }, { startSchedule: T0, periods: [[0, 16, 1]] });
    refused(validateProfile(onePhase, ctx()), 'PhasesNotSupported', 'schedules[0].periods[0].numberPhases');
    const switching = ctx({ evses: [{ id: 1, phases: 3, phaseSwitching: true }] });
    assert.equal(validateProfile(onePhase, switching).ok, true);
    const withPhase = (n: number) => ({ ...onePhase, schedules: [{ ...onePhase.schedules[0]!, periods: [{ startPeriod: 0, limit: 16, numberPhases: n, phaseToUse: 2 }] }] });
    assert.equal(validateProfile(withPhase(1), switching).ok, true);
    refused(validateProfile(withPhase(3), switching), 'InvalidPhaseToUse', 'schedules[0].periods[0].phaseToUse');
    refused(validateProfile(withPhase(1), ctx({ evses: [{ id: 1, phases: 1 }] })), 'InvalidPhaseToUse', 'schedules[0].periods[0].phaseToUse');
    // More phases than the EVSE has: accepted, the limit applies to the phases there are (K01.FR.45, 1.6 errata 3.34).
    assert.equal(validateProfile(profile({ id: 1, purpose: 'TxDefault' }, { startSchedule: T0, periods: [[0, 16, 3]] }), ctx({ evses: [{ id: 1, phases: 1 }] })).ok, true);
    // A phaseToUse other than the station maximum's is a conflict (2.0.1 errata 2.36).
    const max = profile({ id: 9, purpose: 'ChargingStationMax' }, { startSchedule: T0, periods: [[0, 16]] });
    max.schedules[0]!.periods[0] = { startPeriod: 0, limit: 16, numberPhases: 1, phaseToUse: 1 };
    refused(validateProfile(withPhase(1), { ...switching, installed: [max] }), 'PhaseConflict', 'schedules[0].periods[0].phaseToUse');
  });

  test('more schedules than allowed, validTo before validFrom, a zero duration', () => {
    const two = def();
    two.schedules.push({ ...two.schedules[0]! });
    refused(validateProfile(two, ctx()), 'TooManySchedules', 'schedules');
    assert.equal(validateProfile(two, ctx({ limits: { ...LIMITS, maxSchedules: 3 } })).ok, true);
    refused(validateProfile(def({ validFrom: T0, validTo: T0 }), ctx()), 'InvalidValidity', 'validTo');
    const zero = def();
    zero.schedules[0]!.duration = 0;
    refused(validateProfile(zero, ctx()), 'InvalidDuration', 'schedules[0].duration');
  });
});
