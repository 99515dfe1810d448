/**
 * The core's transaction vocabulary in 2.0.1 words: why it ended (ReasonEnumType for stoppedReason and the
 * TriggerReasonEnumType of the Ended event), and the EVSE status as ChargingStateEnumType. Data, not logic.
 */
import type { EvseStatus, StopReason } from '../../../agent/station/types.js';
import type { ChargingStateEnumType, ReasonEnumType, TriggerReasonEnumType } from '../generated/TransactionEvent.js';

export const STOPPED_REASON: Record<StopReason, ReasonEnumType> = {
  Local: 'Local',
  Remote: 'Remote',
  EVDisconnected: 'EVDisconnected',
  DeAuthorized: 'DeAuthorized',
  EmergencyStop: 'EmergencyStop',
  // Both of chargerd's resets stop transactions at once and reboot (a 2.0.1 OnIdle reset waits for them instead).
  HardReset: 'ImmediateReset',
  SoftReset: 'ImmediateReset',
  PowerLoss: 'PowerLoss',
  Reboot: 'Reboot',
  // 2.0.1 has no unlock reason (F05 refuses UnlockConnector during a transaction; chargerctl's unlock does not).
  UnlockCommand: 'Other',
  GroundFault: 'GroundFault',
  PowerSwitchFailure: 'Other',
  MeterFailure: 'Other',
  PilotFault: 'Other',
  Timeout: 'Timeout',
  Other: 'Other',
};

export const STOP_TRIGGER: Record<StopReason, TriggerReasonEnumType> = {
  Local: 'StopAuthorized',
  Remote: 'RemoteStop',
  // E10: the cable was unplugged (no parking-bay sensor tells EVDeparted).
  EVDisconnected: 'EVCommunicationLost',
  DeAuthorized: 'Deauthorized',
  EmergencyStop: 'AbnormalCondition',
  HardReset: 'ResetCommand',
  SoftReset: 'ResetCommand',
  PowerLoss: 'AbnormalCondition',
  Reboot: 'AbnormalCondition',
  UnlockCommand: 'UnlockCommand',
  GroundFault: 'AbnormalCondition',
  PowerSwitchFailure: 'AbnormalCondition',
  MeterFailure: 'AbnormalCondition',
  PilotFault: 'AbnormalCondition',
  Timeout: 'EVConnectTimeout',
  Other: 'AbnormalCondition',
};

/** The charging state an EVSE status shows during a transaction; null for statuses that say nothing about it. */
export function chargingStateOf(status: EvseStatus): ChargingStateEnumType | null {
  switch (status) {
    case 'Charging':
    case 'SuspendedEV':
    case 'SuspendedEVSE':
      return status;
    case 'Preparing':
    case 'Finishing':
      return 'EVConnected';
    case 'Available':
      return 'Idle';
    default:
      return null;
  }
}
