/**
 * Reading a stored profile back (the inverse of serialiseProfile): the shape is checked field by field, so a
 * damaged store row is reported by name instead of becoming a wrong limit.
 */
import { KINDS, LIMIT_SOURCES, PURPOSES, RECURRENCY_KINDS, UNITS, type ChargingProfile, type ChargingSchedule, type ChargingSchedulePeriod } from './types.js';

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A ChargingProfile from JSON, or null with the reasons appended to `errors` (each prefixed with `at`). */
export function parseProfile(raw: unknown, at: string, errors: string[]): ChargingProfile | null {
  const before = errors.length;
  if (!isObj(raw)) {
    errors.push(`${at}: must be an object`);
    return null;
  }
  const int = (k: string, min: number) => {
    const v = raw[k];
    if (!Number.isInteger(v) || (v as number) < min) errors.push(`${at}.${k}: must be an integer >= ${min}, got ${JSON.stringify(v)}`);
    return v as number;
  };
  const oneOf = <T extends string>(k: string, values: readonly T[], optional: boolean): T | undefined => {
    const v = raw[k];
    if (v === undefined && optional) return undefined;
    if (!values.includes(v as T)) errors.push(`${at}.${k}: must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  };
  const id = int('id', Number.MIN_SAFE_INTEGER);
  const evseId = int('evseId', 0);
  const stackLevel = int('stackLevel', 0);
  const purpose = oneOf('purpose', PURPOSES, false)!;
  const kind = oneOf('kind', KINDS, false)!;
  const recurrencyKind = oneOf('recurrencyKind', RECURRENCY_KINDS, true);
  const source = oneOf('source', LIMIT_SOURCES, true);
  const validFrom = date(raw.validFrom, `${at}.validFrom`, errors);
  const validTo = date(raw.validTo, `${at}.validTo`, errors);
  if (raw.transactionId !== undefined && typeof raw.transactionId !== 'string') errors.push(`${at}.transactionId: must be a string`);
  const schedules: ChargingSchedule[] = [];
  if (!Array.isArray(raw.schedules) || raw.schedules.length === 0) errors.push(`${at}.schedules: must be a non-empty array`);
  else raw.schedules.forEach((s, i) => {
    const parsed = parseSchedule(s, `${at}.schedules[${i}]`, errors);
    if (parsed) schedules.push(parsed);
  });
  if (errors.length > before) return null;
  const p: ChargingProfile = { id, evseId, stackLevel, purpose, kind, schedules };
  if (recurrencyKind) p.recurrencyKind = recurrencyKind;
  if (validFrom) p.validFrom = validFrom;
  if (validTo) p.validTo = validTo;
  if (typeof raw.transactionId === 'string') p.transactionId = raw.transactionId;
  if (source) p.source = source;
  return p;
}

function date(v: unknown, at: string, errors: string[]): Date | undefined {
  if (v === undefined) return undefined;
  const d = typeof v === 'string' ? new Date(v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) errors.push(`${at}: must be an ISO 8601 date-time, got ${JSON.stringify(v)}`);
  return d;
}

const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

function parseSchedule(raw: unknown, at: string, errors: string[]): ChargingSchedule | null {
  const before = errors.length;
  if (!isObj(raw)) {
    errors.push(`${at}: must be an object`);
    return null;
  }
  if (!UNITS.includes(raw.chargingRateUnit as 'A')) errors.push(`${at}.chargingRateUnit: must be A or W, got ${JSON.stringify(raw.chargingRateUnit)}`);
  if (raw.duration !== undefined && (!Number.isInteger(raw.duration) || (raw.duration as number) < 0)) errors.push(`${at}.duration: must be an integer >= 0`);
  if (raw.minChargingRate !== undefined && !num(raw.minChargingRate)) errors.push(`${at}.minChargingRate: must be a number`);
  if (raw.id !== undefined && !Number.isInteger(raw.id)) errors.push(`${at}.id: must be an integer`);
  const startSchedule = date(raw.startSchedule, `${at}.startSchedule`, errors);
  const periods: ChargingSchedulePeriod[] = [];
  if (!Array.isArray(raw.periods) || raw.periods.length === 0) errors.push(`${at}.periods: must be a non-empty array`);
  else raw.periods.forEach((p, i) => {
    const pa = `${at}.periods[${i}]`;
    if (!isObj(p)) return void errors.push(`${pa}: must be an object`);
    if (!Number.isInteger(p.startPeriod) || (p.startPeriod as number) < 0) errors.push(`${pa}.startPeriod: must be an integer >= 0`);
    if (!num(p.limit)) errors.push(`${pa}.limit: must be a number`);
    if (p.numberPhases !== undefined && !Number.isInteger(p.numberPhases)) errors.push(`${pa}.numberPhases: must be an integer`);
    if (p.phaseToUse !== undefined && !Number.isInteger(p.phaseToUse)) errors.push(`${pa}.phaseToUse: must be an integer`);
    const period: ChargingSchedulePeriod = { startPeriod: p.startPeriod as number, limit: p.limit as number };
    if (p.numberPhases !== undefined) period.numberPhases = p.numberPhases as number;
    if (p.phaseToUse !== undefined) period.phaseToUse = p.phaseToUse as number;
    periods.push(period);
  });
  if (errors.length > before) return null;
  const s: ChargingSchedule = { chargingRateUnit: raw.chargingRateUnit as 'A' | 'W', periods };
  if (raw.id !== undefined) s.id = raw.id as number;
  if (startSchedule) s.startSchedule = startSchedule;
  if (raw.duration !== undefined) s.duration = raw.duration as number;
  if (raw.minChargingRate !== undefined) s.minChargingRate = raw.minChargingRate as number;
  return s;
}
