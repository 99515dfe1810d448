/**
 * BootNotification and what follows from its answer (part 2 B01-B03):
 * - Accepted: adopt the interval as HeartbeatInterval (B01.FR.04) and the CSMS's clock (B01.FR.06); only then do
 *   the station's own messages flow.
 * - Pending: keep the connection (B02.FR.06), answer the CSMS (B02.FR.01), send nothing of our own but what it asks
 *   for (B02.FR.02); the next BootNotification after `interval` (B02.FR.04/08), or our own wait when it is 0 (FR.07).
 * - Rejected: send nothing until `interval` passed (B03.FR.02/06); the profile answers the CSMS with SecurityError.
 * A reconnect after Accepted sends no new BootNotification (part 4 §4.1.1: only at boot).
 */
import type { Clock, TimerHandle } from '../../agent/clock/clock.js';
import type { Logger } from '../../agent/log.js';
import { isConnectionError } from '../../agent/ocpp/is-connection-error.js';
import type { BootNotificationRequest, BootNotificationResponse, BootReasonEnumType } from './generated/BootNotification.js';

export type RegistrationStatus = 'Unregistered' | 'Pending' | 'Accepted' | 'Rejected';

/** Wait before the next BootNotification when the CSMS gave none (interval 0, CALLERROR, timeout): B02.FR.07. */
export const BOOT_RETRY_DEFAULT_S = 30;

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

export class Registration {
  private status: RegistrationStatus = 'Unregistered';
  private timer: TimerHandle | null = null;
  private inFlight = false;
  private stopped = false;
  private reason: BootReasonEnumType;

  constructor(private readonly d: RegistrationDeps) {
    this.reason = d.reason;
  }

  get state(): RegistrationStatus {
    return this.status;
  }

  /** The connection opened. */
  connected(): void {
    if (this.status === 'Accepted' || this.timer) return;
    void this.boot();
  }

  /**
   * TriggerMessage(BootNotification) while not Accepted (F06.FR.17 refuses it once Accepted): sent now, with
   * reason Triggered, whatever the retry interval says (B02.FR.04 "unless requested ... with TriggerMessage").
   */
  trigger(): boolean {
    if (this.status === 'Accepted' || this.stopped) return false;
    this.d.clock.clear(this.timer);
    this.timer = null;
    this.reason = 'Triggered';
    // After the TriggerMessage answer has gone out (F06.FR.04): the caller answers synchronously, we send next turn.
    this.timer = this.d.clock.setTimeout(() => {
      this.timer = null;
      void this.boot();
    }, 0);
    return true;
  }

  stop(): void {
    this.stopped = true;
    this.d.clock.clear(this.timer);
    this.timer = null;
  }

  private set(s: RegistrationStatus): void {
    if (s === this.status) return;
    this.status = s;
    this.d.onStatus(s);
  }

  private retryIn(seconds: number): void {
    this.d.clock.clear(this.timer);
    this.timer = this.d.clock.setTimeout(() => {
      this.timer = null;
      if (this.d.isOpen()) void this.boot();
    }, seconds * 1000);
  }

  private async boot(): Promise<void> {
    if (this.inFlight || this.stopped) return;
    this.inFlight = true;
    try {
      const conf = (await this.d.call('BootNotification', { chargingStation: this.d.station, reason: this.reason })) as BootNotificationResponse;
      if (this.stopped) return;
      const at = new Date(conf.currentTime);
      if (!Number.isNaN(at.getTime())) this.d.clock.setWallClock(at);
      this.d.log.info({ status: conf.status, interval: conf.interval, reason: this.reason }, 'BootNotification answered');
      if (conf.status === 'Accepted') {
        this.set('Accepted');
        this.d.onAccepted(conf);
      } else {
        this.set(conf.status);
        this.retryIn(conf.interval > 0 ? conf.interval : BOOT_RETRY_DEFAULT_S);
      }
    } catch (err) {
      if (this.stopped) return;
      if (isConnectionError(err)) return; // the next connection boots again
      this.d.log.warn({ err: (err as Error).message }, 'BootNotification failed: retrying');
      this.retryIn(BOOT_RETRY_DEFAULT_S);
    } finally {
      this.inFlight = false;
    }
  }
}
