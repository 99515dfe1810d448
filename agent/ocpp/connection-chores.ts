/**
 * What every protocol profile does with its connection besides its own messages, the same for 1.6 and 2.0.1:
 * the Heartbeat while registered (its currentTime sets the station's wall clock: 1.6 §4.6, 2.0.1 G02.FR.06),
 * the WebSocket ping interval following its setting, the queue sender told when the connection goes and when a
 * late answer to one of its CALLs arrives. The profiles only say when the station is registered on a connection.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Logger } from '../log.js';
import type { Settings } from '../station/settings.js';
import type { QueueSender } from '../transactions/queue-sender.js';
import type { RpcConnection } from './rpc-connection.js';

export interface ConnectionChoresDeps {
  rpc: RpcConnection;
  clock: Clock;
  log: Logger;
  settings: Settings;
  sender: QueueSender;
  /** Registered and connected: a Heartbeat may go out. */
  canSend: () => boolean;
}

export class ConnectionChores {
  private heartbeatTimer: TimerHandle | null = null;
  private readonly offs: (() => void)[] = [];
  /** Late answers are recorded until the sender stops, also while it finishes its last CALL (after quiet()). */
  private offLate: (() => void) | null = null;

  constructor(private readonly d: ConnectionChoresDeps) {}

  start(): void {
    const { rpc, settings, sender } = this.d;
    this.offs.push(
      rpc.events.on('close', () => {
        sender.setReady(false);
        this.disarm();
      }),
    );
    this.offs.push(
      settings.events.on('change', (name, value) => {
        if (name === 'webSocketPingIntervalS') rpc.setPingInterval(value as number);
        if (name === 'heartbeatIntervalS' && this.heartbeatTimer) this.armHeartbeat();
      }),
    );
    // A profile may have moved the setting from what the connection was built with (2.0.1's device model).
    rpc.setPingInterval(settings.get('webSocketPingIntervalS'));
    this.offLate = rpc.events.on('lateResult', (_action, uniqueId, payload) => sender.lateResult(uniqueId, payload));
  }

  /** Registered on the open connection: transaction messages may go, the Heartbeat runs. */
  registered(): void {
    this.d.sender.setReady(true);
    this.armHeartbeat();
  }

  /** One Heartbeat now (TriggerMessage). */
  heartbeat(): void {
    this.d.rpc
      .call('Heartbeat', {})
      .then((r) => {
        const t = new Date((r as { currentTime: string }).currentTime);
        if (!Number.isNaN(t.getTime())) this.d.clock.setWallClock(t);
      })
      .catch((err: Error) => this.d.log.info({ err: err.message }, 'Heartbeat failed'));
  }

  /** Shutdown's first step: no Heartbeat, no listener, but late answers still reach the sender. */
  quiet(): void {
    this.disarm();
    this.offs.splice(0).forEach((off) => off());
  }

  /** After the sender stopped. */
  stop(): void {
    this.quiet();
    this.offLate?.();
    this.offLate = null;
  }

  private disarm(): void {
    this.d.clock.clear(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private armHeartbeat(): void {
    this.disarm();
    const s = this.d.settings.get('heartbeatIntervalS');
    if (s <= 0) return;
    this.heartbeatTimer = this.d.clock.setInterval(() => {
      if (this.d.canSend()) this.heartbeat();
    }, s * 1000);
  }
}
