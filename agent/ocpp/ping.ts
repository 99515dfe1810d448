/**
 * WebSocket ping and dead-peer detection (OCPP-J 1.6 §7 WebSocketPingInterval; errata 3.11: pings exist to
 * detect half-open connections, which otherwise swallow messages).
 *
 * Any sign of life counts (pong, ping, message), so a busy connection is never torn down for a late pong. A single
 * dead-peer timer is re-armed lazily from the last activity instead of on every message.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';

export interface KeepAliveHooks {
  sendPing(): void;
  /** Nothing heard for the dead-peer timeout: the connection must be terminated. Called once per start(). */
  onDead(idleMs: number): void;
}

export class KeepAlive {
  private pingTimer: TimerHandle | null = null;
  private deadTimer: TimerHandle | null = null;
  private lastActivity = 0;
  private deadMs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly hooks: KeepAliveHooks,
  ) {}

  /** intervalMs 0 disables pinging and dead-peer detection (the server may still ping; ws answers with pong). */
  start(intervalMs: number, deadPeerMs: number): void {
    this.stop();
    if (!(intervalMs > 0)) return;
    this.lastActivity = this.clock.monotonicMs();
    this.deadMs = Math.max(deadPeerMs, 1);
    this.pingTimer = this.clock.setInterval(() => this.hooks.sendPing(), intervalMs);
    this.deadTimer = this.clock.setTimeout(() => this.check(), this.deadMs);
  }

  stop(): void {
    this.clock.clear(this.pingTimer);
    this.clock.clear(this.deadTimer);
    this.pingTimer = null;
    this.deadTimer = null;
  }

  /** Called for every frame received from the peer. */
  touch(): void {
    this.lastActivity = this.clock.monotonicMs();
  }

  get running(): boolean {
    return this.pingTimer !== null;
  }

  private check(): void {
    this.deadTimer = null;
    const idle = this.clock.monotonicMs() - this.lastActivity;
    if (idle >= this.deadMs) {
      this.stop();
      this.hooks.onDead(idle);
      return;
    }
    this.deadTimer = this.clock.setTimeout(() => this.check(), this.deadMs - idle);
  }
}
