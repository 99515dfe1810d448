/**
 * One profile laid out on the time axis: the intervals in which it has a period, each with that period's
 * limit. Where a profile has no interval (before its start, after its duration, outside validFrom..validTo)
 * it does not apply and the composite falls through to lower stack levels (1.6 §5.16.4 with errata 3.43,
 * 2.0.1 K01.FR.13/K02.FR.08).
 */
import { utcToWall, wallToUtc } from './time-zone.js';
import type { ChargingProfile, ChargingSchedule } from './types.js';

/**
 * The intervals, as parallel arrays (a 24 h station composite lays out a thousand or more of them per call;
 * arrays instead of an object each keep the garbage collector out of GetCompositeSchedule's tail latency).
 * Plain arrays of numbers, not typed arrays: V8 keeps them unboxed in the young generation, where a typed
 * array's ArrayBuffer is a separate backing store that costs more to make and to collect (measured: making
 * them was 9 % of the station composite's CPU profile and the collector 15 %; 9 % after).
 * Interval k is [from[k], to[k]) ms and carries schedule.periods[period[k]].
 */
export interface Timeline {
  profileId: number;
  schedule: ChargingSchedule;
  count: number;
  from: number[];
  /** Infinity where the last period runs on. */
  to: number[];
  period: number[];
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
export function timelineOf(profile: ChargingProfile, from: number, to: number, ctx: TimelineContext): Timeline | null {
  const schedule = scheduleOf(profile, ctx.scheduleIndex);
  if (!schedule || schedule.periods.length === 0) return null;
  const lo = Math.max(from, profile.validFrom?.getTime() ?? -Infinity);
  const hi = Math.min(to, profile.validTo?.getTime() ?? Infinity);
  if (lo >= hi) return null;
  const anchor = schedule.startSchedule?.getTime() ?? ctx.relativeStart;
  const start = profile.kind === 'Relative' ? ctx.relativeStart : anchor;

  if (profile.kind !== 'Recurring') {
    const out = alloc(profile.id, schedule);
    const at = (s: number) => start + s * 1000;
    emit(out, at, schedule.duration === undefined ? Infinity : at(schedule.duration), lo, hi);
    return out.count > 0 ? out : null;
  }

  // Recurring (errata 3.79): restarts every 24 h / 7 d from startSchedule; never before it (K01.FR.30).
  const periodMs = (profile.recurrencyKind === 'Weekly' ? WEEK_S : DAY_S) * 1000;
  const tz = ctx.timeZone;
  const wall0 = tz ? utcToWall(tz, start) : start;
  const occurrence = (k: number) => wall0 + k * periodMs;
  const toUtc = (wall: number) => (tz ? wallToUtc(tz, wall) : wall);
  // One occurrence early: with a zone an occurrence can start up to an offset change before its fixed slot.
  let k = Math.max(0, Math.floor((lo - start) / periodMs) - 1);
  const out = alloc(profile.id, schedule);
  for (; ; k++) {
    const occStart = toUtc(occurrence(k));
    if (occStart >= hi) break;
    const next = toUtc(occurrence(k + 1));
    if (next <= lo) continue;
    const wall = occurrence(k);
    const at = (s: number) => toUtc(wall + s * 1000);
    // Periods or a duration past the recurrence period are not executed (1.6 §5.16.4, errata 3.44).
    emit(out, at, Math.min(next, schedule.duration === undefined ? Infinity : at(schedule.duration)), lo, hi);
  }
  return out.count > 0 ? out : null;
}

function alloc(profileId: number, schedule: ChargingSchedule): Timeline {
  return { profileId, schedule, count: 0, from: [], to: [], period: [] };
}

function emit(out: Timeline, at: (s: number) => number, end: number, lo: number, hi: number): void {
  const periods = out.schedule.periods;
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
    out.from.push(a);
    out.to.push(b);
    out.period.push(i);
    out.count++;
  }
}
