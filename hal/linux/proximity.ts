import { Emitter } from '../emitter.js';
import { HalError } from '../errors.js';
import type { HalClock, HalTimerHandle, ProximityPilot } from '../types.js';
import type { CpAdcConfig } from './control-pilot.js';
import { IioAdc } from './iio-adc.js';

/**
 * Cable coding resistor between PP and PE (IEC 61851-1 Table B.2 / IEC 62196-2): 1.5 kΩ 13 A, 680 Ω 20 A,
 * 220 Ω 32 A, 100 Ω 63 A. Bands are split at the geometric means of neighbouring codes, so a ±10 % resistor and the
 * measurement error stay inside their band. Above 4.5 kΩ there is no cable (open); below 50 Ω PP is shorted to PE.
 */
export const PP_BANDS: readonly { minOhm: number; maxOhm: number; maxCurrentA: number }[] = [
  { minOhm: 50, maxOhm: 148, maxCurrentA: 63 },
  { minOhm: 148, maxOhm: 387, maxCurrentA: 32 },
  { minOhm: 387, maxOhm: 1010, maxCurrentA: 20 },
  { minOhm: 1010, maxOhm: 2700, maxCurrentA: 13 },
];
export const PP_OPEN_MIN_OHM = 4500;

export interface CableCoding {
  present: boolean;
  /** null: present but the resistance is no valid code (short, or between 13 A and open) — do not charge. */
  maxCurrentA: number | null;
}

export function cableForResistance(ohms: number): CableCoding {
  if (Number.isNaN(ohms)) return { present: true, maxCurrentA: null };
  if (ohms >= PP_OPEN_MIN_OHM) return { present: false, maxCurrentA: null };
  const band = PP_BANDS.find((b) => ohms >= b.minOhm && ohms < b.maxOhm);
  return { present: true, maxCurrentA: band ? band.maxCurrentA : null };
}

export interface LinuxProximityConfig {
  /** ADC channel on the PP divider; PP volts = ADC volts × gain + offsetV. */
  adc: CpAdcConfig;
  /** Pull-up from PP to the supply, Ω (the cable resistor is the lower leg). */
  pullupOhms: number;
  /** Pull-up supply, V. */
  supplyV: number;
  sampleMs?: number;
  debounceSamples?: number;
}

/** Cable resistor from the divider voltage: R = Rpu · V / (Vs − V); at (or above) the supply it is open. */
export function ppResistance(ppVolts: number, pullupOhms: number, supplyV: number): number {
  if (ppVolts >= supplyV * 0.995) return Infinity;
  if (ppVolts <= 0) return 0;
  return (pullupOhms * ppVolts) / (supplyV - ppVolts);
}

/** Proximity pilot through an IIO ADC, sampled from the clock and debounced. */
export class LinuxProximityPilot implements ProximityPilot {
  readonly events = new Emitter<{ change: (cablePresent: boolean, cableMaxCurrentA: number | null) => void }>();
  private cur: CableCoding = { present: false, maxCurrentA: null };
  private adc: IioAdc | null = null;
  private timer: HalTimerHandle | null = null;
  private candidate: CableCoding | null = null;
  private count = 0;
  lastError: Error | null = null;

  constructor(
    private readonly cfg: LinuxProximityConfig,
    private readonly clock: HalClock,
    private readonly part: string = 'proximity',
  ) {}

  get cablePresent(): boolean {
    return this.cur.present;
  }

  get cableMaxCurrentA(): number | null {
    return this.cur.maxCurrentA;
  }

  async start(): Promise<void> {
    if (!(this.cfg.pullupOhms > 0) || !(this.cfg.supplyV > 0)) {
      throw new HalError('BAD_CONFIG', `${this.part}: pullupOhms and supplyV must be > 0`, { part: this.part });
    }
    const adc = new IioAdc(this.cfg.adc);
    adc.open();
    this.adc = adc;
    this.cur = this.measure();
    this.candidate = null;
    this.count = 0;
    this.timer = this.clock.setInterval(() => this.sample(), this.cfg.sampleMs ?? 50);
  }

  async stop(): Promise<void> {
    this.clock.clear(this.timer);
    this.timer = null;
    this.adc = null;
  }

  private measure(): CableCoding {
    try {
      const v = this.adc!.readVolts() * this.cfg.adc.gain + this.cfg.adc.offsetV;
      this.lastError = null;
      return cableForResistance(ppResistance(v, this.cfg.pullupOhms, this.cfg.supplyV));
    } catch (err) {
      // Unknown: assume a cable of no usable rating, so nothing is offered on a guess.
      this.lastError = err as Error;
      return { present: true, maxCurrentA: null };
    }
  }

  private sample(): void {
    const m = this.measure();
    const same = (a: CableCoding, b: CableCoding | null): boolean => b !== null && a.present === b.present && a.maxCurrentA === b.maxCurrentA;
    if (same(m, this.cur)) {
      this.candidate = null;
      this.count = 0;
      return;
    }
    if (!same(m, this.candidate)) {
      this.candidate = m;
      this.count = 0;
    }
    if (++this.count >= (this.cfg.debounceSamples ?? 3)) {
      this.cur = m;
      this.candidate = null;
      this.count = 0;
      this.events.emit('change', m.present, m.maxCurrentA);
    }
  }
}
