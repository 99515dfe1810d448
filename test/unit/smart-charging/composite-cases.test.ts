/**
 * The composite schedule against hand-worked cases. The 2.0.1 TC_K_40/41 cases follow the test-case text
 * in the 2.0.1 errata (6.2.72-6.2.74) with <Configured max time deviation> = 0 and the request x = 10 s after
 * startSchedule; the 1.6 cases (TC_056, TC_057, TC_066, TC_072, TC_082) are built from their titles and the
 * 1.6 paragraphs they exercise (only the ids and titles of the 1.6 OCTT cases are public). Every expectation
 * was worked out by hand and is written next to the case.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compositeSchedule, limitAt } from '../../../agent/smart-charging/composite.js';
import { ProfileSet } from '../../../agent/smart-charging/profile-set.js';
import { EVSE1, EVSE3, GRID, at, pairs, plus, profile, stationEvse } from './helpers.js';

const T0 = at('2026-06-01T10:00:00Z');
const TX = { id: 'tx-1', startedAt: T0 };

describe('OCPP 1.6 smart-charging cases', () => {
  test('TC_056 TxDefaultProfile: a TxDefault on connector 1 is the limit of a new transaction (1.6 §3.13.1)', () => {
    const p = profile({ id: 1, purpose: 'TxDefault', evseId: 1 }, { startSchedule: T0, periods: [[0, 10], [600, 16]] });
    const c = compositeSchedule({ profiles: [p], evseId: 1, start: T0, durationS: 1200, unit: 'A', evse: EVSE3, transaction: TX });
    // 0-600 s: 10 A; 600 s on: 16 A (the last period runs on: no duration, §7.13).
    assert.deepEqual(pairs(c.periods), [[0, 10], [600, 16]]);
    assert.equal(c.periods[0]!.numberPhases, 3);
  });

  test('TC_057 TxProfile: the transaction\'s TxProfile overrules TxDefault for that transaction (1.6 §3.13.1)', () => {
    const def = profile({ id: 1, purpose: 'TxDefault', evseId: 0 }, { startSchedule: T0, periods: [[0, 16]] });
    const tx = profile({ id: 2, purpose: 'Tx', evseId: 1, transactionId: 'tx-1' }, { startSchedule: T0, periods: [[0, 20], [300, 8]] });
    const c = compositeSchedule({ profiles: [def, tx], evseId: 1, start: T0, durationS: 600, unit: 'A', evse: EVSE3, transaction: TX });
    // TxProfile wins even where it is higher (20 > 16): overrule, not minimum.
    assert.deepEqual(pairs(c.periods), [[0, 20], [300, 8]]);
    // Another transaction on the EVSE does not get it.
    const other = compositeSchedule({ profiles: [def, tx], evseId: 1, start: T0, durationS: 600, unit: 'A', evse: EVSE3, transaction: { id: 'tx-2', startedAt: T0 } });
    assert.deepEqual(pairs(other.periods), [[0, 16]]);
  });

  test('TC_066 GetCompositeSchedule: ChargePointMaxProfile merged with TxDefault, for the connector and for connector 0 (§3.13.3, §5.7)', () => {
    const max = profile({ id: 1, purpose: 'ChargingStationMax' }, { startSchedule: T0, duration: 3600, periods: [[0, 24], [1800, 12]] });
    const def = profile({ id: 2, purpose: 'TxDefault', evseId: 0 }, { startSchedule: T0, periods: [[0, 16], [2400, 20]] });
    const c1 = compositeSchedule({ profiles: [max, def], evseId: 1, start: T0, durationS: 4000, unit: 'A', evse: EVSE3, transaction: TX });
    // 0: min(24,16)=16; 1800: min(12,16)=12; 2400: min(12,20)=12 (no change); 3600 max ends: 20.
    assert.deepEqual(pairs(c1.periods), [[0, 16], [1800, 12], [3600, 20]]);
    // Connector 0, two connectors: min(max, 63 A connection, E1 + E2) where each E = min(TxDefault, max).
    const evses = [stationEvse(1), stationEvse(2)];
    const c0 = compositeSchedule({ profiles: [max, def], evseId: 0, start: T0, durationS: 4000, unit: 'A', evse: GRID, evses });
    // 0: min(24, 16+16) = 24; 1800: min(12, 12+12) = 12; 3600: no max: min(63, 20+20) = 40.
    assert.deepEqual(pairs(c0.periods), [[0, 24], [1800, 12], [3600, 40]]);
  });

  test('TC_072 stacking: the higher stackLevel prevails while it has a period, then the lower one again (§3.13.2, errata 3.43)', () => {
    const base = profile({ id: 1, purpose: 'TxDefault', stackLevel: 0 }, { startSchedule: T0, periods: [[0, 16]] });
    const top = profile({ id: 2, purpose: 'TxDefault', stackLevel: 1 }, { startSchedule: plus(T0, 300), duration: 600, periods: [[0, 20], [300, 6]] });
    const c = compositeSchedule({ profiles: [base, top], evseId: 1, start: T0, durationS: 1500, unit: 'A', evse: EVSE3, transaction: TX });
    // 0-300 base 16; 300-600 top 20 (higher than base: precedence, not minimum); 600-900 top 6; 900 base 16.
    assert.deepEqual(pairs(c.periods), [[0, 16], [300, 20], [600, 6], [900, 16]]);
  });

  test('TC_082 TxDefault with ongoing transaction: a new TxDefault applies to the running transaction (errata 3.8)', () => {
    const set = new ProfileSet([profile({ id: 1, purpose: 'TxDefault' }, { startSchedule: T0, periods: [[0, 16]] })]);
    const now = plus(T0, 600);
    set.install(profile({ id: 2, purpose: 'TxDefault' }, { startSchedule: now, periods: [[0, 10]] }));
    // Same purpose and stackLevel on the same connector: replaced (1.6 §3.13.2).
    assert.deepEqual(set.all().map((p) => p.id), [2]);
    const l = limitAt({ profiles: set.all(), evseId: 1, at: now, evse: EVSE3, transaction: TX });
    assert.equal(l.limitA, 10);
    assert.equal(l.limitingProfileId, 2);
  });
});

describe('OCPP 2.0.1 K cases (engine part)', () => {
  const x = 10;
  const start = plus(T0, x);

  test('TC_K_39 no profile installed: one period at the local limit (K08, K02.FR.08)', () => {
    const c = compositeSchedule({ profiles: [], evseId: 0, start, durationS: 300, unit: 'A', evse: GRID });
    assert.deepEqual(pairs(c.periods), [[0, 63]]);
    const w = compositeSchedule({ profiles: [], evseId: 1, start, durationS: 300, unit: 'W', evse: EVSE3 });
    assert.deepEqual(pairs(w.periods), [[0, 32 * 230 * 3]]);
  });

  test('TC_K_40 stacking: stackLevel 1 for 150 s over stackLevel 0 for 400 s (K08.FR.02/06, K01.FR.17)', () => {
    const p1 = profile({ id: 1, purpose: 'TxDefault', stackLevel: 0 }, { startSchedule: T0, duration: 400, periods: [[0, 6], [100, 8], [200, 10]] });
    const p2 = profile({ id: 2, purpose: 'TxDefault', stackLevel: 1 }, { startSchedule: T0, duration: 150, periods: [[0, 7], [100, 9]] });
    const c = compositeSchedule({ profiles: [p1, p2], evseId: 1, start, durationS: 350, unit: 'A', evse: EVSE3 });
    // Errata 6.2.74: 0 → 7, 100-x → 9, 150-x → 8 (stack 0), 200-x → 10.
    assert.deepEqual(pairs(c.periods), [[0, 7], [90, 9], [140, 8], [190, 10]]);
    // In W with numberPhases 3 the limit multiplier is 690 (errata 6.2.69).
    const w = compositeSchedule({ profiles: [p1, p2], evseId: 1, start, durationS: 350, unit: 'W', evse: EVSE3 });
    assert.deepEqual(pairs(w.periods), [[0, 7 * 690], [90, 9 * 690], [140, 8 * 690], [190, 10 * 690]]);
  });

  test('TC_K_41 combining purposes: ChargingStationMax 10, TxDefault for 300 s, TxProfile for 260 s (K08.FR.04, SC.01)', () => {
    const max = profile({ id: 1, purpose: 'ChargingStationMax' }, { startSchedule: T0, duration: 86_400, periods: [[0, 10]] });
    const def = profile({ id: 2, purpose: 'TxDefault' }, { startSchedule: T0, duration: 300, periods: [[0, 6], [60, 10], [120, 8], [180, 15], [260, 8]] });
    const tx = profile({ id: 3, purpose: 'Tx', transactionId: 'tx-1' }, { startSchedule: T0, duration: 260, periods: [[0, 8], [50, 11], [140, 16], [200, 6], [240, 12]] });
    const c = compositeSchedule({ profiles: [max, def, tx], evseId: 1, start, durationS: 400, unit: 'A', evse: EVSE3, transaction: TX });
    // Errata 6.2.74: 0 → 8 (Tx), 50-x → 10 (max), 200-x → 6 (Tx), 240-x → 10 (max), 260-x → 8 (TxDefault), 300-x → 10 (max).
    assert.deepEqual(pairs(c.periods), [[0, 8], [40, 10], [190, 6], [230, 10], [250, 8], [290, 10]]);
  });

  test('TC_K_01 / TC_K_10: TxDefault on EVSE 1 applies to EVSE 1 only; on EVSE 0 to every EVSE (K01.FR.14/15)', () => {
    const on1 = profile({ id: 1, purpose: 'TxDefault', evseId: 1 }, { startSchedule: T0, periods: [[0, 8]] });
    const on0 = profile({ id: 2, purpose: 'TxDefault', evseId: 0 }, { startSchedule: T0, periods: [[0, 12]] });
    const one = (id: number, ps: typeof on1[]) => pairs(compositeSchedule({ profiles: ps, evseId: id, start, durationS: 60, unit: 'A', evse: EVSE3 }).periods);
    assert.deepEqual(one(1, [on1]), [[0, 8]]);
    assert.deepEqual(one(2, [on1]), [[0, 32]]);
    assert.deepEqual(one(1, [on0]), [[0, 12]]);
    assert.deepEqual(one(2, [on0]), [[0, 12]]);
    // Both at stackLevel 0 (a 1.6 station may hold both): the EVSE's own one overrides EVSE 0's on that EVSE.
    assert.deepEqual(one(1, [on0, on1]), [[0, 8]]);
    assert.deepEqual(one(2, [on0, on1]), [[0, 12]]);
  });

  test('TC_K_03 ChargingStationMax caps every EVSE and the station total (K04.FR.05)', () => {
    const max = profile({ id: 1, purpose: 'ChargingStationMax' }, { startSchedule: T0, periods: [[0, 20]] });
    assert.deepEqual(pairs(compositeSchedule({ profiles: [max], evseId: 1, start, durationS: 60, unit: 'A', evse: EVSE3 }).periods), [[0, 20]]);
    const total = compositeSchedule({ profiles: [max], evseId: 0, start, durationS: 60, unit: 'A', evse: GRID, evses: [stationEvse(1), stationEvse(2)] });
    assert.deepEqual(pairs(total.periods), [[0, 20]]);
  });

  test('TC_K_09 clearing a TxDefault during a transaction: the EVSE continues as if without it (K10.FR.07)', () => {
    const set = new ProfileSet([profile({ id: 1, purpose: 'TxDefault' }, { startSchedule: T0, periods: [[0, 8]] })]);
    assert.equal(limitAt({ profiles: set.all(), evseId: 1, at: start, evse: EVSE3, transaction: TX }).limitA, 8);
    set.clear({ id: 1 });
    const l = limitAt({ profiles: set.all(), evseId: 1, at: start, evse: EVSE3, transaction: TX });
    assert.equal(l.limitA, 32);
    assert.equal(l.limitingProfileId, null);
    assert.equal(l.nextBoundaryAt, null);
  });

  test('TC_K_21 / TC_K_22 / TC_K_23: validFrom, validTo and a future startSchedule bound where a profile applies (K01.FR.30/36/37)', () => {
    const p = profile(
      { id: 1, purpose: 'TxDefault', validFrom: plus(T0, 50), validTo: plus(T0, 400) },
      { startSchedule: plus(T0, 60), periods: [[0, 6]] },
    );
    const c = compositeSchedule({ profiles: [p], evseId: 1, start: T0, durationS: 600, unit: 'A', evse: EVSE3 });
    // Valid from 50 s but nothing to impose until startSchedule at 60 s; validTo 400 s ends it.
    assert.deepEqual(pairs(c.periods), [[0, 32], [60, 6], [400, 32]]);
  });

  test('TC_K_19 Recurring Daily, TC_K_37 RequestStartTransaction with a profile bound when the transaction starts', () => {
    const daily = profile({ id: 1, purpose: 'TxDefault', kind: 'Recurring', recurrencyKind: 'Daily' }, { startSchedule: at('2026-01-01T08:00:00Z'), duration: 3600, periods: [[0, 6]] });
    const c = compositeSchedule({ profiles: [daily], evseId: 1, start: at('2026-06-01T07:00:00Z'), durationS: 3 * 3600, unit: 'A', evse: EVSE3 });
    assert.deepEqual(pairs(c.periods), [[0, 32], [3600, 6], [7200, 32]]);
    const set = new ProfileSet([profile({ id: 7, purpose: 'Tx', kind: 'Relative' }, { periods: [[0, 10], [60, 14]] })]);
    assert.deepEqual(set.transactionStarted(1, 'tx-9').map((p) => p.transactionId), ['tx-9']);
    const started = at('2026-06-01T12:00:30Z');
    const r = compositeSchedule({ profiles: set.all(), evseId: 1, start: plus(started, 30), durationS: 120, unit: 'A', evse: EVSE3, transaction: { id: 'tx-9', startedAt: started } });
    // Relative to the transaction start: 10 A until 60 s in, i.e. 30 s into the window.
    assert.deepEqual(pairs(r.periods), [[0, 10], [30, 14]]);
  });
});

describe('units, phases and the station total', () => {
  test('W → A at 230 V over the period\'s phases, 3 when absent (1.6 §7.12, K01.FR.49/50)', () => {
    const w = profile({ id: 1, purpose: 'TxDefault' }, { chargingRateUnit: 'W', startSchedule: T0, periods: [[0, 11_040]] });
    const asA = compositeSchedule({ profiles: [w], evseId: 1, start: T0, durationS: 60, unit: 'A', evse: EVSE3 });
    assert.deepEqual(pairs(asA.periods), [[0, 16]]);
    const asW = compositeSchedule({ profiles: [w], evseId: 1, start: T0, durationS: 60, unit: 'W', evse: EVSE3 });
    assert.deepEqual(pairs(asW.periods), [[0, 11_040]]);
    // On a single-phase EVSE the 3-phase default still divides by 3 (the spec's rule; a 1-phase region should
    // send numberPhases 1): 7360 W / (230 × 3) = 10.67 A, which is 2453 W on the one phase.
    const w7 = profile({ id: 2, purpose: 'TxDefault' }, { chargingRateUnit: 'W', startSchedule: T0, periods: [[0, 7360]] });
    const one = compositeSchedule({ profiles: [w7], evseId: 1, start: T0, durationS: 60, unit: 'A', evse: EVSE1 });
    assert.deepEqual(pairs(one.periods), [[0, 10.6]]);
    assert.equal(one.periods[0]!.numberPhases, 1);
    const oneW = compositeSchedule({ profiles: [w7], evseId: 1, start: T0, durationS: 60, unit: 'W', evse: EVSE1 });
    assert.deepEqual(pairs(oneW.periods), [[0, 2453.3]]);
    const w7one = profile({ id: 3, purpose: 'TxDefault' }, { chargingRateUnit: 'W', startSchedule: T0, periods: [[0, 7360, 1]] });
    assert.deepEqual(pairs(compositeSchedule({ profiles: [w7one], evseId: 1, start: T0, durationS: 60, unit: 'A', evse: EVSE1 }).periods), [[0, 32]]);
  });

  test('A and W profiles compare in amperes; the lowest numberPhases wins (2.0.1 errata 2.36)', () => {
    const max = profile({ id: 1, purpose: 'ChargingStationMax' }, { chargingRateUnit: 'W', startSchedule: T0, periods: [[0, 11_000]] });
    const def = profile({ id: 2, purpose: 'TxDefault' }, { startSchedule: T0, periods: [[0, 20], [60, 10, 1]] });
    const c = compositeSchedule({ profiles: [max, def], evseId: 1, start: T0, durationS: 120, unit: 'A', evse: EVSE3 });
    // 11000 / 690 = 15.94 → 15.9 A on 3 phases; then 10 A on 1 phase.
    assert.deepEqual(c.periods, [{ startPeriod: 0, limit: 15.9, numberPhases: 3 }, { startPeriod: 60, limit: 10, numberPhases: 1 }]);
    const w = compositeSchedule({ profiles: [max, def], evseId: 1, start: T0, durationS: 120, unit: 'W', evse: EVSE3 });
    // In W the minimum is the 11 kW itself (no detour through rounded amperes).
    assert.deepEqual(pairs(w.periods), [[0, 11_000], [60, 2300]]);
  });

  test('minChargingRate is carried from the Tx/TxDefault schedule, in the requested unit', () => {
    const def = profile({ id: 1, purpose: 'TxDefault' }, { startSchedule: T0, minChargingRate: 6.5, periods: [[0, 16]] });
    const c = compositeSchedule({ profiles: [def], evseId: 1, start: T0, durationS: 60, unit: 'W', evse: EVSE3 });
    assert.equal(c.minChargingRate, 6.5 * 690);
    assert.equal(c.periods[0]!.minChargingRate, 6.5 * 690);
  });

  test('station total: the EVSEs add up, capped by ChargingStationMax and the connection (K08.FR.03)', () => {
    const max = profile({ id: 1, purpose: 'ChargingStationMax' }, { startSchedule: T0, periods: [[0, 40]] });
    const def = profile({ id: 2, purpose: 'TxDefault', evseId: 1 }, { startSchedule: T0, periods: [[0, 16], [600, 6]] });
    const evses = [stationEvse(1, EVSE3, TX), stationEvse(2)];
    const c = compositeSchedule({ profiles: [max, def], evseId: 0, start: T0, durationS: 1200, unit: 'A', evse: GRID, evses });
    // 0: min(40, 16 + min(32, 40)) = 40; 600: min(40, 6 + 32) = 38.
    assert.deepEqual(pairs(c.periods), [[0, 40], [600, 38]]);
    const w = compositeSchedule({ profiles: [max, def], evseId: 0, start: T0, durationS: 1200, unit: 'W', evse: GRID, evses });
    assert.deepEqual(pairs(w.periods), [[0, 40 * 690], [600, 38 * 690]]);
    // Without the EVSE list: the station-level profiles alone (the connection's own limit).
    assert.deepEqual(pairs(compositeSchedule({ profiles: [max, def], evseId: 0, start: T0, durationS: 1200, unit: 'A', evse: GRID }).periods), [[0, 40]]);
    // ExternalConstraints on EVSE 0 are a station-level limit too (SC.01).
    const ext = profile({ id: 3, purpose: 'ChargingStationExternalConstraints', evseId: 0, source: 'EMS' }, { startSchedule: T0, periods: [[0, 25]] });
    assert.deepEqual(pairs(compositeSchedule({ profiles: [max, def, ext], evseId: 0, start: T0, durationS: 1200, unit: 'A', evse: GRID, evses }).periods), [[0, 25]]);
    assert.deepEqual(pairs(compositeSchedule({ profiles: [max, def, ext], evseId: 2, start: T0, durationS: 60, unit: 'A', evse: EVSE3 }).periods), [[0, 25]]);
  });

  test('a limit of 0 A is kept (suspend), not dropped', () => {
    const def = profile({ id: 1, purpose: 'TxDefault' }, { startSchedule: T0, periods: [[0, 0], [60, 16]] });
    const l = limitAt({ profiles: [def], evseId: 1, at: T0, evse: EVSE3, transaction: TX });
    assert.equal(l.limitA, 0);
    assert.deepEqual(l.nextBoundaryAt, plus(T0, 60));
  });

  test('expired and not-yet-valid profiles do not apply; a Tx profile goes with its transaction', () => {
    const old = profile({ id: 1, purpose: 'TxDefault', validTo: T0 }, { startSchedule: plus(T0, -3600), periods: [[0, 6]] });
    const later = profile({ id: 2, purpose: 'TxDefault', stackLevel: 1, validFrom: plus(T0, 120) }, { startSchedule: plus(T0, -3600), periods: [[0, 10]] });
    const c = compositeSchedule({ profiles: [old, later], evseId: 1, start: T0, durationS: 300, unit: 'A', evse: EVSE3 });
    assert.deepEqual(pairs(c.periods), [[0, 32], [120, 10]]);
    const set = new ProfileSet([old, later, profile({ id: 3, purpose: 'Tx', transactionId: 'tx-1' }, { startSchedule: T0, periods: [[0, 8]] })]);
    assert.equal(limitAt({ profiles: set.all(), evseId: 1, at: plus(T0, 200), evse: EVSE3, transaction: TX }).limitA, 8);
    assert.deepEqual(set.transactionEnded(1, 'tx-1').map((p) => p.id), [3]);
    assert.deepEqual(set.prune(plus(T0, 1)).map((p) => p.id), [1]);
    assert.deepEqual(set.all().map((p) => p.id), [2]);
  });

  test('limitAt names the limiting profile and the next boundary; bad input names the field', () => {
    const max = profile({ id: 9, purpose: 'ChargingStationMax' }, { startSchedule: T0, duration: 900, periods: [[0, 12]] });
    const l = limitAt({ profiles: [max], evseId: 1, at: plus(T0, 100), evse: EVSE3 });
    assert.deepEqual(l, { limitA: 12, limitW: 8280, numberPhases: 3, limitingProfileId: 9, nextBoundaryAt: plus(T0, 900) });
    assert.throws(() => compositeSchedule({ profiles: [], evseId: 1, start: T0, durationS: 0, unit: 'A', evse: EVSE3 }), /durationS: must be a positive integer/);
    assert.throws(() => compositeSchedule({ profiles: [], evseId: 1, start: T0, durationS: 60, unit: 'A', evse: { ...EVSE3, phases: 4 } }), /evse\.phases: must be 1, 2 or 3/);
    assert.throws(() => limitAt({ profiles: [], evseId: 1, at: T0, evse: EVSE3, timeZone: 'Mars/Olympus' }), /timeZone: unknown IANA time zone/);
    assert.throws(() => limitAt({ profiles: [], evseId: 0, at: T0, evse: EVSE3 }), /evseId: limitAt is for an EVSE/);
  });
});
