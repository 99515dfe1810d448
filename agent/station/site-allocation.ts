/**
 * How a site limit is divided among the EVSEs that share it: a pure function, so each policy is checked against
 * hand-worked cases and properties (never above the site, never an illegal offer) without a station.
 *
 * Every EVSE that gets anything gets at least the IEC 61851 minimum (6 A per phase): an offer below it is an
 * illegal duty cycle, so when the site cannot give everyone the minimum the newest sessions pause (offer 0) and
 * the oldest go on, the same order as first come, first served.
 *
 * Quantities are in the site limit's unit: amperes per phase for an A limit, watts for a W limit (each EVSE's
 * minimum and demand then count its phases and voltage).
 */

export type SitePolicy = 'equalShare' | 'firstComeFirstServed';

export const SITE_POLICIES: readonly SitePolicy[] = ['equalShare', 'firstComeFirstServed'];

export interface Claimant {
  id: number;
  /** The least it may be offered when offered anything (6 A, or 6 A × V × phases in W). */
  minimum: number;
  /** The most it can use (its rating, or what it was seen to draw plus headroom); at least `minimum`. */
  demand: number;
}

/**
 * `claimants` oldest session first. Returns each claimant's share (0: paused); the shares never sum above
 * `total`. equalShare is max-min fair: every claimant gets the same, except one that wants less, whose rest is
 * shared by the others. firstComeFirstServed serves the oldest session its whole demand first, keeping only the
 * minimum for each later one that fits.
 */
export function allocate(total: number, claimants: readonly Claimant[], policy: SitePolicy): Map<number, number> {
  const out = new Map<number, number>(claimants.map((c) => [c.id, 0]));
  // The oldest sessions that can each have their minimum; the rest pause.
  let budget = total;
  const served: Claimant[] = [];
  for (const c of claimants) {
    if (c.minimum > budget + 1e-9) break;
    served.push(c);
    budget -= c.minimum;
  }
  if (served.length === 0) return out;
  if (policy === 'firstComeFirstServed') {
    // Each in turn gets what it wants beyond its minimum, while the later ones keep theirs.
    let spare = budget;
    for (const c of served) {
      const extra = Math.min(Math.max(0, c.demand - c.minimum), spare);
      out.set(c.id, c.minimum + extra);
      spare -= extra;
    }
    return out;
  }
  // Water-filling: one level L for all, each claimant held between its minimum and its demand, L as high as the
  // site allows. With W limits the minimums differ (1 and 3 phases), which a greedy "equal part of what is left"
  // gets wrong; the sum is monotone in L, so halving the interval finds it.
  const sumAt = (level: number) => served.reduce((sum, c) => sum + Math.min(c.demand, Math.max(c.minimum, level)), 0);
  let lo = 0;
  let hi = Math.max(...served.map((c) => c.demand));
  if (sumAt(hi) <= total) lo = hi;
  else
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (sumAt(mid) <= total) lo = mid;
      else hi = mid;
    }
  // Exact level for those not held at a bound (no 9.999… A for a 10 A share): the rest of the site, equally.
  const free = served.filter((c) => c.minimum < lo && lo < c.demand);
  if (free.length > 0 && lo < hi) {
    const held = served.filter((c) => !free.includes(c)).reduce((sum, c) => sum + Math.min(c.demand, Math.max(c.minimum, lo)), 0);
    lo = Math.max(lo, (total - held) / free.length);
  }
  for (const c of served) out.set(c.id, Math.min(c.demand, Math.max(c.minimum, lo)));
  return out;
}
