/**
 * 2.0.1 ChargingProfileType ↔ the neutral model (agent/smart-charging/types.ts). The wire's purposes end in
 * "Profile" (ChargingStationMaxProfile → ChargingStationMax); transactionId is the station's own transaction id
 * (a 2.0.1 station names its transactions, transactions/tx-events.ts), so it is taken as the local id as is.
 * salesTariff is ISO 15118 data this station has no use for: it is not kept.
 */
import type { CompositeSchedule } from '../../../agent/smart-charging/composite.js';
import type { ChargingLimitSource, ChargingProfile, ChargingProfilePurpose, ChargingSchedule } from '../../../agent/smart-charging/types.js';
import type { ChargingProfilePurposeEnumType, ChargingProfileType, ChargingSchedulePeriodType, ChargingScheduleType } from '../generated/common.js';
import type { CompositeScheduleType } from '../generated/GetCompositeSchedule.js';

const PURPOSE: Record<ChargingProfilePurposeEnumType, ChargingProfilePurpose> = {
  ChargingStationMaxProfile: 'ChargingStationMax',
  TxDefaultProfile: 'TxDefault',
  TxProfile: 'Tx',
  ChargingStationExternalConstraints: 'ChargingStationExternalConstraints',
};

export const toPurpose = (p: ChargingProfilePurposeEnumType): ChargingProfilePurpose => PURPOSE[p];

export function fromPurpose(p: ChargingProfilePurpose): ChargingProfilePurposeEnumType {
  return (Object.keys(PURPOSE) as ChargingProfilePurposeEnumType[]).find((k) => PURPOSE[k] === p)!;
}

/** A Date from an ISO string; an unparsable one becomes an Invalid Date that invalidDate() names. */
const date = (s: string | undefined) => (s === undefined ? undefined : new Date(s));

function scheduleFromWire(s: ChargingScheduleType): ChargingSchedule {
  const out: ChargingSchedule = {
    id: s.id,
    chargingRateUnit: s.chargingRateUnit,
    periods: s.chargingSchedulePeriod.map((x) => ({
      startPeriod: x.startPeriod,
      limit: x.limit,
      ...(x.numberPhases !== undefined ? { numberPhases: x.numberPhases } : {}),
      ...(x.phaseToUse !== undefined ? { phaseToUse: x.phaseToUse } : {}),
    })),
  };
  if (s.startSchedule !== undefined) out.startSchedule = date(s.startSchedule)!;
  if (s.duration !== undefined) out.duration = s.duration;
  if (s.minChargingRate !== undefined) out.minChargingRate = s.minChargingRate;
  return out;
}

/** A SetChargingProfile / RequestStartTransaction profile for `evseId` (0 = the station), set by the CSMS. */
export function toNeutral(cp: ChargingProfileType, evseId: number): ChargingProfile {
  const p: ChargingProfile = {
    id: cp.id,
    evseId,
    stackLevel: cp.stackLevel,
    purpose: toPurpose(cp.chargingProfilePurpose),
    kind: cp.chargingProfileKind,
    schedules: cp.chargingSchedule.map(scheduleFromWire),
    source: 'CSO',
  };
  if (cp.recurrencyKind !== undefined) p.recurrencyKind = cp.recurrencyKind;
  if (cp.validFrom !== undefined) p.validFrom = date(cp.validFrom)!;
  if (cp.validTo !== undefined) p.validTo = date(cp.validTo)!;
  if (cp.transactionId !== undefined) p.transactionId = cp.transactionId;
  return p;
}

/** The field holding a date that is not one, or null. */
export function invalidDate(p: ChargingProfile): string | null {
  const bad = (d: Date | undefined) => d !== undefined && Number.isNaN(d.getTime());
  if (bad(p.validFrom)) return 'chargingProfile.validFrom';
  if (bad(p.validTo)) return 'chargingProfile.validTo';
  const i = p.schedules.findIndex((s) => bad(s.startSchedule));
  return i < 0 ? null : `chargingProfile.chargingSchedule[${i}].startSchedule`;
}

const period = (x: { startPeriod: number; limit: number; numberPhases?: number | undefined; phaseToUse?: number | undefined }): ChargingSchedulePeriodType => ({
  startPeriod: x.startPeriod,
  limit: x.limit,
  ...(x.numberPhases !== undefined ? { numberPhases: x.numberPhases } : {}),
  ...(x.phaseToUse !== undefined ? { phaseToUse: x.phaseToUse } : {}),
});

/**
 * An installed profile as ReportChargingProfiles carries it. A schedule without id (a profile stored by 1.6 on the
 * same data directory) is numbered by its position.
 */
export function toWire(p: ChargingProfile): ChargingProfileType {
  const schedules = p.schedules.map(
    (s, i): ChargingScheduleType => ({
      id: s.id ?? i,
      ...(s.startSchedule ? { startSchedule: s.startSchedule.toISOString() } : {}),
      ...(s.duration !== undefined ? { duration: s.duration } : {}),
      chargingRateUnit: s.chargingRateUnit,
      chargingSchedulePeriod: s.periods.map(period) as ChargingScheduleType['chargingSchedulePeriod'],
      ...(s.minChargingRate !== undefined ? { minChargingRate: s.minChargingRate } : {}),
    }),
  );
  return {
    id: p.id,
    stackLevel: p.stackLevel,
    chargingProfilePurpose: fromPurpose(p.purpose),
    chargingProfileKind: p.kind,
    ...(p.recurrencyKind ? { recurrencyKind: p.recurrencyKind } : {}),
    ...(p.validFrom ? { validFrom: p.validFrom.toISOString() } : {}),
    ...(p.validTo ? { validTo: p.validTo.toISOString() } : {}),
    chargingSchedule: schedules as ChargingProfileType['chargingSchedule'],
    ...(p.transactionId !== undefined ? { transactionId: p.transactionId } : {}),
  };
}

export const sourceOf = (p: ChargingProfile): ChargingLimitSource => p.source ?? 'CSO';

/** GetCompositeScheduleResponse.schedule from the engine's composite. */
export function compositeToWire(c: CompositeSchedule): CompositeScheduleType {
  return {
    evseId: c.evseId,
    duration: c.durationS,
    scheduleStart: c.scheduleStart.toISOString(),
    chargingRateUnit: c.unit,
    chargingSchedulePeriod: c.periods.map(period) as CompositeScheduleType['chargingSchedulePeriod'],
  };
}
