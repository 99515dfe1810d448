/**
 * Re-stamping of events that happened before the clock was trusted. Such events carry the epoch plus the
 * monotonic time of this run (agent/clock); once the wall time is known, `wall - (monotonicNow - stamp)` is when
 * they happened. A stamp from an earlier run (its monotonic origin is lost) cannot be placed exactly: it gets the
 * start of this run, the latest instant it can have happened, and the caller is told so.
 */
import { UNTRUSTED_BEFORE, type Clock } from '../clock/clock.js';

export interface RestampResult<T> {
  value: T;
  /** Stamps that could only be approximated (earlier run). */
  approximated: number;
  changed: number;
}

export function restampTimestamps<T>(value: T, clock: Clock): RestampResult<T> {
  const out = { approximated: 0, changed: 0 };
  if (!clock.isTrusted()) return { value, ...out };
  const wallNow = clock.now().getTime();
  const mono = clock.monotonicMs();
  const runStart = wallNow - mono;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const copy: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'timestamp' && typeof x === 'string') {
        const t = Date.parse(x);
        if (!Number.isNaN(t) && t < UNTRUSTED_BEFORE) {
          out.changed++;
          if (t <= mono) copy[k] = new Date(wallNow - (mono - t)).toISOString();
          else {
            out.approximated++;
            copy[k] = new Date(runStart).toISOString();
          }
          continue;
        }
      }
      copy[k] = walk(x);
    }
    return copy;
  };
  return { value: walk(value) as T, ...out };
}
