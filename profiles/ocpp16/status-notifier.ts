/**
 * StatusNotification: a change is sent when it happens (errata 3.19: SHALL), held back for
 * MinimumStatusDuration when that is set; while offline nothing is queued, and after (re)connecting the current
 * status of connector 0 and of every connector is sent (errata 3.22, §4.9).
 */
import type { Clock, TimerHandle } from '../../agent/clock/clock.js';
import type { Logger } from '../../agent/log.js';
import type { EvseStatusEvent } from '../../agent/station/evse.js';
import type { Settings } from '../../agent/station/settings.js';
import type { StatusNotificationRequest } from './generated/index.js';

export interface StatusNotifierDeps {
  clock: Clock;
  log: Logger;
  settings: Settings;
  canSend: () => boolean;
  call: (action: 'StatusNotification', payload: StatusNotificationRequest) => Promise<unknown>;
  /** Current status of every connector, 0 first. */
  current: () => EvseStatusEvent[];
}

export class StatusNotifier {
  private readonly timers = new Map<number, TimerHandle>();
  private readonly latest = new Map<number, EvseStatusEvent>();

  constructor(private readonly d: StatusNotifierDeps) {}

  changed(e: EvseStatusEvent): void {
    this.latest.set(e.evseId, e);
    if (!this.d.canSend()) return;
    const hold = this.d.settings.get('minimumStatusDurationS');
    if (hold <= 0) {
      this.send(e);
      return;
    }
    this.d.clock.clear(this.timers.get(e.evseId));
    this.timers.set(
      e.evseId,
      this.d.clock.setTimeout(() => {
        this.timers.delete(e.evseId);
        const last = this.latest.get(e.evseId);
        if (last && this.d.canSend()) this.send(last);
      }, hold * 1000),
    );
  }

  /** After BootNotification Accepted and after every reconnect. */
  sendAll(): void {
    for (const e of this.d.current()) {
      this.latest.set(e.evseId, e);
      this.send(e);
    }
  }

  stop(): void {
    for (const t of this.timers.values()) this.d.clock.clear(t);
    this.timers.clear();
  }

  private send(e: EvseStatusEvent): void {
    const payload: StatusNotificationRequest = { connectorId: e.evseId, status: e.status, errorCode: e.errorCode, timestamp: e.timestamp };
    if (e.info) payload.info = e.info;
    this.d.call('StatusNotification', payload).catch((err: Error) => this.d.log.info({ connectorId: e.evseId, err: err.message }, 'StatusNotification not delivered'));
  }
}
