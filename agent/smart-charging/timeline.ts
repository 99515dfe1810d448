/**
 * One profile laid out on the time axis: the intervals in which it has a period, each with that period's
 * limit. Where a profile has no interval (before its start, after its duration, outside validFrom..validTo)
 * it does not apply and the composite falls through to lower stack levels (1.6 §5.16.4 with errata 3.43,
 * 2.0.1 K01.FR.13/K02.FR.08).
 */
import { utcToWall, wallToUtc } from './time-zone.js';
import type { ChargingProfile, ChargingRateUnit, ChargingSchedule } from './types.js';

export interface Segment {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive; Infinity when the last period runs on. */
  to: number;
  limit: number;
  unit: ChargingRateUnit;
  numberPhases: number | undefined;
  phaseToUse: number | undefined;
  minChargingRate: number | undefined;
  profileId: number;
}

export interface TimelineContext {
  /** Where Relative schedules (and an Absolute one without startSchedule, 1.6 §7.13) start. */
  relativeStart: number;
  /** IANA zone in which Recurring schedules keep their local time; absent = fixed 24 h / 7 d steps. */
  timeZone: string | undefined;
  /** Which of a profile's schedules to use (2.0.1 K15.FR.22); a profile with fewer uses its first. */
  scheduleIndex: number;
}

const DAY_S = 86_400;
const WEEK_S = 7 * DAY_S;

export function scheduleOf(profile: ChargingProfile, index: number): ChargingSchedule | undefined {
  return profile.schedules[index] ?? profile.schedules[0];
}

/** The profile's intervals that overlap [from, to), clipped to it and to validFrom..validTo, in time order. */
export function segmentsOf(profile: ChargingProfile, from: number, to: number, ctx: TimelineContext): Segment[] {
  const schedule = scheduleOf(profile, ctx.scheduleIndex);
  if (!schedule || schedule.periods.length === 0) return [];
  const lo = Math.max(from, profile.validFrom?.getTime() ?? -Infinity);
  const hi = Math.min(to, profile.validTo?.getTime() ?? Infinity);
  if (lo >= hi) return [];
  const out: Segment[] = [];
  const anchor = schedule.startSchedule?.getTime() ?? ctx.relativeStart;
  const start = profile.kind === 'Relative' ? ctx.relativeStart : anchor;

  if (profile.kind !== 'Recurring') {
    const at = (s: number) => start + s * 1000;
    const end = schedule.duration === undefined ? Infinity : at(schedule.duration);
    emit(out, profile.id, schedule, at, end, lo, hi);
    return out;
  }

  // Recurring (errata 3.79): restarts every 24 h / 7 d from startSchedule; never before it (K01.FR.30).
  const periodS = profile.recurrencyKind === 'Weekly' ? WEEK_S : DAY_S;
  const tz = ctx.timeZone;
  const wall0 = tz ? utcToWall(tz, start) : start;
  const occurrence = (k: number) => wall0 + k * periodS * 1000;
  const toUtc = (wall: number) => (tz ? wallToUtc(tz, wall) : wall);
  // One occurrence early: with a zone an occurrence can start up to an offset change before its fixed slot.
  let k = Math.max(0, Math.floor((lo - start) / (periodS * 1000)) - 1);
  for (; ; k++) {
    const occStart = toUtc(occurrence(k));
    if (occStart >= hi) break;
    const next = toUtc(occurrence(k + 1));
    if (next <= lo) continue;
    const at = (s: number) => toUtc(occurrence(k) + s * 1000);
    // Periods or a duration past the recurrence period are not executed (1.6 §5.16.4, errata 3.44).
    const end = Math.min(next, schedule.duration === undefined ? Infinity : at(schedule.duration));
    emit(out, profile.id, schedule, at, end, lo, hi);
  }
  return out;
}

function emit(out: Segment[], profileId: number, schedule: ChargingSchedule, at: (s: number) => number, end: number, lo: number, hi: number): void {
  const periods = schedule.periods;
  let last = -Infinity;
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    // A stored profile was validated; this only keeps the sweep sound if one was not.
    if (p.startPeriod <= last) continue;
    last = p.startPeriod;
    const segFrom = at(p.startPeriod);
    if (segFrom >= end) break; // K01.FR.11: a period at or past the duration is not executed.
    const nextStart = periods[i + 1]?.startPeriod;
    const segTo = Math.min(end, nextStart === undefined ? Infinity : at(nextStart));
    const a = Math.max(segFrom, lo);
    const b = Math.min(segTo, hi);
    if (a >= b) continue;
    out.push({
      from: a,
      to: b,
      limit: p.limit,
      unit: schedule.chargingRateUnit,
      numberPhases: p.numberPhases,
      phaseToUse: p.phaseToUse,
      minChargingRate: schedule.minChargingRate,
      profileId,
    });
  }
}
