/**
 * BootNotification and what follows from its answer, the same in both versions (1.6 §4.2 with errata 3.22/3.40;
 * 2.0.1 B01-B03):
 * - Accepted: adopt the CSMS's clock; the profile adopts the interval; then (and only then) other messages flow.
 * - Pending: keep the connection, answer the CSMS, send nothing of our own; the next BootNotification after
 *   `interval`, or after BOOT_RETRY_DEFAULT_S when it is 0.
 * - Rejected: send nothing until `interval` passed; then retry. (What the station answers meanwhile is the
 *   profile's: 1.6 answers nothing, 2.0.1 SecurityError.)
 * A reconnect after Accepted sends no new BootNotification (OCPP-J 1.6 §5.4, 2.0.1 part 4 §4.1.1).
 * The payload is the profile's: this class only sends it, reads the answer's three common fields and retries.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Logger } from '../log.js';
import { isConnectionError } from './is-connection-error.js';

export type RegistrationStatus = 'Unregistered' | 'Pending' | 'Accepted' | 'Rejected';

/** What both versions' BootNotification responses carry. */
export interface BootAnswer {
  status: 'Accepted' | 'Pending' | 'Rejected';
  interval: number;
  currentTime: string;
}

/** Retry after a boot that failed without an interval (CALLERROR, timeout, interval 0); 2.0.1 B02.FR.07. */
export const BOOT_RETRY_DEFAULT_S = 30;

export interface RegistrationDeps<A extends BootAnswer> {
  clock: Clock;
  log: Logger;
  /** Sends one BootNotification with the profile's payload and resolves with the CSMS's answer. */
  send: () => Promise<A>;
  isOpen: () => boolean;
  onAccepted: (conf: A) => void;
  onStatus: (s: RegistrationStatus) => void;
  /** Fields logged with the answer (2.0.1: the boot reason). */
  describe?: () => Record<string, unknown>;
}

export class Registration<A extends BootAnswer = BootAnswer> {
  private status: RegistrationStatus = 'Unregistered';
  private timer: TimerHandle | null = null;
  private inFlight = false;
  private stopped = false;

  constructor(private readonly d: RegistrationDeps<A>) {}

  get state(): RegistrationStatus {
    return this.status;
  }

  /** The connection opened. */
  connected(): void {
    if (this.status === 'Accepted' || this.timer) return;
    void this.boot();
  }

  /**
   * A BootNotification now, whatever the retry interval says (2.0.1 TriggerMessage while not Accepted, B02.FR.04),
   * sent on the next turn so the trigger's answer goes out first (F06.FR.04). False once Accepted or stopped.
   */
  sendSoon(): boolean {
    if (this.status === 'Accepted' || this.stopped) return false;
    this.d.clock.clear(this.timer);
    this.timer = this.d.clock.setTimeout(() => {
      this.timer = null;
      void this.boot();
    }, 0);
    return true;
  }

  /**
   * Registered no more: the next connection boots again (2.0.1 B10.FR.10, a connection through another network
   * profile may reach another CSMS). Nothing is sent by this call.
   */
  forget(): void {
    if (this.stopped) return;
    this.d.clock.clear(this.timer);
    this.timer = null;
    this.set('Unregistered');
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
      const conf = await this.d.send();
      if (this.stopped) return;
      const at = new Date(conf.currentTime);
      if (!Number.isNaN(at.getTime())) this.d.clock.setWallClock(at);
      this.d.log.info({ status: conf.status, interval: conf.interval, ...this.d.describe?.() }, 'BootNotification answered');
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
