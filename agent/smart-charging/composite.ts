/**
 * The composite schedule: what an EVSE (or the whole station) may draw over a time window, merged from every
 * installed profile as the specs say. Pure: time comes in as arguments, nothing is read or written.
 *
 * Rules, with where they come from:
 * - Within a purpose, at each instant the profile with the highest stackLevel that is valid (validFrom <= t <
 *   validTo, K01.FR.36/37) and has a period at t wins; one without a period at t (before its start, past its
 *   duration) falls through to lower stack levels (1.6 §3.13.2, §5.16.4 + errata 3.43; 2.0.1 §3.5, K01.FR.17).
 *   On a tie an EVSE's own profile beats the station-wide (EVSE 0) one: 1.6 §3.13.1 "replaced only for that
 *   specific connector".
 * - A TxProfile of the EVSE's transaction overrides TxDefault wherever it has a period; where it has none
 *   (expired, past its duration) TxDefault applies again (2.0.1 §3.5, K02.FR.04/08; 1.6 §3.13.1).
 * - EVSE limit = min(Tx or TxDefault, ChargingStationMax, ExternalConstraints of the EVSE and of EVSE 0, the
 *   EVSE's rating) (1.6 §3.13.3; 2.0.1 SC.01, K08.FR.04). Where no profile applies the rating is the limit
 *   (K02.FR.08 "falls back to the local limit").
 * - Without a transaction the EVSE is computed as if one started at `start` using TxDefault (K08.FR.06);
 *   Relative schedules start at the transaction's startedAt, else at `start`; station-level ones (EVSE 0's
 *   ChargingStationMax and ExternalConstraints) always at `start`, having no transaction.
 * - EVSE 0, the station: the total it expects to draw from the grid (1.6 §5.7 + errata 3.30, K08.FR.03) =
 *   min(ChargingStationMax and ExternalConstraints of EVSE 0, the connection's rating, the sum of every EVSE's
 *   own limit), since ChargingStationMax is the limit of all EVSEs combined (1.6 §3.13.3, K04.FR.05). Without
 *   `evses` it is the station-level profiles alone. Amperes add per phase, as if every EVSE loads every phase.
 * - W ↔ A: A = W / (V × numberPhases), numberPhases from the period, 3 when absent (1.6 §7.12, K01.FR.49/50
 *   as amended by the 2025 errata); W = A × V × phases, with phases = the lowest numberPhases of the applied
 *   periods (2.0.1 errata 2.36), never more than the EVSE has.
 * - Limits are rounded down to 0.1 (the wire's one decimal), so rounding never raises a limit.
 */
import { scheduleOf, timelineOf, type Timeline } from './timeline.js';
import { isTimeZone } from './time-zone.js';
import {
  DEFAULT_NUMBER_PHASES,
  UNITS,
  type ChargingProfile,
  type ChargingProfilePurpose,
  type ChargingRateUnit,
  type EvseElectrical,
  type StationEvse,
  type TransactionRef,
} from './types.js';

export interface CompositeRequest {
  profiles: readonly ChargingProfile[];
  /** 0 = the station total. */
  evseId: number;
  start: Date;
  durationS: number;
  unit: ChargingRateUnit;
  /** The EVSE asked for; for EVSE 0 the grid connection (its maxCurrentA is the connection's rating). */
  evse: EvseElectrical;
  /** The EVSE's running transaction. */
  transaction?: TransactionRef;
  /** EVSE 0 only: the station's EVSEs, whose limits add up to the station total. */
  evses?: readonly StationEvse[];
  /** IANA zone in which Recurring schedules keep local time (DST); absent = fixed 24 h / 7 d in UTC. */
  timeZone?: string;
  /** Which schedule of multi-schedule (ISO 15118) profiles to combine, 0-based (K15.FR.22). */
  scheduleIndex?: number;
}

export interface CompositePeriod {
  /** Seconds from scheduleStart. */
  startPeriod: number;
  limit: number;
  numberPhases: number;
  phaseToUse?: number;
  /** From the Tx/TxDefault schedule in force, in the requested unit. */
  minChargingRate?: number;
}

export interface CompositeSchedule {
  evseId: number;
  scheduleStart: Date;
  durationS: number;
  unit: ChargingRateUnit;
  periods: CompositePeriod[];
  /** The highest minChargingRate of the periods (1.6 carries one per schedule). */
  minChargingRate?: number;
}

