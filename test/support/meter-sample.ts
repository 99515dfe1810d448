/**
 * A plausible three-phase reading at 7.2 kW, with fractions that show rounding: the one sample both the unit and the
 * integration Modbus tests encode into registers and expect back.
 */
import type { MeterReading } from '../../hal/types.js';

export const SAMPLE_3P: MeterReading = {
  energyImportWh: 1234567.8,
  energyExportWh: 4321.5,
  powerW: 7215.3,
  powerPerPhaseW: { L1: 2401.1, L2: 2405.2, L3: 2409 },
  currentA: { L1: 10.456, L2: 10.5, L3: 10.544 },
  voltageV: { L1: 229.6, L2: 230.1, L3: 231.4 },
  frequencyHz: 50.02,
};
