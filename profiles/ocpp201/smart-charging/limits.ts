/**
 * SmartChargingCtrlr (part 2 §2.9) as the engine's rules: the variables are data of the device model, read at each
 * request, and map onto ValidationLimits as 1.6's keys do (ChargeProfileMaxStackLevel → ProfileStackLevel,
 * ChargingScheduleMaxPeriods → PeriodsPerSchedule, ChargingScheduleAllowedChargingRateUnit → RateUnit,
 * MaxChargingProfilesInstalled → maxLimit of Entries[ChargingProfiles], ConnectorSwitch3to1PhaseSupported →
 * Phases3to1). A variable without a value falls back to the station's own limit.
 */
import { STATION_PROFILE_LIMITS, type ValidateOptions } from '../../../agent/station/charging-profiles.js';
import { UNITS, type ChargingRateUnit } from '../../../agent/smart-charging/types.js';
import type { DeviceModel } from '../device-model/device-model.js';

export const SC = 'SmartChargingCtrlr';

const bool = (model: DeviceModel, variable: string) => model.value({ component: SC, variable });

/** Enabled false: the K messages are answered NotSupported (K01.FR.29) and RequestStart ignores its profile (K05.FR.04). */
export function smartChargingEnabled(model: DeviceModel): boolean {
  return bool(model, 'Enabled') !== 'false';
}

export function allowedUnits(model: DeviceModel): ChargingRateUnit[] {
  const v = model.value({ component: SC, variable: 'RateUnit' });
  if (v === undefined) return [...STATION_PROFILE_LIMITS.allowedUnits];
  return v.split(',').map((s) => s.trim()).filter((s): s is ChargingRateUnit => (UNITS as readonly string[]).includes(s));
}

export function maxProfilesInstalled(model: DeviceModel): number {
  return model.entries().find((e) => e.component.name === SC && e.def.name === 'Entries' && e.def.instance === 'ChargingProfiles')?.def.maxLimit ?? STATION_PROFILE_LIMITS.maxInstalled;
}

/** The 2.0.1 rules of validateProfile: the device model's limits, duplicates refused (K01.FR.06/39/52/53), strict startSchedule (K01.FR.38/40/41). */
export function validateOptions201(model: DeviceModel): Required<Pick<ValidateOptions, 'limits' | 'phaseSwitching' | 'duplicates' | 'strictStartSchedule'>> {
  const n = (variable: string, fallback: number) => model.number({ component: SC, variable }) ?? fallback;
  return {
    limits: {
      maxStackLevel: n('ProfileStackLevel', STATION_PROFILE_LIMITS.maxStackLevel),
      maxPeriods: n('PeriodsPerSchedule', STATION_PROFILE_LIMITS.maxPeriods),
      allowedUnits: allowedUnits(model),
      maxInstalled: maxProfilesInstalled(model),
      // K01.FR.34: one schedule outside ISO 15118, which this station does not speak.
      maxSchedules: 1,
    },
    // One flag for both: Phases3to1 (fewer phases, K01.FR.43) and ACPhaseSwitchingSupported (phaseToUse, K01.FR.48).
    phaseSwitching: bool(model, 'Phases3to1') === 'true' && bool(model, 'ACPhaseSwitchingSupported') === 'true',
    duplicates: 'reject',
    strictStartSchedule: true,
  };
}

/** LimitChangeSignificance in percent (SC.03); 0 when unset (every change is reported). */
export function limitChangeSignificance(model: DeviceModel): number {
  const v = model.number({ component: SC, variable: 'LimitChangeSignificance' });
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : 0;
}

export function notifyWithSchedules(model: DeviceModel): boolean {
  return bool(model, 'NotifyChargingLimitWithSchedules') === 'true';
}