export interface LimitRequest {
  profiles: readonly ChargingProfile[];
  /** An EVSE, > 0. */
  evseId: number;
  at: Date;
  evse: EvseElectrical;
  transaction?: TransactionRef;
  timeZone?: string;
  scheduleIndex?: number;
}

export interface EffectiveProfileLimit {
  /** Per phase; what the pilot may offer (before the IEC 6 A floor, which is the EVSE's business). */
  limitA: number;
  /** The same over numberPhases at the nominal voltage. */
  limitW: number;
  numberPhases: number;
  phaseToUse?: number;
  minChargingRateA?: number;
  /** The profile whose period sets the limit, or null where the EVSE's rating does. */
  limitingProfileId: number | null;
  /** The next instant a profile period starts or ends (recompute then), or null when no profile applies ever. */
  nextBoundaryAt: Date | null;
}

/** How far ahead limitAt looks for the next boundary: more than a Weekly recurrence. */
export const BOUNDARY_HORIZON_MS = 8 * 86_400_000;

interface Lane {
  tl: Timeline;
  i: number;
}

/** The period in force at an instant, and whose it is. */
interface Hit {
  limit: number;
  unit: ChargingRateUnit;
  numberPhases: number | undefined;
  phaseToUse: number | undefined;
  minChargingRate: number | undefined;
  profileId: number;
}

/**
 * One call's time window: each profile laid out once (per Relative start) and shared by every EVSE, with the
 * boundaries of everything laid out.
 */
class Layout {
  private readonly cache = new Map<ChargingProfile, Map<number | null, Timeline | null>>();
  readonly timelines: Timeline[] = [];
  constructor(
    readonly from: number,
    readonly to: number,
    private readonly timeZone: string | undefined,
    private readonly scheduleIndex: number,
  ) {}

  timeline(p: ChargingProfile, relativeStart: number): Timeline | null {
    const relative = p.kind === 'Relative' || scheduleOf(p, this.scheduleIndex)?.startSchedule === undefined;
    const key = relative ? relativeStart : null;
    let byStart = this.cache.get(p);
    if (!byStart) this.cache.set(p, (byStart = new Map()));
    let tl = byStart.get(key);
    if (tl === undefined) {
      tl = timelineOf(p, this.from, this.to, { relativeStart, timeZone: this.timeZone, scheduleIndex: this.scheduleIndex });
      byStart.set(key, tl);
      if (tl) this.timelines.push(tl);
    }
    return tl;
  }

  /** The window's start and every interval edge inside it, ascending, once each. */
  boundaries(): number[] {
    let n = 0;
    for (const tl of this.timelines) n += 2 * tl.count;
    const all = new Float64Array(n);
    let k = 0;
    for (const tl of this.timelines) {
      const { from, to, count } = tl;
      for (let i = 0; i < count; i++) {
        all[k++] = from[i]!;
        // Back-to-back periods share their edge: the sort then has half as much to do.
        if (i + 1 === count || to[i] !== from[i + 1]) all[k++] = to[i]!;
      }
    }
    const edges = all.subarray(0, k).sort();
    const out = [this.from];
    for (let i = 0; i < k; i++) {
      const x = edges[i]!;
      if (x > this.from && x < this.to && x !== out[out.length - 1]) out.push(x);
    }
    return out;
  }
}

/** The profiles of one purpose in precedence order; the first with a period at t wins. */
class Level {
  private readonly lanes: Lane[] = [];
  private readonly hit: Hit = { limit: 0, unit: 'A', numberPhases: undefined, phaseToUse: undefined, minChargingRate: undefined, profileId: 0 };

  constructor(profiles: ChargingProfile[], layout: Layout, relativeStart: number) {
    profiles.sort((a, b) => b.stackLevel - a.stackLevel || (a.evseId === 0 ? 1 : 0) - (b.evseId === 0 ? 1 : 0));
    for (const p of profiles) {
      const tl = layout.timeline(p, relativeStart);
      if (tl) this.lanes.push({ tl, i: 0 });
    }
  }

