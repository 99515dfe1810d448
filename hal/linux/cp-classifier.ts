import type { CpState } from '../types.js';

/**
 * Lower edge of each state's band of the CP high level, in volts. The nominal levels are A +12, B +9, C +6, D +3,
 * E 0, F −12 (IEC 61851-1 Table A.4 as quoted in spec-facts E.1); the edges are the midpoints between them, which is
 * what common open implementations use too. Between E (0 V) and F (−12 V) the edge is −6 V.
 */
export const CP_BANDS: readonly { state: CpState; minV: number; maxV: number }[] = [
  { state: 'A', minV: 10.5, maxV: Infinity },
  { state: 'B', minV: 7.5, maxV: 10.5 },
  { state: 'C', minV: 4.5, maxV: 7.5 },
  { state: 'D', minV: 1.5, maxV: 4.5 },
  { state: 'E', minV: -6, maxV: 1.5 },
  { state: 'F', minV: -Infinity, maxV: -6 },
];

/** The EV's diode makes the low level −12 V while PWM runs; anything above this means no diode (or a short). */
export const CP_DIODE_MAX_LOW_V = -10.5;
export const CP_DEFAULT_HYSTERESIS_V = 0.5;

/**
 * Classify one CP measurement. `high` is the high level (peak) in CP volts; `low` the low level while PWM runs, or
 * null when it is not measured or PWM is off (no diode check then). `prev` keeps its state until the voltage is
 * `hysteresisV` past the band edge, so a level sitting on an edge does not flap (IEC 61851-1 A.4.11 hysteresis).
 * A vehicle state (B, C, D) with a low level above −10.5 V is reported as E: the diode is missing or shorted.
 */
export function classifyCpVoltage(high: number, low: number | null, prev: CpState | null, hysteresisV: number = CP_DEFAULT_HYSTERESIS_V): CpState {
  if (!Number.isFinite(high)) return 'F';
  let state = CP_BANDS.find((b) => high >= b.minV)!.state;
  if (prev !== null && prev !== state) {
    const band = CP_BANDS.find((b) => b.state === prev)!;
    if (high >= band.minV - hysteresisV && high < band.maxV + hysteresisV) state = prev;
  }
  if (low !== null && (state === 'B' || state === 'C' || state === 'D') && !(low <= CP_DIODE_MAX_LOW_V)) return 'E';
  return state;
}
