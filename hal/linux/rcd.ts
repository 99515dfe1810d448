import { Emitter } from '../emitter.js';
import { HalError } from '../errors.js';
import type { GpioBackend, GpioLine } from '../gpio/types.js';
import type { HalClock, HalTimerHandle, ResidualCurrentMonitor } from '../types.js';
import { inputSpec, outputSpec, type LineConfig } from './line-config.js';

export interface LinuxRcdConfig {
  /** Logical 1 = tripped (set activeLow for a module whose output opens on a fault). */
  trip: LineConfig;
  /** Test input of the RCD/RDC-DD module; logical 1 injects the test current. */
  test?: LineConfig;
  /** How long the test line is held (default 100 ms). */
  testPulseMs?: number;
  /** The trip must show within this time from the pulse start (default 500 ms). */
  selfTestTimeoutMs?: number;
  /** After the pulse, the trip must clear within this time (default 1000 ms). */
  resetTimeoutMs?: number;
}

/**
 * Residual current monitor on a GPIO input. `trip` is emitted from inside the GPIO edge callback, so a listener
 * that opens the contactor does so before the edge callback returns. Leave debounceMs at 0 on the trip line: a
 * filter here only adds delay to a signal the module already filters.
 *
 * Self-test pulses the test line and expects trip then reset. The events are emitted during a test too (a real
 * fault during a test must not be hidden); the caller runs the test with the contactor open and knows its own test
 * is in progress.
 */
export class LinuxRcd implements ResidualCurrentMonitor {
  readonly events = new Emitter<{ trip: () => void; reset: () => void }>();
  private tripLine: GpioLine | null = null;
  private testLine: GpioLine | null = null;
  private unwatch: (() => void) | null = null;
  private isTripped = false;
  private testing: { finish: (ok: boolean) => void } | null = null;

  constructor(
    private readonly cfg: LinuxRcdConfig,
    private readonly gpio: GpioBackend,
    private readonly clock: HalClock,
    private readonly chip?: string,
  ) {}

  get tripped(): boolean {
    return this.isTripped;
  }

  get canSelfTest(): boolean {
    return this.cfg.test !== undefined;
  }

  async start(): Promise<void> {
    const trip = await this.gpio.open(inputSpec(this.cfg.trip, this.chip));
    let test: GpioLine | null = null;
    try {
      if (this.cfg.test) test = await this.gpio.open(outputSpec(this.cfg.test, this.chip));
    } catch (err) {
      trip.close();
      throw err;
    }
    this.tripLine = trip;
    this.testLine = test;
    this.unwatch = trip.watch((v) => this.onLevel(v));
    this.isTripped = false;
    // Already tripped at start-up: tell the listeners, as for any trip.
    if (trip.read() === 1) this.onLevel(1);
  }

  async stop(): Promise<void> {
    this.testing?.finish(false);
    this.unwatch?.();
    this.unwatch = null;
    try {
      this.testLine?.write(0);
    } finally {
      this.testLine?.close();
      this.tripLine?.close();
      this.testLine = null;
      this.tripLine = null;
    }
  }

  selfTest(): Promise<boolean> {
    const test = this.testLine;
    if (!this.cfg.test) return Promise.reject(new HalError('NOT_SUPPORTED', 'RCD has no test line configured', { part: 'rcd' }));
    if (!test || !this.tripLine) return Promise.reject(new HalError('RCD_SELFTEST_FAILED', 'RCD self-test: driver not started', { part: 'rcd' }));
    if (this.testing) return Promise.reject(new HalError('RCD_SELFTEST_FAILED', 'RCD self-test already running', { part: 'rcd' }));
    // A device that is tripped already cannot show that it trips.
    if (this.isTripped) return Promise.resolve(false);
    const pulseMs = this.cfg.testPulseMs ?? 100;
    const tripTimeoutMs = this.cfg.selfTestTimeoutMs ?? 500;
    const resetTimeoutMs = this.cfg.resetTimeoutMs ?? 1000;
    return new Promise<boolean>((resolve) => {
      let sawTrip = false;
      let pulseOver = false;
      const timers: (HalTimerHandle | null)[] = [];
      let offEvent: (() => void)[] = [];
      const finish = (ok: boolean): void => {
        if (this.testing !== state) return;
        this.testing = null;
        for (const t of timers) this.clock.clear(t);
        for (const o of offEvent) o();
        offEvent = [];
        try {
          test.write(0);
        } catch {
          ok = false;
        }
        resolve(ok);
      };
      const state = { finish };
      this.testing = state;
      const maybeDone = (): void => {
        if (sawTrip && pulseOver && !this.isTripped) finish(true);
      };
      offEvent.push(
        this.events.on('trip', () => {
          sawTrip = true;
        }),
        this.events.on('reset', maybeDone),
      );
      timers.push(
        this.clock.setTimeout(() => {
          pulseOver = true;
          try {
            test.write(0);
          } catch {
            finish(false);
            return;
          }
          timers.push(this.clock.setTimeout(() => finish(false), Math.max(0, resetTimeoutMs)));
          maybeDone();
        }, pulseMs),
        this.clock.setTimeout(() => {
          if (!sawTrip) finish(false);
        }, tripTimeoutMs),
      );
      try {
        test.write(1);
      } catch {
        finish(false);
      }
    });
  }

  private onLevel(v: 0 | 1): void {
    const tripped = v === 1;
    if (tripped === this.isTripped) return;
    this.isTripped = tripped;
    this.events.emit(tripped ? 'trip' : 'reset');
  }
}
