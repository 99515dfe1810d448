/** A meter reading as the rows `chargerctl meter read` prints, for every driver (real board and simulation). */
import type { MeterReading, Phase } from '../../hal/types.js';

/** One measurand of a reading, named as OCPP names it, with its unit. */
export interface MeterValueRow {
  measurand: string;
  phase: Phase | null;
  value: number;
  unit: string;
}

const PHASES: readonly Phase[] = ['L1', 'L2', 'L3'];

/** Every measurand of a reading as rows (what `chargerctl meter read` prints). */
export function meterReadingRows(r: MeterReading): MeterValueRow[] {
  const rows: MeterValueRow[] = [{ measurand: 'Energy.Active.Import.Register', phase: null, value: r.energyImportWh, unit: 'Wh' }];
  if (r.energyExportWh !== undefined) rows.push({ measurand: 'Energy.Active.Export.Register', phase: null, value: r.energyExportWh, unit: 'Wh' });
  if (r.powerW !== undefined) rows.push({ measurand: 'Power.Active.Import', phase: null, value: r.powerW, unit: 'W' });
  const phased = (values: Partial<Record<Phase, number>> | undefined, measurand: string, unit: string): void => {
    for (const ph of PHASES) {
      const v = values?.[ph];
      if (v !== undefined) rows.push({ measurand, phase: ph, value: v, unit });
    }
  };
  phased(r.powerPerPhaseW, 'Power.Active.Import', 'W');
  phased(r.currentA, 'Current.Import', 'A');
  phased(r.voltageV, 'Voltage', 'V');
  if (r.frequencyHz !== undefined) rows.push({ measurand: 'Frequency', phase: null, value: r.frequencyHz, unit: 'Hz' });
  return rows;
}
