/** Builders for the smart-charging engine tests: a profile in one line, the test EVSEs, readable periods. */
import type { CompositePeriod } from '../../../agent/smart-charging/composite.js';
import type { ChargingProfile, ChargingSchedule, ChargingSchedulePeriod, EvseElectrical, StationEvse } from '../../../agent/smart-charging/types.js';
import type { ValidationLimits } from '../../../agent/smart-charging/validate.js';

/** 3 × 230 V, 32 A: a rating high enough that the profiles decide. */
export const EVSE3: EvseElectrical = { nominalVoltageV: 230, phases: 3, maxCurrentA: 32 };
export const EVSE1: EvseElectrical = { nominalVoltageV: 230, phases: 1, maxCurrentA: 32 };
/** The grid connection: 63 A. */
export const GRID: EvseElectrical = { nominalVoltageV: 230, phases: 3, maxCurrentA: 63 };

export const LIMITS: ValidationLimits = { maxStackLevel: 8, maxPeriods: 24, allowedUnits: ['A', 'W'], maxInstalled: 16 };

export const at = (iso: string) => new Date(iso);
export const plus = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

type Periods = Array<[number, number] | [number, number, number]>;

/** [[startPeriod, limit, numberPhases?], ...] */
export function periods(ps: Periods): ChargingSchedulePeriod[] {
  return ps.map(([startPeriod, limit, numberPhases]) => (numberPhases === undefined ? { startPeriod, limit } : { startPeriod, limit, numberPhases }));
}

export function profile(p: Partial<ChargingProfile> & { id: number; purpose: ChargingProfile['purpose'] }, schedule: Partial<Omit<ChargingSchedule, 'periods'>> & { periods: Periods }): ChargingProfile {
  const { periods: ps, ...rest } = schedule;
  return {
    evseId: p.purpose === 'ChargingStationMax' ? 0 : 1,
    stackLevel: 0,
    kind: 'Absolute',
    ...p,
    schedules: [{ chargingRateUnit: 'A', ...rest, periods: periods(ps) }],
  };
}

/** Periods as [startPeriod, limit] pairs, for compact assertions. */
export const pairs = (ps: CompositePeriod[]) => ps.map((p) => [p.startPeriod, p.limit]);

export function stationEvse(id: number, e: EvseElectrical = EVSE3, transaction?: StationEvse['transaction']): StationEvse {
  return transaction ? { id, ...e, transaction } : { id, ...e };
}
