/**
 * What a SetChargingProfile must be refused for. The verdict names the rule, the field and, as a hint for
 * 2.0.1's statusInfo, the appendix reason code; each profile maps a refusal to its status (Rejected).
 * Shape errors (a wrong enum value, a missing field) are the schema validator's; this checks the rules.
 */
import { replacedBy, sameSlot, type DuplicatePolicy } from './profile-set.js';
import { DEFAULT_NUMBER_PHASES, type ChargingProfile, type ChargingRateUnit } from './types.js';

export type RejectReason =
  | 'UnknownEvse'
  | 'NoSchedule'
  | 'TooManySchedules'
  | 'NoPeriods'
  | 'FirstPeriodNotZero'
  | 'PeriodsNotAscending'
  | 'InvalidLimit'
  | 'TooManyPeriods'
  | 'UnitNotAllowed'
  | 'InvalidStackLevel'
  | 'TooManyProfiles'
  | 'TxProfileOnStation'
  | 'StationMaxOnEvse'
  | 'NoTransaction'
  | 'TransactionMismatch'
  | 'ExternalConstraintsNotSettable'
  | 'RecurringWithoutKind'
  | 'RecurrencyKindWithoutRecurring'
  | 'MissingStartSchedule'
  | 'RelativeWithStartSchedule'
  | 'RelativeStationMax'
  | 'InvalidValidity'
  | 'InvalidDuration'
  | 'DuplicateProfile'
  | 'PhasesNotSupported'
  | 'InvalidPhaseToUse'
  | 'PhaseConflict';

/** 2.0.1 appendix reason codes (reason_codes.csv) for statusInfo. */
export type ReasonCode = 'InvalidProfile' | 'InvalidSchedule' | 'InvalidStackLevel' | 'TooManyElements' | 'TxNotFound' | 'UnsupportedRateUnit' | 'DuplicateProfile' | 'UnknownEvse';

const REASON_CODE: Record<RejectReason, ReasonCode> = {
  UnknownEvse: 'UnknownEvse',
  NoSchedule: 'InvalidSchedule',
  TooManySchedules: 'TooManyElements',
  NoPeriods: 'InvalidSchedule',
  FirstPeriodNotZero: 'InvalidSchedule',
  PeriodsNotAscending: 'InvalidSchedule',
  InvalidLimit: 'InvalidSchedule',
  TooManyPeriods: 'TooManyElements',
  UnitNotAllowed: 'UnsupportedRateUnit',
  InvalidStackLevel: 'InvalidStackLevel',
  TooManyProfiles: 'TooManyElements',
  TxProfileOnStation: 'InvalidProfile',
  StationMaxOnEvse: 'InvalidProfile',
  NoTransaction: 'TxNotFound',
  TransactionMismatch: 'TxNotFound',
  ExternalConstraintsNotSettable: 'InvalidProfile',
  RecurringWithoutKind: 'InvalidProfile',
  RecurrencyKindWithoutRecurring: 'InvalidProfile',
  MissingStartSchedule: 'InvalidSchedule',
  RelativeWithStartSchedule: 'InvalidSchedule',
  RelativeStationMax: 'InvalidProfile',
  InvalidValidity: 'InvalidProfile',
  InvalidDuration: 'InvalidSchedule',
  DuplicateProfile: 'DuplicateProfile',
  PhasesNotSupported: 'InvalidSchedule',
  InvalidPhaseToUse: 'InvalidSchedule',
  PhaseConflict: 'InvalidSchedule',
};

export type Verdict =
  | { ok: true; /** Installed profiles that installing this one replaces. */ replaces: ChargingProfile[] }
  | { ok: false; reason: RejectReason; reasonCode: ReasonCode; field: string; message: string };

export interface ValidationEvse {
  id: number;
  phases: number;
  /** Can switch to one phase (1.6 ConnectorSwitch3to1PhaseSupported, 2.0.1 Phases3to1) or pick the phase (ACPhaseSwitchingSupported). */
  phaseSwitching?: boolean;
  /** The transaction running on it, if any. */
  transactionId?: string;
}