  /** Call with non-decreasing t; the result is reused by the next call. */
  at(t: number): Hit | undefined {
    for (const lane of this.lanes) {
      const { tl } = lane;
      let i = lane.i;
      while (i < tl.count && tl.to[i]! <= t) i++;
      lane.i = i;
      if (i < tl.count && tl.from[i]! <= t) {
        const period = tl.schedule.periods[tl.period[i]!]!;
        const h = this.hit;
        h.limit = period.limit;
        h.unit = tl.schedule.chargingRateUnit;
        h.numberPhases = period.numberPhases;
        h.phaseToUse = period.phaseToUse;
        h.minChargingRate = tl.schedule.minChargingRate;
        h.profileId = tl.profileId;
        return h;
      }
    }
    return undefined;
  }
}

const phasesOf = (s: Hit) => s.numberPhases ?? DEFAULT_NUMBER_PHASES;

/** A segment's limit as amperes per phase. */
function amps(s: Hit, value: number, voltageV: number): number {
  return s.unit === 'A' ? value : value / (voltageV * phasesOf(s));
}

const floor1 = (x: number) => (x === Infinity ? x : Math.max(0, Math.floor(x * 10 + 1e-6) / 10));

interface EvseValue {
  limitA: number;
  numberPhases: number;
  phaseToUse: number | undefined;
  minRateA: number | undefined;
  limitingProfileId: number | null;
}

/** The levels that make up one EVSE's limit. */
class EvseLimit {
  private readonly tx: Level;
  private readonly txDefault: Level;
  private readonly ext: Level;
  private readonly stationMax: Level;
  private readonly stationExt: Level;

  constructor(profiles: readonly ChargingProfile[], readonly evseId: number, readonly electrical: EvseElectrical, transaction: TransactionRef | undefined, layout: Layout) {
    const rel = transaction?.startedAt.getTime() ?? layout.from;
    const pick = (f: (p: ChargingProfile) => boolean) => profiles.filter(f);
    const is = (p: ChargingProfile, purpose: ChargingProfilePurpose) => p.purpose === purpose;
    this.tx = new Level(
      transaction ? pick((p) => is(p, 'Tx') && p.evseId === evseId && (p.transactionId === undefined || p.transactionId === transaction.id)) : [],
      layout,
      rel,
    );
    this.txDefault = new Level(pick((p) => is(p, 'TxDefault') && (p.evseId === evseId || p.evseId === 0)), layout, rel);
    this.ext = new Level(pick((p) => is(p, 'ChargingStationExternalConstraints') && p.evseId === evseId), layout, rel);
    // Station-level profiles belong to no transaction: a Relative one starts at the window's start, the same
    // for every EVSE and for the station total (2.0.1 rules such a ChargingStationMax out, K01.FR.38).
    this.stationMax = new Level(pick((p) => is(p, 'ChargingStationMax') && p.evseId === 0), layout, layout.from);
    this.stationExt = new Level(pick((p) => is(p, 'ChargingStationExternalConstraints') && p.evseId === 0), layout, layout.from);
  }

  private readonly value: EvseValue = { limitA: 0, numberPhases: 0, phaseToUse: undefined, minRateA: undefined, limitingProfileId: null };

  /** Call with non-decreasing t. The result is reused by the next call (the sweep allocates nothing per boundary). */
  at(t: number): EvseValue {
    const v = this.electrical.nominalVoltageV;
    const out = this.value;
    const main = this.tx.at(t) ?? this.txDefault.at(t);
    out.limitA = this.electrical.maxCurrentA;
    out.limitingProfileId = null;
    out.numberPhases = this.electrical.phases;
    out.phaseToUse = undefined;
    this.apply(main, v);
    this.apply(this.ext.at(t), v);
    this.apply(this.stationMax.at(t), v);
    this.apply(this.stationExt.at(t), v);
    if (out.numberPhases !== 1) out.phaseToUse = undefined;
    out.minRateA = main?.minChargingRate === undefined ? undefined : amps(main, main.minChargingRate, v);
    return out;
  }

  private apply(s: Hit | undefined, voltageV: number): void {
    if (!s) return;
    const out = this.value;
    const a = amps(s, s.limit, voltageV);
    if (a < out.limitA) {
      out.limitA = a;
      out.limitingProfileId = s.profileId;
    }
    const n = phasesOf(s);
    if (n < out.numberPhases) out.numberPhases = n;
    out.phaseToUse ??= s.phaseToUse;
  }
}

/** The station-level limit (EVSE 0's ChargingStationMax and ExternalConstraints, the connection's rating) in `unit`. */
class StationLimit {
  private readonly max: Level;
  private readonly ext: Level;
  constructor(profiles: readonly ChargingProfile[], readonly electrical: EvseElectrical, layout: Layout) {
    this.max = new Level(profiles.filter((p) => p.purpose === 'ChargingStationMax' && p.evseId === 0), layout, layout.from);
    this.ext = new Level(profiles.filter((p) => p.purpose === 'ChargingStationExternalConstraints' && p.evseId === 0), layout, layout.from);
  }

