/**
 * The failsafe limit: when the CSMS has been out of reach for longer than `afterS`, its charging profiles stop
 * counting and each EVSE is held at `limitA` instead, until the connection is back. The CSMS's last limits may be
 * stale either way (a demand-response cut that nobody lifts, or a generous limit set for a grid that has since
 * asked for less), so a configured value takes their place rather than adding to them, as a failsafe limit does
 * in the energy-management protocols (EEBUS LPC's failsafe consumption limit). The site's own limits, the energy
 * manager's and the ratings still apply.
 *
 * The clock starts at station start: a station that never reaches its CSMS falls back too.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';

export interface FailsafeConfig {
  /** How long the CSMS may be gone before the failsafe limit applies, s. */
  afterS: number;
  /** A per phase, for each EVSE. */
  limitA: number;
}

export class CsmsFailsafe {
  private timer: TimerHandle | null = null;
  private engaged = false;
  private reachable = false;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly cfg: FailsafeConfig | null,
    /** The failsafe engaged or released: the EVSEs re-read their limits. */
    private readonly changed: (engaged: boolean) => void,
  ) {}

  start(): void {
    if (!this.reachable) this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.clock.clear(this.timer);
    this.timer = null;
  }

  /** The CSMS connection went up or down. */
  connection(up: boolean): void {
    if (up === this.reachable) return;
    this.reachable = up;
    if (up) {
      this.clock.clear(this.timer);
      this.timer = null;
      if (this.engaged) {
        this.engaged = false;
        this.changed(false);
      }
    } else this.arm();
  }

  /** The limit in force instead of the CSMS's, A per phase; null while the CSMS's own limits count. */
  limitA(): number | null {
    return this.engaged && this.cfg ? this.cfg.limitA : null;
  }

  /** Whether the failsafe limit replaces the CSMS's now. */
  get active(): boolean {
    return this.engaged;
  }

  private arm(): void {
    // The connection closes at shutdown too, after the station stopped: no timer may outlive it.
    if (!this.cfg || this.timer || this.engaged || this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.engaged = true;
      this.changed(true);
    }, this.cfg.afterS * 1000);
  }
}
