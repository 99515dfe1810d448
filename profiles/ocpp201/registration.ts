/**
 * BootNotification and what follows from its answer (part 2 B01-B03):
 * - Accepted: adopt the interval as HeartbeatInterval (B01.FR.04) and the CSMS's clock (B01.FR.06); only then do
 *   the station's own messages flow.
 * - Pending: keep the connection (B02.FR.06), answer the CSMS (B02.FR.01), send nothing of our own but what it asks
 *   for (B02.FR.02); the next BootNotification after `interval` (B02.FR.04/08), or our own wait when it is 0 (FR.07).
 * - Rejected: send nothing until `interval` passed (B03.FR.02/06); the profile answers the CSMS with SecurityError.
 * A reconnect after Accepted sends no new BootNotification (part 4 §4.1.1: only at boot).
 * The logic both versions share is agent/ocpp/registration.ts; this adds the 2.0.1 payload and its boot reason.
 */
import type { Clock } from '../../agent/clock/clock.js';
import type { Logger } from '../../agent/log.js';
import { Registration as BootRegistration, type RegistrationStatus } from '../../agent/ocpp/registration.js';
import type { BootNotificationRequest, BootNotificationResponse, BootReasonEnumType } from './generated/BootNotification.js';

export type { RegistrationStatus } from '../../agent/ocpp/registration.js';
export { BOOT_RETRY_DEFAULT_S } from '../../agent/ocpp/registration.js';

export interface RegistrationDeps {
  clock: Clock;
  log: Logger;
  call: (action: 'BootNotification', payload: BootNotificationRequest) => Promise<unknown>;
  station: BootNotificationRequest['chargingStation'];
  /** The reason of the first BootNotification of this run (PowerUp, RemoteReset, ...). */
  reason: BootReasonEnumType;
  isOpen: () => boolean;
  onAccepted: (conf: BootNotificationResponse) => void;
  onStatus: (s: RegistrationStatus) => void;
}

export class Registration extends BootRegistration<BootNotificationResponse> {
  private readonly next: { reason: BootReasonEnumType };

  constructor(d: RegistrationDeps) {
    const { call, station, reason, ...rest } = d;
    const boot = { reason };
    super({
      ...rest,
      send: () => call('BootNotification', { chargingStation: station, reason: boot.reason }) as Promise<BootNotificationResponse>,
      describe: () => ({ reason: boot.reason }),
    });
    this.next = boot;
  }

  /**
   * TriggerMessage(BootNotification) while not Accepted (F06.FR.17 refuses it once Accepted): sent now, with
   * reason Triggered, whatever the retry interval says (B02.FR.04 "unless requested ... with TriggerMessage").
   */
  trigger(): boolean {
    if (this.state === 'Accepted') return false;
    const before = this.next.reason;
    this.next.reason = 'Triggered';
    if (this.sendSoon()) return true;
    this.next.reason = before;
    return false;
  }
}
