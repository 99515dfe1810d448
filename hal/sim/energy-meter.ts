import { Emitter } from '../emitter.js';
import { HalError } from '../errors.js';
import type { EnergyMeter, HalClock, Measurand, MeterEvents, MeterReading, Phase } from '../types.js';

const MS_PER_HOUR = 3_600_000;
const PHASES: readonly Phase[] = ['L1', 'L2', 'L3'];

/**
 * The register is kept exactly and reported with 0.1 Wh resolution: fine enough that short test sessions show
 * energy, and not an integer, so consumers must round for OCPP 1.6's integer meterStart/meterStop as they must
 * for real meters that report fractional kWh. Rounding a never-decreasing value never decreases.
 */
export function roundWh(wh: number): number {
  return Math.round(wh * 10) / 10;
}

export interface SimMeterOptions {
  phases: 1 | 3;
  voltageV: number;
  /** Current per phase flowing through the meter right now, A. */
  flowA: () => number;
  /**
   * Runs after the register was brought up to date and before read() resolves (persistence: a value the agent
   * has seen must survive a crash). A throw rejects the read.
   */
  beforeResolve: () => void;
}

/**
 * Simulated meter. Power is piecewise constant between input changes; integrate() must run at every change
 * (the EVSE wiring does that) and runs on every read, so the register is exact for any sequence of changes.
 */
export class SimEnergyMeter implements EnergyMeter {
  readonly events = new Emitter<MeterEvents>();
  readonly measurands: readonly Measurand[] = ['energy', 'power', 'current', 'voltage', 'frequency'];
  readonly phases: 1 | 3;

  private energyWh = 0;
  private powerW = 0;
  private currentA = 0;
  private lastMs = 0;
  private unavailable = false;
  /** 'fault' was emitted for the present unavailability. */
  private faultReported = false;
  private running = false;

  constructor(
    private readonly clock: HalClock,
    private readonly options: SimMeterOptions,
  ) {
    this.phases = options.phases;
  }

  /** Exact register, Wh (brought up to date). */
  get registerWh(): number {
    this.integrate();
    return this.energyWh;
  }

  async start(): Promise<void> {
    this.lastMs = this.clock.monotonicMs();
    this.sampleInputs();
    this.running = true;
  }

  async stop(): Promise<void> {
    this.integrate();
    this.running = false;
  }

  /**
   * Start-up: the persisted register; nothing is integrated for the time the station was off. A meter restored
   * unavailable emits no event here (start emits none); its first read reports the fault before rejecting.
   */
  restore(energyWh: number, unavailable: boolean): void {
    this.energyWh = energyWh;
    this.unavailable = unavailable;
    this.faultReported = false;
    this.lastMs = this.clock.monotonicMs();
    this.sampleInputs();
  }

  /**
   * Sim fault 'meter': the meter stops answering (its register keeps counting, as a real one would). It stands
   * for a meter whose supervision has already given up, so 'fault' is emitted at once, not after some failed
   * reads; clearing it emits 'recovered'.
   */
  setUnavailable(unavailable: boolean): void {
    if (unavailable === this.unavailable) return;
    this.unavailable = unavailable;
    if (unavailable) {
      this.reportFault();
    } else if (this.faultReported) {
      this.faultReported = false;
      this.events.emit('recovered');
    }
  }

  /** Account for the energy up to now at the old power, then take the new inputs. */
  integrate(): void {
    const now = this.clock.monotonicMs();
    if (now > this.lastMs) this.energyWh += (this.powerW * (now - this.lastMs)) / MS_PER_HOUR;
    this.lastMs = now;
    this.sampleInputs();
  }

  read(): Promise<MeterReading> {
    try {
      // Before start the register is not loaded yet: answering (and persisting) 0 would lose the real one.
      if (!this.running) throw new HalError('METER_UNAVAILABLE', 'simulated meter: driver not started', { part: 'meter' });
      this.integrate();
      if (this.unavailable) {
        this.reportFault();
        throw unavailableError();
      }
      this.options.beforeResolve();
    } catch (err) {
      if (err instanceof HalError) return Promise.reject(err);
      return Promise.reject(new HalError('METER_UNAVAILABLE', `simulated meter: reading could not be made durable: ${String(err)}`, { part: 'meter', cause: err }));
    }
    const used = PHASES.slice(0, this.phases);
    return Promise.resolve({
      energyImportWh: roundWh(this.energyWh),
      powerW: this.powerW,
      currentA: Object.fromEntries(used.map((p) => [p, this.currentA])),
      voltageV: Object.fromEntries(used.map((p) => [p, this.options.voltageV])),
      frequencyHz: 50,
    });
  }

  private reportFault(): void {
    if (this.faultReported) return;
    this.faultReported = true;
    this.events.emit('fault', unavailableError());
  }

  private sampleInputs(): void {
    const a = this.options.flowA();
    this.currentA = a > 0 ? a : 0;
    this.powerW = this.currentA * this.options.voltageV * this.phases;
  }
}

function unavailableError(): HalError {
  return new HalError('METER_UNAVAILABLE', 'simulated meter does not answer (sim fault "meter")', { part: 'meter' });
}
