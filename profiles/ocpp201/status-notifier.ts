/**
 * StatusNotification (G01, B01.FR.05, B04): one per connector (evseId + connectorId 1), with the status mapped
 * from the core's EVSE status (status-mapping.ts). Sent when it changes while registered; after Accepted every
 * connector's status. After a reconnect (B04): every connector when the station was offline longer than
 * OfflineThreshold, else only those whose status changed meanwhile. Error codes cannot travel in a 2.0.1
 * StatusNotification: they go as NotifyEvent (events/). Nothing is queued
 * while offline: the status after reconnecting is the current one.
 */
import type { Clock } from '../../agent/clock/clock.js';
import type { Logger } from '../../agent/log.js';
import type { EvseStatusEvent } from '../../agent/station/evse.js';
import type { ConnectorStatusEnumType, StatusNotificationRequest } from './generated/StatusNotification.js';
import { CONNECTOR_ID } from './station-model.js';
import { connectorStatus, unreportedError } from './status-mapping.js';

export interface StatusNotifierDeps {
  clock: Clock;
  log: Logger;
  canSend: () => boolean;
  call: (action: 'StatusNotification', payload: StatusNotificationRequest) => Promise<unknown>;
  /** The current status of every EVSE (evseId > 0). */
  current: () => EvseStatusEvent[];
  /** OCPPCommCtrlr.OfflineThreshold in seconds. */
  offlineThresholdS: () => number;
}

export class StatusNotifier {
  /** What the CSMS was last told per EVSE. */
  private readonly sent = new Map<number, ConnectorStatusEnumType>();
  private offlineSince: number | null = null;

  constructor(private readonly d: StatusNotifierDeps) {}

  changed(e: EvseStatusEvent): void {
    if (e.evseId === 0) return; // the station as a whole has no connector status; its EVSEs report their own
    // The error code itself goes as NotifyEvent (events/fault-events.ts): a 2.0.1 StatusNotification has no place for it.
    if (unreportedError(e.errorCode)) this.d.log.debug({ evseId: e.evseId, errorCode: e.errorCode, info: e.info }, 'error code reported with NotifyEvent');
    if (!this.d.canSend()) return;
    this.send(e, false);
  }

  disconnected(): void {
    this.offlineSince ??= this.d.clock.monotonicMs();
  }

  /** Registered on a connection: after the first Accepted every connector, after a reconnect per B04. */
  registered(first: boolean): void {
    const offlineMs = this.offlineSince === null ? 0 : this.d.clock.monotonicMs() - this.offlineSince;
    this.offlineSince = null;
    const all = first || offlineMs > this.d.offlineThresholdS() * 1000;
    for (const e of this.d.current()) this.send(e, all);
  }

  /** TriggerMessage(StatusNotification): the current status of one EVSE, or of all. */
  trigger(evseId: number | undefined): boolean {
    const list = this.d.current().filter((e) => evseId === undefined || e.evseId === evseId);
    if (!list.length) return false;
    for (const e of list) this.send(e, true);
    return true;
  }

  private send(e: EvseStatusEvent, always: boolean): void {
    const status = connectorStatus(e.status);
    if (!always && this.sent.get(e.evseId) === status) return;
    this.sent.set(e.evseId, status);
    const payload: StatusNotificationRequest = { timestamp: e.timestamp, connectorStatus: status, evseId: e.evseId, connectorId: CONNECTOR_ID };
    this.d.call('StatusNotification', payload).catch((err: Error) => {
      // Not delivered: the next registration sends it again (B04 compares with what was sent).
      if (this.sent.get(e.evseId) === status) this.sent.delete(e.evseId);
      this.d.log.info({ evseId: e.evseId, err: err.message }, 'StatusNotification not delivered');
    });
  }
}
