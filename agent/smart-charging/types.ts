/**
 * The version-neutral charging-profile model. The OCPP 1.6 and 2.0.1 profiles map their wire types onto it
 * (1.6 connectorId → evseId, ChargePointMaxProfile → ChargingStationMax, integer transactionId → string); the
 * engine (validate, profile-set, composite) knows no protocol version.
 */

/** Wire names: ChargePointMaxProfile (1.6) / ChargingStationMaxProfile (2.0.1), TxDefaultProfile, TxProfile. */
export type ChargingProfilePurpose = 'ChargingStationMax' | 'TxDefault' | 'Tx' | 'ChargingStationExternalConstraints';

export type ChargingProfileKind = 'Absolute' | 'Recurring' | 'Relative';

export type RecurrencyKind = 'Daily' | 'Weekly';

/** A: amperes per phase. W: watts over all phases (1.6 §7.12, 2.0.1 K01.FR.50/51). */
export type ChargingRateUnit = 'A' | 'W';

/** Who set the limit (2.0.1 ChargingLimitSourceEnumType); the CSMS's profiles are 'CSO'. */
export type ChargingLimitSource = 'CSO' | 'EMS' | 'SO' | 'Other';

export interface ChargingSchedulePeriod {
  /** Seconds from the start of the schedule; the first is 0 and they ascend strictly. */
  startPeriod: number;
  /** In the schedule's chargingRateUnit. */
  limit: number;
  /** Phases the limit is for; absent means 3 (1.6 §7.14, 2.0.1 K01.FR.49). */
  numberPhases?: number;
  /** 2.0.1 only: which phase a single-phase period uses (1..3). */
  phaseToUse?: number;
}

export interface ChargingSchedule {
  /** 2.0.1 gives each schedule an id; 1.6 has none. */
  id?: number;
  /** Absolute and Recurring: where period 0 starts. Relative: absent. */
  startSchedule?: Date;
  /** Seconds; absent: the last period runs on (until the transaction ends, for a Relative one). */
  duration?: number;
  chargingRateUnit: ChargingRateUnit;
  periods: ChargingSchedulePeriod[];
  /** The EV's lowest efficient rate, in chargingRateUnit; carried to the composite, never enforced here. */
  minChargingRate?: number;
}

export interface ChargingProfile {
  id: number;
  /** 0 = the station (1.6 connector 0). */
  evseId: number;
  stackLevel: number;
  purpose: ChargingProfilePurpose;
  kind: ChargingProfileKind;
  recurrencyKind?: RecurrencyKind;
  validFrom?: Date;
  validTo?: Date;
  /** Tx profiles only: the transaction it belongs to; absent = the one running on evseId (1.6 §7.8). */
  transactionId?: string;
  /** One schedule, or up to three for an ISO 15118 session (2.0.1 K15); the composite uses one index. */
  schedules: ChargingSchedule[];
  /** Defaults to 'CSO'. */
  source?: ChargingLimitSource;
}

/** The electrical facts of an EVSE (or, for EVSE 0, of the grid connection) that W↔A conversion needs. */
export interface EvseElectrical {
  /** Set (not measured) line-to-neutral voltage, e.g. 230 (config evses[].nominalVoltageV). */
  nominalVoltageV: number;
  /** Phases wired to the EVSE (1 or 3; 2 for split-phase). */
  phases: number;
  /** The EVSE's own rating per phase: the limit where no profile has one (2.0.1 K02.FR.08 "local limit"). */
  maxCurrentA: number;
}

export interface TransactionRef {
  id: string;
  /** Where a Relative schedule's period 0 starts (transaction start, or 2.0.1's PowerPathClosed moment). */
  startedAt: Date;
}

/** One EVSE of the station, for the station-total composite (EVSE 0). */
export interface StationEvse extends EvseElectrical {
  id: number;
  transaction?: TransactionRef;
}

export const PURPOSES: readonly ChargingProfilePurpose[] = ['ChargingStationMax', 'TxDefault', 'Tx', 'ChargingStationExternalConstraints'];
export const KINDS: readonly ChargingProfileKind[] = ['Absolute', 'Recurring', 'Relative'];
export const RECURRENCY_KINDS: readonly RecurrencyKind[] = ['Daily', 'Weekly'];
export const UNITS: readonly ChargingRateUnit[] = ['A', 'W'];
export const LIMIT_SOURCES: readonly ChargingLimitSource[] = ['CSO', 'EMS', 'SO', 'Other'];

/** numberPhases when a period does not say (1.6 §7.12 "3 SHALL be assumed", 2.0.1 K01.FR.49). */
export const DEFAULT_NUMBER_PHASES = 3;
