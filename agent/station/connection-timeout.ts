/**
 * OCPP ConnectionTimeOut: how long an accepted id waits for its EV to plug in, and a plugged EV for an id.
 * 2.0.1 names it TxCtrlr.EVConnectionTimeOut (bridged to the same setting) and also uses it for a transaction
 * that began at Authorized before the EV came (session.ts ends it with reason Timeout). One timer per session:
 * at most one of these waits runs at a time.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Settings } from './settings.js';

export class ConnectionTimeout {
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly settings: Settings,
  ) {}

  /** `expired` runs once ConnectionTimeOut passed without another arm() or a cancel(); never when it is 0. */
  arm(expired: () => void): void {
    this.clock.clear(this.timer);
    const s = this.settings.get('connectionTimeOutS');
    if (s <= 0) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      expired();
    }, s * 1000);
  }

  cancel(): void {
    this.clock.clear(this.timer);
    this.timer = null;
  }
}
