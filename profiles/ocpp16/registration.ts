/**
 * BootNotification and what follows from its answer (§4.2 with errata 3.22/3.40):
 * - Accepted: adopt the heartbeat interval and the CSMS's clock; then (and only then) other messages flow.
 * - Pending: keep the connection, answer the CSMS, send nothing of our own; retry after `interval`.
 * - Rejected: send nothing and answer nothing until `interval` passed; then retry.
 * A reconnect after Accepted sends no new BootNotification (OCPP-J §5.4).
 */
import type { Clock, TimerHandle } from '../../agent/clock/clock.js';
import type { Logger } from '../../agent/log.js';
import { isConnectionError } from '../../agent/ocpp/is-connection-error.js';
import type { RegistrationStatus } from './context.js';
import type { BootNotificationRequest, BootNotificationResponse } from './generated/index.js';

/** Retry after a boot that failed without an interval (CALLERROR, timeout, interval 0). */
export const BOOT_RETRY_DEFAULT_S = 30;

export interface RegistrationDeps {
  clock: Clock;
  log: Logger;
  call: (action: 'BootNotification', payload: BootNotificationRequest) => Promise<unknown>;
  payload: BootNotificationRequest;
  isOpen: () => boolean;
  onAccepted: (conf: BootNotificationResponse) => void;
  onStatus: (s: RegistrationStatus) => void;
}

export class Registration {
  private status: RegistrationStatus = 'Unregistered';
  private timer: TimerHandle | null = null;
  private inFlight = false;
  private stopped = false;

  constructor(private readonly d: RegistrationDeps) {}

  get state(): RegistrationStatus {
    return this.status;
  }

  /** The connection opened. */
  connected(): void {
    if (this.status === 'Accepted' || this.timer) return;
    void this.boot();
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
      const conf = (await this.d.call('BootNotification', this.d.payload)) as BootNotificationResponse;
      if (this.stopped) return;
      const at = new Date(conf.currentTime);
      if (!Number.isNaN(at.getTime())) this.d.clock.setWallClock(at);
      this.d.log.info({ status: conf.status, interval: conf.interval }, 'BootNotification answered');
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
