import { Emitter } from '../emitter.js';
import { HalError } from '../errors.js';
import type { HalClock, ResidualCurrentMonitor } from '../types.js';
import { PendingOps } from './pending.js';

/** How long the simulated self-test takes. */
export const SIM_RCD_SELF_TEST_MS = 300;

/** Simulated residual current monitor: trips while the sim fault 'rcd' is active. */
export class SimResidualCurrentMonitor implements ResidualCurrentMonitor {
  readonly events = new Emitter<{ trip: () => void; reset: () => void }>();
  readonly canSelfTest = true;

  private faulted = false;
  private running = false;
  private readonly pending: PendingOps;

  constructor(clock: HalClock) {
    this.pending = new PendingOps(clock);
  }

  get tripped(): boolean {
    return this.faulted;
  }

  async start(): Promise<void> {
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pending.abortAll();
  }

  /** Sim fault 'rcd': trip (emits `trip` before returning) or recover (`reset`). */
  setFault(faulted: boolean): void {
    if (faulted === this.faulted) return;
    this.faulted = faulted;
    this.events.emit(faulted ? 'trip' : 'reset');
  }

  /** Start-up: the persisted picture, without events. */
  restore(faulted: boolean): void {
    this.faulted = faulted;
  }

  selfTest(): Promise<boolean> {
    if (!this.running) {
      return Promise.reject(new HalError('RCD_SELFTEST_FAILED', 'RCD self-test: driver not started', { part: 'rcd' }));
    }
    // A device with an active fault cannot trip-and-recover as the test expects.
    return this.pending.run(
      SIM_RCD_SELF_TEST_MS,
      () => !this.faulted,
      () => new HalError('RCD_SELFTEST_FAILED', 'RCD self-test aborted: driver stopped', { part: 'rcd' }),
    );
  }
}
