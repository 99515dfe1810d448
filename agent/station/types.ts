/**
 * Version-neutral vocabulary of the station core. OCPP profiles map these to and from their own messages;
 * nothing here names an OCPP version.
 */
import type { MeterReading } from '../../hal/types.js';

/** Connector status. The nine values are the richest standard set (OCPP 1.6); 2.0.1 derives its
 * connector status plus chargingState from them. */
export type EvseStatus =
  | 'Available'
  | 'Preparing'
  | 'Charging'
  | 'SuspendedEVSE'
  | 'SuspendedEV'
  | 'Finishing'
  | 'Reserved'
  | 'Unavailable'
  | 'Faulted';

/** Why an EVSE cannot charge (or a warning); 'NoError' when nothing is wrong. */
export type EvseErrorCode =
  | 'NoError'
  | 'ConnectorLockFailure'
  | 'EVCommunicationError'
  | 'GroundFailure'
  | 'HighTemperature'
  | 'InternalError'
  | 'OtherError'
  | 'OverCurrentFailure'
  | 'PowerMeterFailure'
  | 'PowerSwitchFailure'
  | 'ReaderFailure'
  | 'ResetFailure'
  | 'UnderVoltage'
  | 'OverVoltage';

/** Why a transaction ended. Profiles map these to their own enumerations. */
export type StopReason =
  | 'Local'
  | 'Remote'
  | 'EVDisconnected'
  | 'DeAuthorized'
  | 'EmergencyStop'
  | 'HardReset'
  | 'SoftReset'
  | 'PowerLoss'
  | 'Reboot'
  | 'UnlockCommand'
  | 'GroundFault'
  | 'PowerSwitchFailure'
  | 'MeterFailure'
  | 'PilotFault'
  | 'Timeout'
  | 'Other';

export type AuthorizationStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';

export interface IdTokenInfo {
  status: AuthorizationStatus;
  expiryDate?: string;
  parentIdTag?: string;
}

/** Where a sample comes from, in the words both OCPP versions use. */
export type ReadingContext = 'Transaction.Begin' | 'Transaction.End' | 'Sample.Periodic' | 'Sample.Clock' | 'Trigger' | 'Other';

/** A meter reading taken at a moment, for a reason. */
export interface MeterSample {
  timestamp: string;
  context: ReadingContext;
  reading: MeterReading;
  /** The current offered at that moment, A (for Current.Offered / Power.Offered). */
  offeredCurrentA: number;
}

/** An active fault on an EVSE (raised and cleared as state). */
export interface EvseFault {
  source: 'rcd' | 'pilot' | 'ventilation' | 'contactor' | 'meter' | 'lock' | 'reader' | 'internal';
  errorCode: EvseErrorCode;
  info: string;
  /** Prevents charging (Faulted) or is only a warning. */
  blocking: boolean;
}

export type Availability = 'Operative' | 'Inoperative';

export type ResetKind = 'Soft' | 'Hard';
