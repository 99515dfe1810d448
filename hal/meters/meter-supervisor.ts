/**
 * Liveness and plausibility checks on a meter's readings. A meter that answers but is wrong is worse than one
 * that is silent: billing and the "no energy without a record" rule depend on its counter. So:
 *
 * - energy counter lower than the highest seen since start()      ⇒ METER_BACKWARDS, fault at once;
 * - power or current flowing, counter unchanged for `staleReads` reads AND the energy that should have
 *   been counted meanwhile (∫P dt) is at least `staleMinEnergyWh` ⇒ METER_STALE, fault at once. The energy
 *   condition keeps coarse counters (0.1 kWh steps take minutes at low power) from false alarms;
 * - `failuresBeforeFault` failed reads in a row (timeout, CRC, exception, port...) ⇒ fault with the last error.
 *
 * The first read that passes every check clears the fault (`recovered`). `fault` is emitted when the meter
 * becomes faulted and again when the reason (error code) changes while faulted; listeners run synchronously,
 * so a safety supervisor can open the contactor inside the emit.
 */
import { Emitter } from '../emitter.js';
import { HalError } from '../errors.js';
import type { HalClock, MeterEvents, MeterReading, Phase } from '../types.js';

export interface SupervisionConfig {
  /** Failed reads in a row before the meter is faulted. Default 3. */
  failuresBeforeFault: number;
  /** Reads in a row with flow and an unchanged counter before METER_STALE. Default 10. */
  staleReads: number;
  /** Total power above which the counter must move, W. Default 100. */
  stalePowerW: number;
  /** Current on any phase above which the counter must move, A. Default 0.5. */
  staleCurrentA: number;
  /**
   * Energy that must have flowed (integrated from power, or current × voltage) since the counter last moved
   * before METER_STALE. Default: twice the counter's resolution, at least 1 Wh (see ModbusMeter).
   */
  staleMinEnergyWh?: number;
  /** Decrease of the counter tolerated before METER_BACKWARDS, Wh. Default 0: meters never count down. */
  backwardsToleranceWh: number;
  /** Used to estimate power from current when the meter has no power or voltage register. Default 230 V. */
  nominalVoltageV: number;
}

export const SUPERVISION_DEFAULTS: SupervisionConfig = {
  failuresBeforeFault: 3,
  staleReads: 10,
  stalePowerW: 100,
  staleCurrentA: 0.5,
  backwardsToleranceWh: 0,
  nominalVoltageV: 230,
};

/** The supervisor decides a meter's fault/recovered events (hal/types.ts MeterEvents); meters hand its emitter out. */
export type MeterSupervisorEvents = MeterEvents;

const PHASES: readonly Phase[] = ['L1', 'L2', 'L3'];

export class MeterSupervisor {
  readonly events = new Emitter<MeterSupervisorEvents>();
  private readonly config: SupervisionConfig;
  private current: HalError | null = null;
  private failuresInRow = 0;
  private highestWh: number | null = null;
  private flowingUnchanged = 0;
  private expectedWh = 0;
  private lastReadMs: number | null = null;

  /** `energyResolutionWh` gives the counter's step at a value, for the default staleMinEnergyWh. */
  constructor(
    config: Partial<SupervisionConfig>,
    private readonly clock: HalClock,
    private readonly energyResolutionWh: (energyWh: number) => number = () => 0.5,
  ) {
    this.config = { ...SUPERVISION_DEFAULTS, ...stripUndefined(config) };
  }

  get faulted(): boolean {
    return this.current !== null;
  }

  /** Why the meter is faulted, or null. */
  get fault(): HalError | null {
    return this.current;
  }

  /** Forget the counter history (a new start(): the meter may have been replaced). Keeps a standing fault. */
  reset(): void {
    this.failuresInRow = 0;
    this.highestWh = null;
    this.flowingUnchanged = 0;
    this.expectedWh = 0;
    this.lastReadMs = null;
  }

  /** Checks a reading that arrived intact. Returns it, or throws METER_BACKWARDS / METER_STALE. */
  accept(reading: MeterReading): MeterReading {
    const now = this.clock.monotonicMs();
    const dtH = this.lastReadMs === null ? 0 : Math.max(0, now - this.lastReadMs) / 3_600_000;
    this.lastReadMs = now;
    this.failuresInRow = 0;
    const energy = reading.energyImportWh;
    const c = this.config;

    if (this.highestWh !== null && energy < this.highestWh - c.backwardsToleranceWh) {
      this.resetStale();
      throw this.enter(
        new HalError('METER_BACKWARDS', `energy counter went backwards: ${energy} Wh after ${this.highestWh} Wh`, { part: 'meter' }),
      );
    }

    if (this.highestWh === null || energy > this.highestWh) {
      this.highestWh = energy;
      this.resetStale();
    } else {
      const powerW = this.estimatePowerW(reading);
      if (this.isFlowing(reading, powerW)) {
        this.flowingUnchanged++;
        this.expectedWh += (powerW ?? 0) * dtH;
      } else {
        this.resetStale();
      }
      const minWh = c.staleMinEnergyWh ?? Math.max(1, 2 * this.energyResolutionWh(energy));
      if (this.flowingUnchanged >= c.staleReads && this.expectedWh >= minWh) {
        throw this.enter(
          new HalError(
            'METER_STALE',
            `energy counter stuck at ${energy} Wh for ${this.flowingUnchanged} reads while about ${Math.round(this.expectedWh)} Wh flowed`,
            { part: 'meter' },
          ),
        );
      }
    }

    if (this.current) {
      this.current = null;
      this.events.emit('recovered');
    }
    return reading;
  }

  /** Records a failed read. Returns the error for the caller to throw (non-HalErrors become METER_UNAVAILABLE). */
  failed(err: unknown): HalError {
    const halErr = err instanceof HalError ? err : new HalError('METER_UNAVAILABLE', `meter read failed: ${String(err)}`, { cause: err });
    this.failuresInRow++;
    if (this.failuresInRow >= this.config.failuresBeforeFault) this.enter(halErr);
    return halErr;
  }

  private enter(err: HalError): HalError {
    const changed = this.current === null || this.current.code !== err.code;
    this.current = err;
    if (changed) this.events.emit('fault', err);
    return err;
  }

  private resetStale(): void {
    this.flowingUnchanged = 0;
    this.expectedWh = 0;
  }

  /** Total power, measured or estimated from phase currents (× phase voltage, or nominal). */
  private estimatePowerW(r: MeterReading): number | undefined {
    if (r.powerW !== undefined) return r.powerW;
    if (!r.currentA) return undefined;
    let sum = 0;
    for (const p of PHASES) {
      const a = r.currentA[p];
      if (a !== undefined) sum += Math.abs(a) * (r.voltageV?.[p] ?? this.config.nominalVoltageV);
    }
    return sum;
  }

  private isFlowing(r: MeterReading, powerW: number | undefined): boolean {
    if (powerW !== undefined && powerW > this.config.stalePowerW) return true;
    return PHASES.some((p) => Math.abs(r.currentA?.[p] ?? 0) > this.config.staleCurrentA);
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
