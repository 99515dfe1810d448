/**
 * Recurring schedules (1.6 errata 3.79: Daily restarts every 24 h at the time of startSchedule, Weekly every
 * 7 days at that time and weekday): across midnight, across the week boundary, and across a DST change, in
 * UTC steps (the default: 1.6 §3.13.7 expects a special profile on DST days) and in a time zone (opt-in).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compositeSchedule } from '../../../agent/smart-charging/composite.js';
import { wallToUtc, utcToWall } from '../../../agent/smart-charging/time-zone.js';
import { EVSE3, at, pairs, profile } from './helpers.js';

const H = 3600;

describe('Recurring schedules', () => {
  test('Daily across midnight: 22:00-02:00 every day', () => {
    const p = profile({ id: 1, purpose: 'TxDefault', kind: 'Recurring', recurrencyKind: 'Daily' }, { startSchedule: at('2026-01-01T22:00:00Z'), duration: 4 * H, periods: [[0, 10], [2 * H, 6]] });
    const c = compositeSchedule({ profiles: [p], evseId: 1, start: at('2026-03-10T21:00:00Z'), durationS: 6 * H, unit: 'A', evse: EVSE3 });
    // 21:00 rating, 22:00 10 A, 00:00 6 A, 02:00 rating again.
    assert.deepEqual(pairs(c.periods), [[0, 32], [H, 10], [3 * H, 6], [5 * H, 32]]);
    // A window starting inside yesterday's occurrence picks it up.
    const mid = compositeSchedule({ profiles: [p], evseId: 1, start: at('2026-03-11T01:00:00Z'), durationS: 2 * H, unit: 'A', evse: EVSE3 });
    assert.deepEqual(pairs(mid.periods), [[0, 6], [H, 32]]);
  });

  test('Daily without duration: the last period runs until the next day\'s start, periods past 24 h are not executed (errata 3.44)', () => {
    const p = profile({ id: 1, purpose: 'TxDefault', kind: 'Recurring', recurrencyKind: 'Daily' }, { startSchedule: at('2026-01-01T06:00:00Z'), periods: [[0, 16], [12 * H, 8], [30 * H, 1]] });
    const c = compositeSchedule({ profiles: [p], evseId: 1, start: at('2026-03-10T05:00:00Z'), durationS: 26 * H, unit: 'A', evse: EVSE3 });
    // 05:00 still the previous day's 8 A; 06:00 16; 18:00 8; 06:00 next day 16; the 30 h period never runs.
    assert.deepEqual(pairs(c.periods), [[0, 8], [H, 16], [13 * H, 8], [25 * H, 16]]);
  });

  test('Weekly across the week boundary: Sunday 20:00 to Monday 04:00', () => {
    const sunday = at('2026-03-01T20:00:00Z');
    assert.equal(sunday.getUTCDay(), 0);
    const p = profile({ id: 1, purpose: 'TxDefault', kind: 'Recurring', recurrencyKind: 'Weekly' }, { startSchedule: sunday, duration: 8 * H, periods: [[0, 8], [4 * H, 12]] });
    const c = compositeSchedule({ profiles: [p], evseId: 1, start: at('2026-03-15T18:00:00Z'), durationS: 12 * H, unit: 'A', evse: EVSE3 });
    assert.deepEqual(pairs(c.periods), [[0, 32], [2 * H, 8], [6 * H, 12], [10 * H, 32]]);
    const wednesday = compositeSchedule({ profiles: [p], evseId: 1, start: at('2026-03-18T18:00:00Z'), durationS: 12 * H, unit: 'A', evse: EVSE3 });
    assert.deepEqual(pairs(wednesday.periods), [[0, 32]]);
  });

  test('not before startSchedule: a Recurring profile starts with its first occurrence (K01.FR.30)', () => {
    const p = profile({ id: 1, purpose: 'TxDefault', kind: 'Recurring', recurrencyKind: 'Daily' }, { startSchedule: at('2026-03-10T12:00:00Z'), duration: H, periods: [[0, 6]] });
    const c = compositeSchedule({ profiles: [p], evseId: 1, start: at('2026-03-09T11:00:00Z'), durationS: 26 * H, unit: 'A', evse: EVSE3 });
    assert.deepEqual(pairs(c.periods), [[0, 32], [25 * H, 6]]);
  });

  // Europe/Amsterdam: CET (+1) → CEST (+2) on 2026-03-29 at 01:00Z; back on 2026-10-25 at 01:00Z.
  const tz = 'Europe/Amsterdam';
  // 08:00 local (07:00Z in winter): 6 A for 12 h, then 16 A until the next day's 08:00.
  const daily = profile({ id: 1, purpose: 'TxDefault', kind: 'Recurring', recurrencyKind: 'Daily' }, { startSchedule: at('2026-03-01T07:00:00Z'), duration: 24 * H, periods: [[0, 6], [12 * H, 16]] });

  test('DST in a time zone: a Daily schedule keeps its local time; the day of the change is 23 h long', () => {
    const c = compositeSchedule({ profiles: [daily], evseId: 1, start: at('2026-03-28T18:00:00Z'), durationS: 14 * H, unit: 'A', evse: EVSE3, timeZone: tz });
    // 18:00Z = 19:00 CET: 6 A; 19:00Z = 20:00 CET: 16 A; 06:00Z on the 29th = 08:00 CEST: 6 A.
    assert.deepEqual(pairs(c.periods), [[0, 6], [H, 16], [12 * H, 6]]);
    const after = compositeSchedule({ profiles: [daily], evseId: 1, start: at('2026-03-30T05:00:00Z'), durationS: 14 * H, unit: 'A', evse: EVSE3, timeZone: tz });
    // 08:00 CEST = 06:00Z, 20:00 CEST = 18:00Z.
    assert.deepEqual(pairs(after.periods), [[0, 16], [H, 6], [13 * H, 16]]);
  });

  test('DST in a time zone, autumn: the day of the change is 25 h long', () => {
    const c = compositeSchedule({ profiles: [daily], evseId: 1, start: at('2026-10-24T17:00:00Z'), durationS: 16 * H, unit: 'A', evse: EVSE3, timeZone: tz });
    // 17:00Z = 19:00 CEST: 6 A; 18:00Z = 20:00 CEST: 16 A; 07:00Z on the 25th = 08:00 CET: 6 A.
    assert.deepEqual(pairs(c.periods), [[0, 6], [H, 16], [14 * H, 6]]);
  });

  test('DST without a time zone: fixed 24 h steps keep the UTC time, so the local time moves by an hour', () => {
    const c = compositeSchedule({ profiles: [daily], evseId: 1, start: at('2026-03-28T18:00:00Z'), durationS: 14 * H, unit: 'A', evse: EVSE3 });
    // Still 07:00Z (now 09:00 CEST) and 19:00Z.
    assert.deepEqual(pairs(c.periods), [[0, 6], [H, 16], [13 * H, 6]]);
  });

  test('wall-clock conversion: gap times move forward, fold times take the first instant', () => {
    // 02:30 on 2026-03-29 does not exist in Amsterdam: read as 03:30 CEST = 01:30Z.
    assert.equal(new Date(wallToUtc(tz, Date.UTC(2026, 2, 29, 2, 30))).toISOString(), '2026-03-29T01:30:00.000Z');
    // 02:30 on 2026-10-25 happens twice: the CEST one, 00:30Z.
    assert.equal(new Date(wallToUtc(tz, Date.UTC(2026, 9, 25, 2, 30))).toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(utcToWall(tz, Date.UTC(2026, 0, 1, 12)), Date.UTC(2026, 0, 1, 13));
  });
});
