import { Emitter } from '../emitter.js';
import { MIN_PWM_CURRENT_A } from '../pilot/duty-cycle.js';
import type { HalClock, HalTimerHandle } from '../types.js';

/**
 * The car at the other end of the cable. It sees the PWM the EVSE offers and closes S2 (state C) when it wants
 * energy and a usable current is offered, evReactionMs after both became true; it opens S2 again evReactionMs
 * after the offer disappears or it pauses (IEC 61851 gives the EV up to 3 s to leave C after the PWM stops).
 * Unplugging is immediate: the pilot loses the car at once.
 */
export class SimulatedEv {
  /** `change` fires after any change an observer may care about: plugged, S2, max current. */
  readonly events = new Emitter<{ change: () => void }>();

  private isPlugged = false;
  private wants = true;
  private maxA: number;
  private s2 = false;
  private pwmOfferA = 0;
  private reaction: HalTimerHandle | null = null;
  private running = false;
  private ventilation = false;

  constructor(
    private readonly clock: HalClock,
    private readonly reactionMs: number,
    defaultMaxCurrentA: number,
  ) {
    this.maxA = defaultMaxCurrentA;
  }

  get plugged(): boolean {
    return this.isPlugged;
  }
  get wantsCharge(): boolean {
    return this.wants;
  }
  get maxCurrentA(): number {
    return this.maxA;
  }
  /** The EV asks for ventilation while it charges (CP state D instead of C). */
  get needsVentilation(): boolean {
    return this.ventilation;
  }
  /** S2 closed: the EV asks for energy (CP state C). */
  get s2Closed(): boolean {
    return this.s2;
  }

  /** Start-up: take the persisted picture without events. S2 is open: after a restart no PWM is on yet. */
  restore(state: { plugged: boolean; wantsCharge: boolean; maxCurrentA: number }): void {
    this.clearReaction();
    this.isPlugged = state.plugged;
    this.wants = state.wantsCharge;
    this.maxA = state.maxCurrentA;
    this.s2 = false;
    this.pwmOfferA = 0;
  }

  start(): void {
    this.running = true;
    this.evaluate();
  }

  stop(): void {
    this.running = false;
    this.clearReaction();
  }

  plug(): void {
    if (this.isPlugged) return;
    this.isPlugged = true;
    this.events.emit('change');
    this.evaluate();
  }

  unplug(): void {
    if (!this.isPlugged) return;
    this.clearReaction();
    this.isPlugged = false;
    this.s2 = false;
    this.events.emit('change');
  }

  setWantsCharge(wants: boolean): void {
    this.wants = wants;
    this.evaluate();
  }

  /** The EV's charging needs ventilation (state D), e.g. lead-acid batteries; not persisted, like its S2. */
  setNeedsVentilation(on: boolean): void {
    if (on === this.ventilation) return;
    this.ventilation = on;
    this.events.emit('change');
  }

  setMaxCurrent(amps: number): void {
    if (amps === this.maxA) return;
    this.maxA = amps;
    this.events.emit('change');
  }

  /** What the EV's pilot circuit measures: the current the PWM offers now (0 without PWM). */
  seePwm(offerA: number): void {
    this.pwmOfferA = offerA;
    this.evaluate();
  }

  private desiredS2(): boolean {
    return this.isPlugged && this.wants && this.pwmOfferA >= MIN_PWM_CURRENT_A;
  }

  private evaluate(): void {
    if (this.desiredS2() === this.s2) {
      // The reason to react went away before the EV reacted.
      this.clearReaction();
      return;
    }
    // An already pending reaction keeps its deadline: the EV reacts evReactionMs after the cause, not after the last input.
    if (!this.running || this.reaction) return;
    this.reaction = this.clock.setTimeout(() => {
      this.reaction = null;
      const next = this.desiredS2();
      if (next === this.s2) return;
      this.s2 = next;
      this.events.emit('change');
    }, this.reactionMs);
  }

  private clearReaction(): void {
    this.clock.clear(this.reaction);
    this.reaction = null;
  }
}
