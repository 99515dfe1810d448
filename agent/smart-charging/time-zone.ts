/**
 * Wall-clock arithmetic in an IANA time zone, for Recurring schedules that should recur at the same local
 * time across a DST change. Uses only Intl (the zone data shipped with Node): no clock is read. Offsets are
 * memoised per zone and minute (Intl formatting is slow); a memo of a pure function, so every station sharing it
 * gets the answers it would compute itself.
 *
 * A "wall" value is the local date-time written as if it were UTC milliseconds (Date.UTC of the local fields).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what the caller should see.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const MINUTE_MS = 60_000;
/** zone → minute → offset. A pure function memoised: zone offsets change on whole minutes only. */
const offsets = new Map<string, Map<number, number>>();
const MAX_CACHED = 20_000;

/** Milliseconds the zone is ahead of UTC at the instant `utcMs`. */
export function offsetMs(timeZone: string, utcMs: number): number {
  const minute = Math.floor(utcMs / MINUTE_MS);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const cached = zone.get(minute);
  if (cached !== undefined) return cached;
  const at = minute * MINUTE_MS;
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - at;
  if (zone.size >= MAX_CACHED) zone.clear();
  zone.set(minute, offset);
  return offset;
}

export function utcToWall(timeZone: string, utcMs: number): number {
  return utcMs + offsetMs(timeZone, utcMs);
}

const DAY_MS = 86_400_000;

/**
 * The instant a local wall time names. In a fold (autumn, the hour repeats) the earlier instant; in a gap
 * (spring, the hour is skipped) the wall time is read with the offset from before the gap, which lands as
 * far after the gap as the time was into it (02:30 → 03:30), like Temporal's 'compatible' disambiguation.
 */
export function wallToUtc(timeZone: string, wall: number): number {
  const before = offsetMs(timeZone, wall - DAY_MS);
  const after = offsetMs(timeZone, wall + DAY_MS);
  // No change within a day either side (offsets are under 15 h): the one offset there is holds.
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((t) => t + offsetMs(timeZone, t) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}
