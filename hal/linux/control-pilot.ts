import { Emitter } from '../emitter.js';
import { HalError } from '../errors.js';
import { currentForDutyCycle, dutyCycleForCurrent, PWM_OFF_DUTY_PERCENT } from '../pilot/duty-cycle.js';
import type { ControlPilot, CpState, HalClock, HalTimerHandle } from '../types.js';
import { classifyCpVoltage, CP_DEFAULT_HYSTERESIS_V } from './cp-classifier.js';
import { IioAdc, type IioAdcConfig } from './iio-adc.js';
import { SysfsPwm } from './pwm.js';

/** An ADC channel and the linear map from its volts to CP volts (the board's divider and level shift). */
export interface CpAdcConfig extends IioAdcConfig {
  /** CP volts = ADC volts × gain + offsetV. */
  gain: number;
  offsetV: number;
}

export interface LinuxPilotConfig {
  pwm: { chip: number; channel: number; root?: string; inverted?: boolean };
  /** Channel that sees the CP high level (after a peak detector on most boards). */
  adc: CpAdcConfig;
  /** Optional channel that sees the low level, for the diode check. */
  lowAdc?: CpAdcConfig;
  sampleMs?: number;
  debounceSamples?: number;
  hysteresisV?: number;
}

export const CP_PWM_PERIOD_NS = 1_000_000;
export const DEFAULT_CP_SAMPLE_MS = 10;
export const DEFAULT_CP_DEBOUNCE_SAMPLES = 3;
/** C→B must open the contactor within 100 ms (IEC 61851-1 Table A.6 seq. 8.1); detection may use at most this. */
export const MAX_CP_DETECTION_MS = 60;

/**
 * Control pilot on a sysfs PWM and an IIO ADC.
 *
 * Levels: duty is the fraction of the 1 kHz period at +12 V. 100 % is steady +12 V (x1, no offer), 0 % is steady
 * −12 V (state F, `setFault`). With `pwm.inverted` (an inverting op-amp stage, PWM pin high = −12 V) the duty
 * written to sysfs is 100 − duty; `dutyCyclePercent` always reports the CP-side value.
 *
 * Sampling: every sampleMs the high level (and the low level when wired) is read, classified with hysteresis, and a
 * new state is reported after debounceSamples equal classifications in a row (default 3 × 10 ms = 30 ms, inside the
 * 100 ms C→B budget). An unreadable ADC counts as F: the EVSE cannot see the vehicle, so it must not supply.
 */
export class LinuxControlPilot implements ControlPilot {
  readonly events = new Emitter<{ state: (state: CpState, previous: CpState) => void }>();
  private current: CpState = 'F';
  private duty = PWM_OFF_DUTY_PERCENT;
  private pwm: SysfsPwm | null = null;
  private high: IioAdc | null = null;
  private low: IioAdc | null = null;
  private timer: HalTimerHandle | null = null;
  private candidate: CpState | null = null;
  private candidateCount = 0;
  private lastClass: CpState | null = null;
  /** Last ADC error, for diagnostics (chargerctl). */
  lastError: Error | null = null;

  constructor(
    private readonly cfg: LinuxPilotConfig,
    private readonly clock: HalClock,
    private readonly part: string = 'pilot',
  ) {}

  get state(): CpState {
    return this.current;
  }

  get dutyCyclePercent(): number {
    return this.duty;
  }

  get offeredCurrentA(): number {
    return this.duty > 0 && this.duty < 100 ? currentForDutyCycle(this.duty) : 0;
  }

  /** The last sample's ADC error; the state turns F after the debounce and stays F while this is set. */
  get readError(): string | null {
    return this.lastError ? this.lastError.message : null;
  }

  async start(): Promise<void> {
    const sampleMs = this.cfg.sampleMs ?? DEFAULT_CP_SAMPLE_MS;
    const n = this.cfg.debounceSamples ?? DEFAULT_CP_DEBOUNCE_SAMPLES;
    if (sampleMs * n > MAX_CP_DETECTION_MS) {
      throw new HalError('BAD_CONFIG', `${this.part}: sampleMs × debounceSamples = ${sampleMs * n} ms exceeds ${MAX_CP_DETECTION_MS} ms (C→B must be acted on within 100 ms)`, { part: this.part });
    }
    const high = new IioAdc(this.cfg.adc);
    high.open();
    const low = this.cfg.lowAdc ? new IioAdc(this.cfg.lowAdc) : null;
    low?.open();
    const pwm = new SysfsPwm({ chip: this.cfg.pwm.chip, channel: this.cfg.pwm.channel, root: this.cfg.pwm.root, periodNs: CP_PWM_PERIOD_NS }, this.clock);
    // Start at x1 (steady +12 V): the vehicle's state can be read, nothing is offered.
    await pwm.start(this.hwDuty(PWM_OFF_DUTY_PERCENT));
    this.pwm = pwm;
    this.high = high;
    this.low = low;
    this.duty = PWM_OFF_DUTY_PERCENT;
    this.current = this.classifyNow() ?? 'F';
    this.lastClass = this.current;
    this.candidate = null;
    this.candidateCount = 0;
    this.timer = this.clock.setInterval(() => this.sample(), sampleMs);
  }

  async stop(): Promise<void> {
    this.clock.clear(this.timer);
    this.timer = null;
    if (this.pwm) {
      try {
        this.setFault();
      } finally {
        this.pwm = null;
      }
    }
  }

  setOfferedCurrent(amps: number): void {
    this.write(dutyCycleForCurrent(amps));
  }

  setFault(): void {
    this.write(0);
  }

  private write(duty: number): void {
    if (!this.pwm) throw new HalError('PWM_UNAVAILABLE', `${this.part}: not started`, { part: this.part });
    this.pwm.setDutyPercent(this.hwDuty(duty));
    this.duty = duty;
  }

  private hwDuty(duty: number): number {
    return this.cfg.pwm.inverted ? 100 - duty : duty;
  }

  private classifyNow(): CpState | null {
    try {
      const highV = this.high!.readVolts() * this.cfg.adc.gain + this.cfg.adc.offsetV;
      // The low level only exists while PWM oscillates.
      const pwmRunning = this.duty > 0 && this.duty < 100;
      const lowV = this.low && pwmRunning ? this.low.readVolts() * this.cfg.lowAdc!.gain + this.cfg.lowAdc!.offsetV : null;
      this.lastError = null;
      // F is what the EVSE itself drives while faulted; the measurement then reads −12 V and says F too.
      return classifyCpVoltage(highV, lowV, this.lastClass, this.cfg.hysteresisV ?? CP_DEFAULT_HYSTERESIS_V);
    } catch (err) {
      this.lastError = err as Error;
      return null;
    }
  }

  private sample(): void {
    const cls = this.classifyNow() ?? 'F';
    this.lastClass = cls;
    if (cls === this.current) {
      this.candidate = null;
      this.candidateCount = 0;
      return;
    }
    if (cls !== this.candidate) {
      this.candidate = cls;
      this.candidateCount = 0;
    }
    this.candidateCount++;
    if (this.candidateCount >= (this.cfg.debounceSamples ?? DEFAULT_CP_DEBOUNCE_SAMPLES)) {
      const previous = this.current;
      this.current = cls;
      this.candidate = null;
      this.candidateCount = 0;
      this.events.emit('state', cls, previous);
    }
  }
}
