/**
 * What every 2.0.1 handler gets: the station's API and the 2.0.1 pieces around it. Handlers hold no state of
 * their own.
 */
import type { Clock } from '../../agent/clock/clock.js';
import type { Logger } from '../../agent/log.js';
import type { Station } from '../../agent/station/station.js';
import type { DeviceModel } from './device-model/device-model.js';
import type { BootReasonEnumType } from './generated/BootNotification.js';
import type { NotifyReportRequest } from './generated/NotifyReport.js';
import type { ResetEnumType } from './generated/Reset.js';
import type { MessageTriggerEnumType, TriggerMessageRequest } from './generated/TriggerMessage.js';
import type { RegistrationStatus } from './registration.js';

export interface Ocpp201Context {
  station: Station;
  model: DeviceModel;
  clock: Clock;
  log: Logger;
  registration(): RegistrationStatus;
  /** The station reboots after the answer went out; the next BootNotification says `reason`. */
  scheduleReset(type: ResetEnumType, reason: BootReasonEnumType): 'Accepted' | 'Scheduled';
  /** NotifyReport parts, sent in order after the answer to GetBaseReport / GetReport went out. */
  sendReport(parts: NotifyReportRequest[]): void;
  /** Sends the triggered message after the TriggerMessage answer; false when it is refused (F06.FR.17). */
  trigger(message: MessageTriggerEnumType, evse: TriggerMessageRequest['evse']): 'Accepted' | 'Rejected' | 'NotImplemented';
}

/** The size DeviceDataCtrlr.BytesPerMessage limits, of a CALL as the CSMS sent it (re-serialised; ids count as 36). */
export function frameBytes(action: string, payload: unknown): number {
  return Buffer.byteLength(JSON.stringify([2, 'x'.repeat(36), action, payload]), 'utf8');
}
