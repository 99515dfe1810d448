import { Emitter } from '../emitter.js';
import { dutyCycleForCurrent, offerableCurrent } from '../pilot/duty-cycle.js';
import type { ControlPilot, CpState } from '../types.js';
import type { SimulatedEv } from './simulated-ev.js';

/**
 * Simulated control pilot. The CP state is derived, never set: F while its ADC cannot be read (sim fault
 * 'pilot-unreadable', as the Linux driver reports an unreadable ADC), E while the pilot is shorted (sim fault
 * 'pilot'), A without a car, F while the EVSE drives steady -12 V (setFault), otherwise B or C from the car's S2.
 */
const SIM_ADC_ERROR = 'simulated ADC failure';

export class SimControlPilot implements ControlPilot {
  readonly events = new Emitter<{ state: (state: CpState, previous: CpState) => void }>();
  /** Simulation-only: fires after every change of the pilot output (the simulated meter follows it). */
  readonly outputEvents = new Emitter<{ output: () => void }>();

  private current: CpState = 'A';
  private offerA = 0;
  private faultMode = false;
  private shorted = false;
  private unreadable = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly ev: SimulatedEv) {}

  get state(): CpState {
    return this.current;
  }

  get dutyCyclePercent(): number {
    return this.faultMode ? 0 : dutyCycleForCurrent(this.offerA);
  }

  get offeredCurrentA(): number {
    return this.faultMode ? 0 : this.offerA;
  }

  get readError(): string | null {
    return this.unreadable ? SIM_ADC_ERROR : null;
  }

  /** True while the sim fault 'pilot' shorts CP to PE. */
  get isShorted(): boolean {
    return this.shorted;
  }

  async start(): Promise<void> {
    if (!this.unsubscribe) this.unsubscribe = this.ev.events.on('change', () => this.refresh());
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  setOfferedCurrent(amps: number): void {
    this.faultMode = false;
    this.offerA = offerableCurrent(amps);
    this.outputChanged();
  }

  setFault(): void {
    this.faultMode = true;
    this.outputChanged();
  }

  /** Safe state: no PWM. A pilot already in F stays there: -12 V is the safer of the two. */
  switchOff(): void {
    this.offerA = 0;
    this.outputChanged();
  }

  /** Sim fault 'pilot': CP shorted to PE (state E), or the short removed. */
  setShorted(shorted: boolean): void {
    if (shorted === this.shorted) return;
    this.shorted = shorted;
    this.outputChanged();
  }

  /** Sim fault 'pilot-unreadable': only the measurement fails; the PWM still reaches the car. */
  setUnreadable(unreadable: boolean): void {
    if (unreadable === this.unreadable) return;
    this.unreadable = unreadable;
    this.refresh();
  }

  /** Start-up: the generator comes up with PWM off; the state is taken without events. */
  restore(shorted: boolean, unreadable = false): void {
    this.offerA = 0;
    this.faultMode = false;
    this.shorted = shorted;
    this.unreadable = unreadable;
    this.ev.seePwm(0);
    this.current = this.derive();
  }

  private outputChanged(): void {
    // A shorted pilot or steady -12 V carries no PWM the car could read.
    this.ev.seePwm(this.shorted ? 0 : this.offeredCurrentA);
    this.refresh();
    this.outputEvents.emit('output');
  }

  private derive(): CpState {
    if (this.unreadable) return 'F';
    if (this.shorted) return 'E';
    if (!this.ev.plugged) return 'A';
    if (this.faultMode) return 'F';
    if (!this.ev.s2Closed) return 'B';
    return this.ev.needsVentilation ? 'D' : 'C';
  }

  private refresh(): void {
    const next = this.derive();
    if (next === this.current) return;
    const previous = this.current;
    this.current = next;
    this.events.emit('state', next, previous);
  }
}
