/**
 * What a meter sample says, measurand by measurand, in the words both OCPP versions share: the measurand names,
 * phases, locations and units of 1.6 §7.31 and 2.0.1 MeasurandEnumType are the same. Each profile only writes
 * these quantities in its own form (1.6: the value as a decimal string; 2.0.1: a number with a unitOfMeasure),
 * so what is measured, rounded and left out is decided once.
 */
import type { MeterReading, Phase } from '../../hal/types.js';
import type { MeterSample } from '../station/types.js';

/** The measurands this build can report; the rest of either version's list is refused in the configuration. */
export type Measurand =
  | 'Energy.Active.Import.Register'
  | 'Energy.Active.Export.Register'
  | 'Power.Active.Import'
  | 'Current.Import'
  | 'Voltage'
  | 'Frequency'
  | 'Current.Offered'
  | 'Power.Offered';

export type QuantityPhase = Phase | 'L1-N' | 'L2-N' | 'L3-N';

/** One value of one measurand, rounded to `decimals` (how the profile writes it is its own business). */
export interface SampledQuantity {
  measurand: Measurand;
  value: number;
  decimals: number;
  unit: 'Wh' | 'W' | 'A' | 'V' | 'Hz';
  phase?: QuantityPhase;
}

const PHASES: Phase[] = ['L1', 'L2', 'L3'];

/** Measurands this build can report, given what the meter measures. */
export function supportedMeasurands(meterHas: readonly string[]): Measurand[] {
  const out: Measurand[] = ['Energy.Active.Import.Register', 'Current.Offered', 'Power.Offered'];
  if (meterHas.includes('power')) out.push('Power.Active.Import');
  if (meterHas.includes('current')) out.push('Current.Import');
  if (meterHas.includes('voltage')) out.push('Voltage');
  if (meterHas.includes('frequency')) out.push('Frequency');
  if (meterHas.includes('energyExport')) out.push('Energy.Active.Export.Register');
  return out;
}

/** Phases a configured measurand may name (1.6 §9.1.16, 2.0.1 SampledDataCtrlr: "Voltage.L1"); only
 * quantities reported per phase have them. */
const PHASED: Partial<Record<string, readonly string[]>> = {
  'Current.Import': ['L1', 'L2', 'L3'],
  Voltage: ['L1', 'L2', 'L3', 'L1-N', 'L2-N', 'L3-N'],
};

/** A configured entry: "Voltage.L1" is Voltage on phase L1 only; anything else is a measurand on all phases. */
export function parseMeasurandEntry(entry: string): { measurand: string; phase: string | null } {
  const dot = entry.lastIndexOf('.');
  const base = entry.slice(0, dot);
  const suffix = entry.slice(dot + 1);
  if (dot > 0 && PHASED[base]?.includes(suffix)) return { measurand: base, phase: suffix };
  return { measurand: entry, phase: null };
}

function perPhase(values: Partial<Record<Phase, number>> | undefined, q: Omit<SampledQuantity, 'value' | 'phase'>, name: (p: Phase) => QuantityPhase): SampledQuantity[] {
  if (!values) return [];
  return PHASES.filter((p) => values[p] !== undefined).map((p) => ({ ...q, value: values[p]!, phase: name(p) }));
}

/** One measurand of one sample (several values for per-phase quantities); [] when the meter does not have it. */
function quantitiesOf(m: string, s: MeterSample, phases: 1 | 3, voltageV: number): SampledQuantity[] {
  const r: MeterReading = s.reading;
  switch (m) {
    case 'Energy.Active.Import.Register':
      return [{ measurand: m, value: Math.round(r.energyImportWh), decimals: 0, unit: 'Wh' }];
    case 'Energy.Active.Export.Register':
      return r.energyExportWh === undefined ? [] : [{ measurand: m, value: Math.round(r.energyExportWh), decimals: 0, unit: 'Wh' }];
    case 'Power.Active.Import':
      return r.powerW === undefined ? [] : [{ measurand: m, value: r.powerW, decimals: 1, unit: 'W' }];
    case 'Current.Import':
      return perPhase(r.currentA, { measurand: m, decimals: 2, unit: 'A' }, (p) => p);
    case 'Voltage':
      return perPhase(r.voltageV, { measurand: m, decimals: 1, unit: 'V' }, (p) => `${p}-N` as const);
    case 'Frequency':
      return r.frequencyHz === undefined ? [] : [{ measurand: m, value: r.frequencyHz, decimals: 2, unit: 'Hz' }];
    case 'Current.Offered':
      return [{ measurand: m, value: s.offeredCurrentA, decimals: 1, unit: 'A' }];
    case 'Power.Offered':
      return [{ measurand: m, value: s.offeredCurrentA * voltageV * phases, decimals: 0, unit: 'W' }];
    default:
      return [];
  }
}

/** The configured measurands of one sample, in the configured order; "Voltage.L1" keeps the L1-N value only. */
export function sampleQuantities(s: MeterSample, measurands: readonly string[], phases: 1 | 3, voltageV = 230): SampledQuantity[] {
  const out: SampledQuantity[] = [];
  for (const entry of measurands) {
    const { measurand, phase } = parseMeasurandEntry(entry);
    const values = quantitiesOf(measurand, s, phases, voltageV);
    out.push(...(phase ? values.filter((v) => v.phase === phase || v.phase === `${phase}-N`) : values));
  }
  return out;
}
