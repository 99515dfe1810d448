/**
 * The smart-charging engine (issue 10): GetCompositeSchedule for the station (EVSE 0, two EVSEs summed) over
 * 24 h with 20 installed profiles of 50 periods each, in every purpose, kind and unit; plus one EVSE's
 * composite and the limitAt a period boundary costs. Pure computation, no I/O; wall time per call, so on a
 * shared machine the p99 includes preemption (the load average is printed with it).
 */
import { loadavg } from 'node:os';
import { benchLatencies } from './station.js';
import { compositeSchedule, limitAt } from '../../agent/smart-charging/composite.js';
import type { ChargingProfile, ChargingProfileKind, ChargingProfilePurpose, StationEvse } from '../../agent/smart-charging/types.js';

const START = new Date('2026-06-01T00:00:00Z');
const TX = { startedAt: new Date('2026-05-31T23:30:00Z') };

function profiles(): ChargingProfile[] {
  const shapes: Array<[ChargingProfilePurpose, number, ChargingProfileKind]> = [];
  for (let s = 0; s < 4; s++) shapes.push(['ChargingStationMax', 0, s % 2 ? 'Recurring' : 'Absolute']);
  for (let s = 0; s < 8; s++) shapes.push(['TxDefault', s % 3, s % 3 === 0 ? 'Recurring' : s % 3 === 1 ? 'Absolute' : 'Relative']);
  for (let s = 0; s < 4; s++) shapes.push(['Tx', 1 + (s % 2), s % 2 ? 'Relative' : 'Absolute']);
  for (let s = 0; s < 4; s++) shapes.push(['ChargingStationExternalConstraints', s % 2, 'Absolute']);
  return shapes.map(([purpose, evseId, kind], i) => {
    const unit = i % 3 === 0 ? 'W' : 'A';
    const periods = Array.from({ length: 50 }, (_, k) => ({
      startPeriod: k * 1_700 + (i % 7) * 60,
      limit: unit === 'A' ? 6 + ((k * 7 + i) % 27) : 4_000 + ((k * 13 + i) % 19) * 500,
      ...(k % 5 === 0 ? { numberPhases: 3 } : {}),
    }));
    periods[0]!.startPeriod = 0;
    const p: ChargingProfile = {
      id: i + 1,
      evseId,
      stackLevel: i % 5,
      purpose,
      kind,
      schedules: [{ chargingRateUnit: unit, periods, ...(i % 2 ? { duration: 80_000 } : {}) }],
    };
    if (kind !== 'Relative') p.schedules[0]!.startSchedule = new Date(START.getTime() - (i % 4) * 3_600_000);
    if (kind === 'Recurring') p.recurrencyKind = 'Daily';
    if (purpose === 'Tx') p.transactionId = `tx-${evseId}`;
    return p;
  });
}

function stats(samples: number[]): { p50: number; p99: number; max: number } {
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: samples[samples.length - 1]! };
}

