import { Emitter } from '../emitter.js';
import type { HalClock, HalTimerHandle, ProximityPilot } from '../types.js';

/** Simulated proximity pilot of a socket outlet: the cable's presence and its resistor-coded rating. */
export class SimProximityPilot implements ProximityPilot {
  readonly events = new Emitter<{ change: (cablePresent: boolean, cableMaxCurrentA: number | null) => void }>();

  private present = false;
  private removal: HalTimerHandle | null = null;

  constructor(
    private readonly clock: HalClock,
    private readonly ratingA: number,
  ) {}

  get cablePresent(): boolean {
    return this.present;
  }

  get cableMaxCurrentA(): number | null {
    return this.present ? this.ratingA : null;
  }

  /** True while a timed removal (cable linger) is pending. */
  get removalPending(): boolean {
    return this.removal !== null;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    this.cancelRemoval();
  }

  /** Start-up: the persisted picture, without events. */
  restore(present: boolean): void {
    this.cancelRemoval();
    this.present = present;
  }

  insert(): void {
    this.cancelRemoval();
    if (this.present) return;
    this.present = true;
    this.events.emit('change', true, this.ratingA);
  }

  remove(): void {
    this.cancelRemoval();
    if (!this.present) return;
    this.present = false;
    this.events.emit('change', false, null);
  }

  /** The user pulls the cable out of the socket `ms` from now; `removed` runs after the change event. */
  removeAfter(ms: number, removed: () => void): void {
    this.cancelRemoval();
    if (!this.present) return;
    this.removal = this.clock.setTimeout(() => {
      this.removal = null;
      this.remove();
      removed();
    }, ms);
  }

  cancelRemoval(): void {
    this.clock.clear(this.removal);
    this.removal = null;
  }
}