export interface ValidationLimits {
  /** ChargeProfileMaxStackLevel / SmartChargingCtrlr.ProfileStackLevel. */
  maxStackLevel: number;
  /** ChargingScheduleMaxPeriods / SmartChargingCtrlr.PeriodsPerSchedule. */
  maxPeriods: number;
  /** ChargingScheduleAllowedChargingRateUnit / SmartChargingCtrlr.RateUnit. */
  allowedUnits: readonly ChargingRateUnit[];
  /** MaxChargingProfilesInstalled / SmartChargingCtrlr.Entries(ChargingProfiles). */
  maxInstalled: number;
  /** Schedules per profile: 1, or 3 in an ISO 15118 session (K01.FR.34). Default 1. */
  maxSchedules?: number;
}

export interface ValidationContext {
  installed: Iterable<ChargingProfile>;
  evses: readonly ValidationEvse[];
  limits: ValidationLimits;
  /** 'replace' (1.6 §3.13.2) or 'reject' (2.0.1 K01.FR.06/39/52/53). */
  duplicates: DuplicatePolicy;
  /**
   * 2.0.1's rules on startSchedule and kind: Absolute/Recurring need it (K01.FR.40), Relative must not have it
   * (K01.FR.41), ChargingStationMax is never Relative (K01.FR.38). 1.6 lets an Absolute profile omit it
   * ("relative to start of charging", §7.13). Recurring always needs it: it anchors the recurrence.
   */
  strictStartSchedule?: boolean;
}

function refuse(reason: RejectReason, field: string, message: string): Verdict {
  return { ok: false, reason, reasonCode: REASON_CODE[reason], field, message };
}

const overlaps = (a: ChargingProfile, b: ChargingProfile) =>
  (a.validFrom?.getTime() ?? -Infinity) < (b.validTo?.getTime() ?? Infinity) && (b.validFrom?.getTime() ?? -Infinity) < (a.validTo?.getTime() ?? Infinity);