  private readonly value = { limit: 0, numberPhases: 0 };

  /** Call with non-decreasing t; the result is reused by the next call. */
  at(t: number, unit: ChargingRateUnit): { limit: number; numberPhases: number } {
    const { maxCurrentA, nominalVoltageV, phases } = this.electrical;
    const out = this.value;
    out.limit = unit === 'A' ? maxCurrentA : maxCurrentA * nominalVoltageV * phases;
    out.numberPhases = phases;
    this.apply(this.max.at(t), unit);
    this.apply(this.ext.at(t), unit);
    return out;
  }

  private apply(s: Hit | undefined, unit: ChargingRateUnit): void {
    if (!s) return;
    const { nominalVoltageV: v, phases } = this.electrical;
    const n = Math.min(phases, phasesOf(s));
    const inUnit = s.unit === unit ? s.limit : unit === 'A' ? s.limit / (v * phasesOf(s)) : s.limit * v * n;
    if (inUnit < this.value.limit) this.value.limit = inUnit;
    if (n < this.value.numberPhases) this.value.numberPhases = n;
  }

}

function checkElectrical(e: EvseElectrical, field: string): void {
  if (!(e.nominalVoltageV > 0)) throw new RangeError(`${field}.nominalVoltageV: must be a positive number of volts, got ${e.nominalVoltageV}`);
  if (!Number.isInteger(e.phases) || e.phases < 1 || e.phases > 3) throw new RangeError(`${field}.phases: must be 1, 2 or 3, got ${e.phases}`);
  if (!(e.maxCurrentA >= 0)) throw new RangeError(`${field}.maxCurrentA: must be a non-negative number of amperes, got ${e.maxCurrentA}`);
}

function checkCommon(r: { evseId: number; timeZone?: string | undefined; scheduleIndex?: number | undefined; evse: EvseElectrical }): void {
  if (!Number.isInteger(r.evseId) || r.evseId < 0) throw new RangeError(`evseId: must be an integer >= 0, got ${r.evseId}`);
  if (r.timeZone !== undefined && !isTimeZone(r.timeZone)) throw new RangeError(`timeZone: unknown IANA time zone '${r.timeZone}'`);
  if (r.scheduleIndex !== undefined && (!Number.isInteger(r.scheduleIndex) || r.scheduleIndex < 0)) throw new RangeError(`scheduleIndex: must be an integer >= 0, got ${r.scheduleIndex}`);
  checkElectrical(r.evse, 'evse');
}

