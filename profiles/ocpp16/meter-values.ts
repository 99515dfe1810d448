/**
 * Core meter samples → OCPP 1.6 MeterValue entries, for the measurands configured in
 * MeterValuesSampledData / MeterValuesAlignedData / StopTxnSampledData / StopTxnAlignedData.
 */
import type { MeterReading, Phase } from '../../hal/types.js';
import type { MeterSample } from '../../agent/station/types.js';
import type { MeterValuesRequest } from './generated/index.js';

type MeterValue = MeterValuesRequest['meterValue'][number];
type SampledValue = MeterValue['sampledValue'][number];
export type Measurand16 = NonNullable<SampledValue['measurand']>;

const PHASES: Phase[] = ['L1', 'L2', 'L3'];

/** Measurands this build can report, given what the meter measures. */
export function supportedMeasurands(meterHas: readonly string[]): Measurand16[] {
  const out: Measurand16[] = ['Energy.Active.Import.Register', 'Current.Offered', 'Power.Offered'];
  if (meterHas.includes('power')) out.push('Power.Active.Import');
  if (meterHas.includes('current')) out.push('Current.Import');
  if (meterHas.includes('voltage')) out.push('Voltage');
  if (meterHas.includes('frequency')) out.push('Frequency');
  if (meterHas.includes('energyExport')) out.push('Energy.Active.Export.Register');
  return out;
}

/** Phases a configured measurand may name (§9.1.16: "the Measurand is combined with the optional phase; for
 * instance: Voltage.L1"); only quantities this builder reports per phase have them. */
const PHASED: Partial<Record<Measurand16, readonly string[]>> = {
  'Current.Import': ['L1', 'L2', 'L3'],
  Voltage: ['L1', 'L2', 'L3', 'L1-N', 'L2-N', 'L3-N'],
};

/** A configured entry: "Voltage.L1" is Voltage on phase L1 only; anything else is a measurand on all phases. */
export function parseMeasurandEntry(entry: string): { measurand: Measurand16; phase: string | null } {
  const dot = entry.lastIndexOf('.');
  const base = entry.slice(0, dot) as Measurand16;
  const suffix = entry.slice(dot + 1);
  if (dot > 0 && PHASED[base]?.includes(suffix)) return { measurand: base, phase: suffix };
  return { measurand: entry as Measurand16, phase: null };
}

function fmt(n: number, decimals: number): string {
  return Number.isInteger(n) && decimals === 0 ? String(n) : n.toFixed(decimals);
}

function perPhase(
  values: Partial<Record<Phase, number>> | undefined,
  base: Omit<SampledValue, 'value' | 'phase'>,
  phaseName: (p: Phase) => SampledValue['phase'],
  decimals: number,
): SampledValue[] {
  if (!values) return [];
  return PHASES.filter((p) => values[p] !== undefined).map((p) => ({ ...base, value: fmt(values[p]!, decimals), phase: phaseName(p) }));
}

/** One measurand of one reading as sampled values (several for per-phase quantities); [] if unavailable. */
function sampledValues(m: Measurand16, s: MeterSample, phases: 1 | 3, voltageV: number): SampledValue[] {
  const r: MeterReading = s.reading;
  const base = { context: s.context, measurand: m, location: 'Outlet' as const };
  switch (m) {
    case 'Energy.Active.Import.Register':
      return [{ ...base, value: fmt(Math.round(r.energyImportWh), 0), unit: 'Wh' }];
    case 'Energy.Active.Export.Register':
      return r.energyExportWh === undefined ? [] : [{ ...base, value: fmt(Math.round(r.energyExportWh), 0), unit: 'Wh' }];
    case 'Power.Active.Import':
      return r.powerW === undefined ? [] : [{ ...base, value: fmt(r.powerW, 1), unit: 'W' }];
    case 'Current.Import':
      return perPhase(r.currentA, { ...base, unit: 'A' }, (p) => p, 2);
    case 'Voltage':
      return perPhase(r.voltageV, { ...base, unit: 'V' }, (p) => `${p}-N` as SampledValue['phase'], 1);
    case 'Frequency':
      // The 1.6 unit list has no hertz: the value is in Hz and the unit is left out.
      return r.frequencyHz === undefined ? [] : [{ ...base, value: fmt(r.frequencyHz, 2) }];
    case 'Current.Offered':
      return [{ ...base, value: fmt(s.offeredCurrentA, 1), unit: 'A' }];
    case 'Power.Offered':
      return [{ ...base, value: fmt(s.offeredCurrentA * voltageV * phases, 0), unit: 'W' }];
    default:
      return [];
  }
}

export function buildMeterValue(s: MeterSample, measurands: readonly string[], phases: 1 | 3, voltageV = 230): MeterValue | null {
  const sampledValue: SampledValue[] = [];
  for (const entry of measurands) {
    const { measurand, phase } = parseMeasurandEntry(entry);
    const values = sampledValues(measurand, s, phases, voltageV);
    // "Voltage.L1" means the L1-N value this builder reports.
    sampledValue.push(...(phase ? values.filter((v) => v.phase === phase || v.phase === `${phase}-N`) : values));
  }
  return sampledValue.length ? { timestamp: s.timestamp, sampledValue } : null;
}

export function buildMeterValues(samples: MeterSample[], measurandsFor: (s: MeterSample) => readonly string[], phases: 1 | 3): MeterValue[] {
  const out: MeterValue[] = [];
  for (const s of samples) {
    const mv = buildMeterValue(s, measurandsFor(s), phases);
    if (mv) out.push(mv);
  }
  return out;
}