export function validateProfile(p: ChargingProfile, ctx: ValidationContext): Verdict {
  const installed = [...ctx.installed];
  const evse = ctx.evses.find((e) => e.id === p.evseId);
  const { limits } = ctx;

  if (p.evseId !== 0 && !evse) return refuse('UnknownEvse', 'evseId', `EVSE ${p.evseId} does not exist (K01.FR.28)`);

  if (p.purpose === 'ChargingStationExternalConstraints')
    return refuse('ExternalConstraintsNotSettable', 'purpose', 'ChargingStationExternalConstraints is set by the external system, not the CSMS (K01.FR.22)');
  const existing = installed.find((q) => q.id === p.id);
  if (existing?.purpose === 'ChargingStationExternalConstraints')
    return refuse('ExternalConstraintsNotSettable', 'id', `profile ${p.id} is an external constraint and cannot be replaced by the CSMS (K01.FR.05)`);

  if (p.purpose === 'ChargingStationMax' && p.evseId !== 0)
    return refuse('StationMaxOnEvse', 'evseId', 'a ChargingStationMax profile is set on EVSE 0 only (1.6 §3.13.1, K04.FR.03)');
  if (p.purpose === 'Tx' && p.evseId === 0) return refuse('TxProfileOnStation', 'evseId', 'a Tx profile is set on an EVSE > 0 only (1.6 §3.13.1, K01.FR.16)');
  if (p.purpose === 'Tx') {
    if (evse?.transactionId === undefined) return refuse('NoTransaction', 'evseId', `no transaction is running on EVSE ${p.evseId} (1.6 §3.13.1, K01.FR.09)`);
    if (p.transactionId !== undefined && p.transactionId !== evse.transactionId)
      return refuse('TransactionMismatch', 'transactionId', `transaction ${p.transactionId} is not the one running on EVSE ${p.evseId} (K01.FR.33)`);
  }
  if (p.purpose !== 'Tx' && p.transactionId !== undefined) return refuse('TransactionMismatch', 'transactionId', 'only a Tx profile names a transaction (1.6 §7.8)');

  if (!Number.isInteger(p.stackLevel) || p.stackLevel < 0 || p.stackLevel > limits.maxStackLevel)
    return refuse('InvalidStackLevel', 'stackLevel', `stackLevel ${p.stackLevel} is outside 0..${limits.maxStackLevel} (ChargeProfileMaxStackLevel)`);

  if (p.kind === 'Recurring' && p.recurrencyKind === undefined) return refuse('RecurringWithoutKind', 'recurrencyKind', 'a Recurring profile needs recurrencyKind Daily or Weekly');
  if (p.kind !== 'Recurring' && p.recurrencyKind !== undefined)
    return refuse('RecurrencyKindWithoutRecurring', 'recurrencyKind', 'recurrencyKind is used only with kind Recurring (1.6 errata 3.56)');
  if (ctx.strictStartSchedule && p.kind === 'Relative' && p.purpose === 'ChargingStationMax')
    return refuse('RelativeStationMax', 'kind', 'a ChargingStationMax profile is not Relative (K01.FR.38)');

  if (p.validFrom && p.validTo && p.validFrom.getTime() >= p.validTo.getTime()) return refuse('InvalidValidity', 'validTo', 'validTo must be after validFrom');

  if (p.schedules.length === 0) return refuse('NoSchedule', 'schedules', 'a profile needs a schedule');
  const maxSchedules = limits.maxSchedules ?? 1;
  if (p.schedules.length > maxSchedules) return refuse('TooManySchedules', 'schedules', `${p.schedules.length} schedules, at most ${maxSchedules} (K01.FR.34)`);

  for (const [si, s] of p.schedules.entries()) {
    const at = `schedules[${si}]`;
    if (!limits.allowedUnits.includes(s.chargingRateUnit))
      return refuse('UnitNotAllowed', `${at}.chargingRateUnit`, `unit ${s.chargingRateUnit} is not in ChargingScheduleAllowedChargingRateUnit (${limits.allowedUnits.join(',')}) (K01.FR.26)`);
    if (p.kind === 'Recurring' && s.startSchedule === undefined) return refuse('MissingStartSchedule', `${at}.startSchedule`, 'a Recurring schedule needs startSchedule (K01.FR.40)');
    if (ctx.strictStartSchedule && p.kind === 'Absolute' && s.startSchedule === undefined)
      return refuse('MissingStartSchedule', `${at}.startSchedule`, 'an Absolute schedule needs startSchedule (K01.FR.40)');
    if (ctx.strictStartSchedule && p.kind === 'Relative' && s.startSchedule !== undefined)
      return refuse('RelativeWithStartSchedule', `${at}.startSchedule`, 'a Relative schedule has no startSchedule (K01.FR.41)');
    if (s.duration !== undefined && (!Number.isInteger(s.duration) || s.duration <= 0)) return refuse('InvalidDuration', `${at}.duration`, 'duration must be a positive number of seconds');
    if (s.minChargingRate !== undefined && !(s.minChargingRate >= 0)) return refuse('InvalidLimit', `${at}.minChargingRate`, 'minChargingRate must be >= 0');
    if (s.periods.length === 0) return refuse('NoPeriods', `${at}.periods`, 'a schedule needs at least one period');
    if (s.periods.length > limits.maxPeriods)
      return refuse('TooManyPeriods', `${at}.periods`, `${s.periods.length} periods, at most ${limits.maxPeriods} (ChargingScheduleMaxPeriods)`);
    if (s.periods[0]!.startPeriod !== 0)
      return refuse('FirstPeriodNotZero', `${at}.periods[0].startPeriod`, 'the first period starts at 0 (1.6 §5.16.4, K01.FR.31)');
    for (const [i, period] of s.periods.entries()) {
      const pa = `${at}.periods[${i}]`;
      if (i > 0 && !(period.startPeriod > s.periods[i - 1]!.startPeriod))
        return refuse('PeriodsNotAscending', `${pa}.startPeriod`, 'periods must be in strictly increasing startPeriod order (K01.FR.35)');
      if (!Number.isFinite(period.limit) || period.limit < 0) return refuse('InvalidLimit', `${pa}.limit`, 'limit must be a number >= 0');
      const phases = period.numberPhases;
      if (phases !== undefined && (!Number.isInteger(phases) || phases < 1 || phases > 3)) return refuse('PhasesNotSupported', `${pa}.numberPhases`, 'numberPhases is 1, 2 or 3');
      // Fewer phases than the EVSE has are honoured only if it can switch (K01.FR.43); more are capped (K01.FR.45, 1.6 errata 3.34).
      const target = evse ? [evse] : ctx.evses;
      const cannot = target.find((e) => (phases ?? DEFAULT_NUMBER_PHASES) < e.phases && !e.phaseSwitching);
      if (cannot && phases !== undefined)
        return refuse('PhasesNotSupported', `${pa}.numberPhases`, `EVSE ${cannot.id} cannot limit itself to ${phases} phase(s) (K01.FR.43)`);
      if (period.phaseToUse !== undefined) {
        if (phases !== 1) return refuse('InvalidPhaseToUse', `${pa}.phaseToUse`, 'phaseToUse only with numberPhases 1 (K01.FR.19)');
        if (period.phaseToUse < 1 || period.phaseToUse > 3) return refuse('InvalidPhaseToUse', `${pa}.phaseToUse`, 'phaseToUse is 1, 2 or 3');
        if (target.some((e) => !e.phaseSwitching)) return refuse('InvalidPhaseToUse', `${pa}.phaseToUse`, 'the EVSE cannot switch phases (K01.FR.48)');
      }
    }
  }

  const conflict = phaseConflict(p, installed);
  if (conflict) return refuse('PhaseConflict', conflict, 'its phaseToUse differs from the one of a station-level profile (2.0.1 errata 2.36)');

  if (ctx.duplicates === 'reject') {
    const dup = installed.find((q) => q.id !== p.id && overlaps(p, q) && duplicates(p, q));
    if (dup)
      return refuse('DuplicateProfile', 'stackLevel', `profile ${dup.id} already has purpose ${p.purpose} at stackLevel ${p.stackLevel} for this EVSE (K01.FR.06/39/52/53)`);
  }

  const replaces = replacedBy(installed, p, ctx.duplicates);
  if (installed.length - replaces.length + 1 > limits.maxInstalled)
    return refuse('TooManyProfiles', 'id', `${installed.length} profiles installed, at most ${limits.maxInstalled} (MaxChargingProfilesInstalled)`);
  return { ok: true, replaces };
}

