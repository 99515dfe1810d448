/** Core vocabulary → OCPP 1.6 enumerations. */
import type { StopReason } from '../../agent/station/types.js';
import type { StopTransactionRequest } from './generated/index.js';

type Reason16 = NonNullable<StopTransactionRequest['reason']>;

const REASONS: Record<StopReason, Reason16> = {
  Local: 'Local',
  Remote: 'Remote',
  EVDisconnected: 'EVDisconnected',
  DeAuthorized: 'DeAuthorized',
  EmergencyStop: 'EmergencyStop',
  HardReset: 'HardReset',
  SoftReset: 'SoftReset',
  PowerLoss: 'PowerLoss',
  Reboot: 'Reboot',
  UnlockCommand: 'UnlockCommand',
  // 1.6 has no reasons for hardware faults; the status notification carries the error code.
  GroundFault: 'Other',
  PowerSwitchFailure: 'Other',
  MeterFailure: 'Other',
  PilotFault: 'Other',
  Timeout: 'Other',
  Other: 'Other',
};

export function stopReason16(r: StopReason): Reason16 {
  return REASONS[r];
}
