/**
 * The 1.6 BootNotification (§4.2 with errata 3.22/3.40): the payload from the config's identity, sent by the
 * version-neutral registration (agent/ocpp/registration.ts), which holds the Accepted / Pending / Rejected logic
 * both versions share.
 */
import type { Clock } from '../../agent/clock/clock.js';
import type { Logger } from '../../agent/log.js';
import { Registration as BootRegistration } from '../../agent/ocpp/registration.js';
import type { RegistrationStatus } from './context.js';
import type { BootNotificationRequest, BootNotificationResponse } from './generated/index.js';

export { BOOT_RETRY_DEFAULT_S } from '../../agent/ocpp/registration.js';

export interface RegistrationDeps {
  clock: Clock;
  log: Logger;
  call: (action: 'BootNotification', payload: BootNotificationRequest) => Promise<unknown>;
  payload: BootNotificationRequest;
  isOpen: () => boolean;
  onAccepted: (conf: BootNotificationResponse) => void;
  onStatus: (s: RegistrationStatus) => void;
}

export class Registration extends BootRegistration<BootNotificationResponse> {
  constructor(d: RegistrationDeps) {
    const { call, payload, ...rest } = d;
    super({ ...rest, send: () => call('BootNotification', payload) as Promise<BootNotificationResponse> });
  }
}
