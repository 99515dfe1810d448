/**
 * Core meter samples → OCPP 2.0.1 MeterValueType entries. What is measured and rounded is the core's
 * (agent/metering/sampled-values.ts); 2.0.1 writes a number with its unitOfMeasure, and "Hz" is a unit there.
 */
import { sampleQuantities, type SampledQuantity } from '../../../agent/metering/sampled-values.js';
import type { MeterSample, ReadingContext } from '../../../agent/station/types.js';
import type { MeterValueType, SampledValueType } from '../generated/common.js';

function round(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}

function sampledValue(q: SampledQuantity, context: ReadingContext): SampledValueType {
  const v: SampledValueType = { value: round(q.value, q.decimals), context, measurand: q.measurand, location: 'Outlet', unitOfMeasure: { unit: q.unit } };
  if (q.phase) v.phase = q.phase;
  return v;
}

export function meterValue201(s: MeterSample, measurands: readonly string[], phases: 1 | 3): MeterValueType | null {
  const values = sampleQuantities(s, measurands, phases).map((q) => sampledValue(q, s.context));
  return values.length ? { timestamp: s.timestamp, sampledValue: values as MeterValueType['sampledValue'] } : null;
}

/** Every sample's entry (those with none of the measurands left out); undefined when none remains. */
export function meterValues201(samples: readonly MeterSample[], measurandsFor: (s: MeterSample) => readonly string[], phases: 1 | 3): [MeterValueType, ...MeterValueType[]] | undefined {
  const out = samples.map((s) => meterValue201(s, measurandsFor(s), phases)).filter((m): m is MeterValueType => m !== null);
  return out.length ? (out as [MeterValueType, ...MeterValueType[]]) : undefined;
}