export function compositeSchedule(req: CompositeRequest): CompositeSchedule {
  checkCommon(req);
  if (!Number.isInteger(req.durationS) || req.durationS <= 0) throw new RangeError(`durationS: must be a positive integer number of seconds, got ${req.durationS}`);
  if (!UNITS.includes(req.unit)) throw new RangeError(`unit: must be 'A' or 'W', got '${String(req.unit)}'`);
  const from = req.start.getTime();
  if (!Number.isFinite(from)) throw new RangeError('start: not a valid date');
  const to = from + req.durationS * 1000;
  const layout = new Layout(from, to, req.timeZone, req.scheduleIndex ?? 0);
  const unit = req.unit;

  // One reused value per sweep: a 24 h station composite has a thousand boundaries or more.
  const v = { limit: 0, numberPhases: 0, phaseToUse: undefined as number | undefined, minChargingRate: undefined as number | undefined };
  let valueAt: (t: number) => void;
  if (req.evseId > 0) {
    const evse = new EvseLimit(req.profiles, req.evseId, req.evse, req.transaction, layout);
    const voltageV = req.evse.nominalVoltageV;
    valueAt = (t) => {
      const e = evse.at(t);
      const perA = unit === 'A' ? 1 : voltageV * e.numberPhases;
      v.limit = e.limitA * perA;
      v.numberPhases = e.numberPhases;
      v.phaseToUse = e.phaseToUse;
      v.minChargingRate = e.minRateA === undefined ? undefined : e.minRateA * perA;
    };
  } else {
    const station = new StationLimit(req.profiles, req.evse, layout);
    const evses = (req.evses ?? []).map((e, i) => {
      checkElectrical(e, `evses[${i}]`);
      return new EvseLimit(req.profiles, e.id, e, e.transaction, layout);
    });
    valueAt = (t) => {
      const s = station.at(t, unit);
      let limit = s.limit;
      if (evses.length > 0) {
        let total = 0;
        for (const ev of evses) {
          const e = ev.at(t);
          total += unit === 'A' ? e.limitA : e.limitA * ev.electrical.nominalVoltageV * e.numberPhases;
        }
        limit = Math.min(limit, total);
      }
      v.limit = limit;
      v.numberPhases = s.numberPhases;
    };
  }

  const periods: CompositePeriod[] = [];
  let prev: CompositePeriod | undefined;
  for (const b of layout.boundaries()) {
    valueAt(b);
    const limit = floor1(v.limit);
    const minRate = v.minChargingRate === undefined ? undefined : floor1(v.minChargingRate);
    if (prev && prev.limit === limit && prev.numberPhases === v.numberPhases && prev.phaseToUse === v.phaseToUse && prev.minChargingRate === minRate) continue;
    const startPeriod = Math.round((b - from) / 1000);
    if (prev && prev.startPeriod === startPeriod) {
      // Two boundaries inside one second: that second gets the later values but the lower limit.
      periods.pop();
      const lower = Math.min(prev.limit, limit);
      prev = periods[periods.length - 1];
      if (prev && prev.limit === lower && prev.numberPhases === v.numberPhases && prev.phaseToUse === v.phaseToUse && prev.minChargingRate === minRate) continue;
      periods.push((prev = period(startPeriod, lower, v.numberPhases, v.phaseToUse, minRate)));
      continue;
    }
    periods.push((prev = period(startPeriod, limit, v.numberPhases, v.phaseToUse, minRate)));
  }
  const rates = periods.map((p) => p.minChargingRate).filter((r): r is number => r !== undefined);
  const out: CompositeSchedule = { evseId: req.evseId, scheduleStart: new Date(from), durationS: req.durationS, unit, periods };
  if (rates.length > 0) out.minChargingRate = Math.max(...rates);
  return out;
}

function period(startPeriod: number, limit: number, numberPhases: number, phaseToUse: number | undefined, minChargingRate: number | undefined): CompositePeriod {
  const p: CompositePeriod = { startPeriod, limit, numberPhases };
  if (phaseToUse !== undefined) p.phaseToUse = phaseToUse;
  if (minChargingRate !== undefined) p.minChargingRate = minChargingRate;
  return p;
}

/** The limit an EVSE's pilot should follow at `at`, and when to ask again. */
export function limitAt(req: LimitRequest): EffectiveProfileLimit {
  checkCommon(req);
  if (req.evseId === 0) throw new RangeError('evseId: limitAt is for an EVSE (> 0); the station total is compositeSchedule with evseId 0');
  const t = req.at.getTime();
  if (!Number.isFinite(t)) throw new RangeError('at: not a valid date');
  const horizon = t + BOUNDARY_HORIZON_MS;
  const layout = new Layout(t, horizon, req.timeZone, req.scheduleIndex ?? 0);
  const e = new EvseLimit(req.profiles, req.evseId, req.evse, req.transaction, layout).at(t);
  let next = Infinity;
  for (const tl of layout.timelines)
    for (let i = 0; i < tl.count; i++) {
      if (tl.from[i]! > t && tl.from[i]! < next) next = tl.from[i]!;
      if (tl.to[i]! > t && tl.to[i]! < next) next = tl.to[i]!;
    }
  // Nothing changes within the horizon: look again at its end if some profile could still start later.
  if (next === Infinity && req.profiles.some((p) => scheduleOf(p, req.scheduleIndex ?? 0) !== undefined && (p.evseId === 0 || p.evseId === req.evseId))) next = horizon;
  const limitA = floor1(e.limitA);
  const out: EffectiveProfileLimit = {
    limitA,
    limitW: floor1(e.limitA * req.evse.nominalVoltageV * e.numberPhases),
    numberPhases: e.numberPhases,
    limitingProfileId: e.limitingProfileId,
    nextBoundaryAt: next === Infinity ? null : new Date(next),
  };
  if (e.phaseToUse !== undefined) out.phaseToUse = e.phaseToUse;
  if (e.minRateA !== undefined) out.minChargingRateA = floor1(e.minRateA);
  return out;
}
