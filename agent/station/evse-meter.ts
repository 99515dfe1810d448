/**
 * The energy meter as one EVSE uses it: the last reading, reads that answer null on failure, a read bounded in
 * time, the start-up probe and the retry while the meter is faulted. Judging failures stays the driver's.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { EnergyMeter, MeterReading } from '../../hal/types.js';
import type { Logger } from '../log.js';

/** While the meter fails, how often it is read again: nothing else reads it while the EVSE is Faulted, so
 * without this a meter that recovers would leave the EVSE Faulted until a restart. */
export const METER_RETRY_MS = 10_000;

/**
 * While a transaction runs the meter is read this often whatever MeterValueSampleInterval says: the meter's
 * supervision (failuresBeforeFault) only sees reads, and a meter nobody reads cannot fail on the safety path.
 */
export const METER_WATCH_MS = 5_000;

export interface EvseMeterDeps {
  meter: EnergyMeter;
  clock: Clock;
  log: Logger;
  evseId: number;
  /** The EVSE's meter fault: a good read clears it; while it is held the probe has nothing more to find. */
  fault: { held(): boolean; clear(): void };
}

export class EvseMeter {
  private lastReading: MeterReading | null = null;
  private retryTimer: TimerHandle | null = null;
  private probeTimer: TimerHandle | null = null;
  private stopped = false;

  constructor(private readonly d: EvseMeterDeps) {}

  /** The last good reading, null before the first. */
  get last(): MeterReading | null {
    return this.lastReading;
  }

  /**
   * Failures are the meter driver's to judge (its supervision counts them against failuresBeforeFault and emits
   * `fault`, which safety.ts handles): one CRC glitch is a retry, not a stopped session. Null on a failed read.
   */
  async read(): Promise<MeterReading | null> {
    try {
      const r = await this.d.meter.read();
      this.lastReading = r;
      if (this.d.fault.held()) this.d.fault.clear();
      return r;
    } catch (err) {
      this.d.log.debug({ evse: this.d.evseId, err: (err as Error).message }, 'meter read failed');
      return null;
    }
  }

  /** A read bounded in time (the meter's own timeouts are the driver's; this bounds a start-up or shutdown). */
  readWithin(ms: number): Promise<MeterReading | null> {
    return new Promise((resolve) => {
      const timer = this.d.clock.setTimeout(() => resolve(null), ms);
      void this.read().then((r) => {
        this.d.clock.clear(timer);
        resolve(r);
      });
    });
  }

  /**
   * At start-up the meter is read until it answers once or its driver declares it failed, so a missing meter is
   * reported now and not at the first session (one failed read is not a fault by itself).
   */
  probe(): void {
    void this.read().then((r) => {
      if (r || this.stopped || this.d.fault.held()) return;
      this.d.clock.clear(this.probeTimer);
      this.probeTimer = this.d.clock.setTimeout(() => this.probe(), METER_WATCH_MS);
    });
  }

  /** The meter was declared failed: read it every METER_RETRY_MS until it answers (see METER_RETRY_MS). */
  retryWhileFaulted(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = this.d.clock.setInterval(() => void this.read(), METER_RETRY_MS);
  }

  /** The meter fault cleared. */
  stopRetry(): void {
    this.d.clock.clear(this.retryTimer);
    this.retryTimer = null;
  }

  stop(): void {
    this.stopped = true;
    this.stopRetry();
    this.d.clock.clear(this.probeTimer);
    this.probeTimer = null;
  }
}