/** 2.0.1's duplicate: same slot, or a TxDefault of the same stackLevel on EVSE 0 versus a specific EVSE (K01.FR.52/53). */
function duplicates(p: ChargingProfile, q: ChargingProfile): boolean {
  if (sameSlot(p, q)) return true;
  return p.purpose === 'TxDefault' && q.purpose === 'TxDefault' && p.stackLevel === q.stackLevel && (p.evseId === 0) !== (q.evseId === 0);
}

/** A field path where p's phaseToUse contradicts an installed station-level profile's, or null. */
function phaseConflict(p: ChargingProfile, installed: ChargingProfile[]): string | null {
  const stationPhases = new Set<number>();
  const stationLevel = (q: ChargingProfile) => q.evseId === 0 && (q.purpose === 'ChargingStationMax' || q.purpose === 'ChargingStationExternalConstraints');
  for (const q of installed) if (q.id !== p.id && stationLevel(q)) for (const s of q.schedules) for (const x of s.periods) if (x.phaseToUse !== undefined) stationPhases.add(x.phaseToUse);
  if (stationLevel(p)) return null;
  for (const [si, s] of p.schedules.entries())
    for (const [i, x] of s.periods.entries())
      if (x.phaseToUse !== undefined && [...stationPhases].some((v) => v !== x.phaseToUse)) return `schedules[${si}].periods[${i}].phaseToUse`;
  return null;
}
