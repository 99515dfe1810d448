import { Emitter } from '../emitter.js';
import type { HalClock, HalTimerHandle, ProximityPilot } from '../types.js';

/**
 * Simulated proximity pilot of a socket outlet: the cable's presence and its resistor-coded rating.
 *
 * A locked connector holds the plug (setHeld): a removal then waits, and happens the moment the lock lets go.
 * At once rather than cableLingerMs later, because the linger stands for the user walking up and pulling, and a
 * user whose cable was held has already done that: they are standing at the socket presenting their card.
 */
export class SimProximityPilot implements ProximityPilot {
  readonly events = new Emitter<{ change: (cablePresent: boolean, cableMaxCurrentA: number | null) => void }>();

  private present = false;
  private removal: HalTimerHandle | null = null;
  private held = false;
  /** The user pulled while the lock held the plug; the cable leaves when it is released. */
  private pulled: (() => void) | null = null;

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

  /** True while a removal is on its way: the linger runs, or the user pulls against the lock. */
  get removalPending(): boolean {
    return this.removal !== null || this.pulled !== null;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    this.cancelRemoval();
  }

  /** Start-up: the persisted picture, without events. The lock comes up released. */
  restore(present: boolean): void {
    this.cancelRemoval();
    this.held = false;
    this.present = present;
  }

  insert(): void {
    this.cancelRemoval();
    if (this.present) return;
    this.present = true;
    this.events.emit('change', true, this.ratingA);
  }

  /** The user pulls the cable out now; a held plug stays in until the lock releases it. */
  remove(removed: () => void = () => undefined): void {
    this.cancelRemoval();
    if (!this.present) return;
    if (this.held) {
      this.pulled = removed;
      return;
    }
    this.present = false;
    this.events.emit('change', false, null);
    removed();
  }

  /** The user pulls the cable out of the socket `ms` from now; `removed` runs after the change event. */
  removeAfter(ms: number, removed: () => void): void {
    this.cancelRemoval();
    if (!this.present) return;
    this.removal = this.clock.setTimeout(() => {
      this.removal = null;
      this.remove(removed);
    }, ms);
  }

  cancelRemoval(): void {
    this.clock.clear(this.removal);
    this.removal = null;
    this.pulled = null;
  }

  /** The connector lock holds the plug in (true) or lets it go (false). */
  setHeld(held: boolean): void {
    this.held = held;
    const pulled = this.pulled;
    if (held || !pulled) return;
    this.pulled = null;
    this.remove(pulled);
  }
}