function measure(n: number, fn: () => void): { p50: number; p99: number; max: number } {
  for (let i = 0; i < 200; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

export function benchComposite(n = 2_000): Record<string, string | number> {
  const installed = profiles();
  const evses: StationEvse[] = [1, 2].map((id) => ({ id, nominalVoltageV: 230, phases: 3, maxCurrentA: 32, transaction: { id: `tx-${id}`, ...TX } }));
  const grid = { nominalVoltageV: 230, phases: 3, maxCurrentA: 63 };
  let periods = 0;
  const station = measure(n, () => {
    periods = compositeSchedule({ profiles: installed, evseId: 0, start: START, durationS: 86_400, unit: 'A', evse: grid, evses }).periods.length;
  });
  const one = measure(n, () => {
    compositeSchedule({ profiles: installed, evseId: 1, start: START, durationS: 86_400, unit: 'W', evse: evses[0]!, transaction: evses[0]!.transaction! });
  });
  const limit = measure(n, () => {
    limitAt({ profiles: installed, evseId: 1, at: new Date(START.getTime() + 4 * 3_600_000), evse: evses[0]!, transaction: evses[0]!.transaction! });
  });
  const ms = (x: number) => Math.round(x * 1000) / 1000;
  return {
    'station over 24 h, 20 × 50 periods: p50 / p99 / max (ms) [p99 < 1]': `${ms(station.p50)} / ${ms(station.p99)} / ${ms(station.max)}`,
    'periods in that composite': periods,
    'one EVSE over 24 h, in W: p50 / p99 (ms)': `${ms(one.p50)} / ${ms(one.p99)}`,
    'limitAt (8-day look-ahead): p50 / p99 (ms)': `${ms(limit.p50)} / ${ms(limit.p99)}`,
    // The tail is preemption when the machine is shared: say how busy it was.
    'load average (1 min) at the end': loadavg()[0]!.toFixed(2),
    samples: n,
  };
}

/**
 * Issue 10: a recomputation at a period boundary must not move the fault-to-contactor-open figure. The same
 * latency bench as `latency` (RCD trips on EVSE 1 while EVSE 2 charges and the loop churns), once without
 * profiles and once with 20 installed profiles of 50 periods whose boundaries are staggered 100 ms apart, so the
 * boundary timer fires and every EVSE's limit is recomputed ten times a second throughout the trips.
 */
export async function benchRecomputeVsFault(trips = 1000): Promise<Record<string, string | number>> {
  const baseline = await benchLatencies(trips);
  let recomputes = 0;
  const busy = await benchLatencies(trips, {
    beforeTrips: async ({ station }) => {
      const now = Date.now();
      const shapes: Array<[ChargingProfilePurpose, number, number]> = [];
      for (let s = 0; s <= 8; s++) shapes.push(['ChargingStationMax', 0, s], ['TxDefault', 0, s]);
      shapes.push(['TxDefault', 1, 0], ['TxDefault', 1, 1]);
      shapes.forEach(([purpose, evseId, stackLevel], i) => {
        const p: ChargingProfile = {
          id: 100 + i,
          evseId,
          stackLevel,
          purpose,
          kind: 'Absolute',
          // Profile i's boundaries fall i × 100 ms after profile 0's: one somewhere every 100 ms.
          schedules: [{ startSchedule: new Date(now + i * 100), chargingRateUnit: 'A', periods: Array.from({ length: 50 }, (_, k) => ({ startPeriod: k * 2, limit: purpose === 'ChargingStationMax' ? 63 : 16 + ((k + i) % 17) })) }],
        };
        const verdict = station!.profiles.validate(p);
        if (!verdict.ok) throw new Error(`bench: profile ${p.id} refused: ${JSON.stringify(verdict)}`);
        station!.profiles.install(p);
      });
      // Counted at the private recompute (every EVSE's limitAt), as the boundary timer calls it.
      const profiles = station!.profiles as unknown as { recompute: () => void };
      const orig = profiles.recompute.bind(profiles);
      profiles.recompute = () => {
        recomputes++;
        orig();
      };
    },
  });
  const key = (k: string) => Object.keys(baseline).find((x) => x.startsWith(k))!;
  const p50 = key('RCD trip due (timer) → contactor open, p50');
  const p99 = key('RCD trip due → contactor open, p99');
  const code = key('RCD trip event → contactor open (code path only), p99');
  return {
    'RCD trip due → open, p50 (ms): no profiles / boundaries every 100 ms': `${baseline[p50]} / ${busy[p50]}`,
    'RCD trip due → open, p99 (ms): no profiles / boundaries every 100 ms': `${baseline[p99]} / ${busy[p99]}`,
    'trip event → open, code path p99 (ms): no profiles / boundaries': `${baseline[code]} / ${busy[code]}`,
    'recomputations (limitAt of every EVSE) from install to the end of the trips': recomputes,
    'load average (1 min) at the end': loadavg()[0]!.toFixed(2),
  };
}
