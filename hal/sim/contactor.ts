import { Emitter } from '../emitter.js';
import type { Contactor, ContactorFault, HalClock, HalTimerHandle } from '../types.js';

/** Which way the contacts are mechanically stuck, if at all. */
export type ContactorStuck = 'closed' | 'open' | null;

/**
 * Simulated contactor with mirror-contact feedback. Feedback follows the command at once unless the contacts are
 * stuck (sim fault 'weld' = stuck closed). A disagreement between command and feedback that lasts settleMs is
 * reported once per episode: re-sending open() to a welded contactor does not repeat the fault, so an agent that
 * answers a fault with safeState() cannot end up in a fault/open loop.
 */
export class SimContactor implements Contactor {
  readonly events = new Emitter<{ fault: (kind: ContactorFault) => void; feedback: (closed: boolean) => void }>();

  private commanded = false;
  private feedback = false;
  private stuck: ContactorStuck = null;
  private check: HalTimerHandle | null = null;
  private reported = false;
  private running = false;

  constructor(
    private readonly clock: HalClock,
    private readonly settleMs: number,
  ) {}

  get commandedClosed(): boolean {
    return this.commanded;
  }

  get feedbackClosed(): boolean {
    return this.feedback;
  }

  async start(): Promise<void> {
    this.running = true;
    this.watch();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clock.clear(this.check);
    this.check = null;
  }

  close(): void {
    this.commanded = true;
    this.apply();
  }

  open(): void {
    this.commanded = false;
    this.apply();
  }

  /** Sim fault: stick the contacts (null frees them; the feedback then follows the command again). */
  setStuck(stuck: ContactorStuck): void {
    this.stuck = stuck;
    this.apply();
  }

  /** Start-up: the coil is de-energised; stuck contacts stay where they are. No events. */
  restore(stuck: ContactorStuck): void {
    this.stuck = stuck;
    this.commanded = false;
    this.feedback = this.target();
    this.reported = false;
  }

  private target(): boolean {
    if (this.stuck === 'closed') return true;
    if (this.stuck === 'open') return false;
    return this.commanded;
  }

  private apply(): void {
    const next = this.target();
    if (next !== this.feedback) {
      this.feedback = next;
      this.events.emit('feedback', next);
    }
    this.watch();
  }

  private watch(): void {
    if (this.feedback === this.commanded) {
      this.clock.clear(this.check);
      this.check = null;
      this.reported = false;
      return;
    }
    if (!this.running || this.check || this.reported) return;
    this.check = this.clock.setTimeout(() => {
      this.check = null;
      if (this.feedback === this.commanded) return;
      this.reported = true;
      this.events.emit('fault', this.feedback ? 'welded' : 'stuck-open');
    }, this.settleMs);
  }
}
