/**
 * Core meter samples → OCPP 1.6 MeterValue entries, for the measurands configured in MeterValuesSampledData /
 * MeterValuesAlignedData / StopTxnSampledData / StopTxnAlignedData. What is measured and how it is rounded is the
 * core's (agent/metering/sampled-values.ts); 1.6 writes values as decimal strings and has no unit for hertz.
 */
import { parseMeasurandEntry as parseEntry, sampleQuantities, supportedMeasurands as supported, type SampledQuantity } from '../../agent/metering/sampled-values.js';
import type { MeterSample } from '../../agent/station/types.js';
import type { MeterValuesRequest } from './generated/index.js';

type MeterValue = MeterValuesRequest['meterValue'][number];
type SampledValue = MeterValue['sampledValue'][number];
export type Measurand16 = NonNullable<SampledValue['measurand']>;

/** Measurands this build can report, given what the meter measures. */
export function supportedMeasurands(meterHas: readonly string[]): Measurand16[] {
  return supported(meterHas);
}

/** A configured entry: "Voltage.L1" is Voltage on phase L1 only; anything else is a measurand on all phases. */
export function parseMeasurandEntry(entry: string): { measurand: Measurand16; phase: string | null } {
  const { measurand, phase } = parseEntry(entry);
  return { measurand: measurand as Measurand16, phase };
}

function fmt(n: number, decimals: number): string {
  return Number.isInteger(n) && decimals === 0 ? String(n) : n.toFixed(decimals);
}

function sampledValue(q: SampledQuantity, context: MeterSample['context']): SampledValue {
  const v: SampledValue = { context, measurand: q.measurand, location: 'Outlet', value: fmt(q.value, q.decimals) };
  // The 1.6 unit list has no hertz: a frequency is in Hz and its unit is left out.
  if (q.unit !== 'Hz') v.unit = q.unit;
  if (q.phase) v.phase = q.phase;
  return v;
}

export function buildMeterValue(s: MeterSample, measurands: readonly string[], phases: 1 | 3, voltageV = 230): MeterValue | null {
  const values = sampleQuantities(s, measurands, phases, voltageV).map((q) => sampledValue(q, s.context));
  return values.length ? { timestamp: s.timestamp, sampledValue: values } : null;
}

export function buildMeterValues(samples: MeterSample[], measurandsFor: (s: MeterSample) => readonly string[], phases: 1 | 3): MeterValue[] {
  const out: MeterValue[] = [];
  for (const s of samples) {
    const mv = buildMeterValue(s, measurandsFor(s), phases);
    if (mv) out.push(mv);
  }
  return out;
}
