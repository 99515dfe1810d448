import { Emitter } from '../emitter.js';
import type { Contactor, ContactorFault, HalClock, HalTimerHandle } from '../types.js';

/** Which way the contacts are mechanically stuck, if at all. */
export type ContactorStuck = 'closed' | 'open' | null;

/**
 * Simulated contactor with mirror-contact feedback, held to the same contract as LinuxContactor
 * (test/unit/hal-contract): the contacts follow the command at once unless they are stuck (sim fault 'weld' =
 * stuck closed). Each command opens a settle window of settleMs, at the end of which a disagreement is a fault;
 * a feedback change outside a settle window is judged at once.
 *
 * A fault is latched until the feedback agrees with the command again: the safety supervisor answers 'welded'
 * with open(), and that must not start a new report, or a welded contactor would fault every settle period.
 */
export class SimContactor implements Contactor {
  readonly events = new Emitter<{ fault: (kind: ContactorFault) => void; feedback: (closed: boolean) => void }>();

  private commanded = false;
  private contacts = false;
  private stuck: ContactorStuck = null;
  private settle: HalTimerHandle | null = null;
  private reported: ContactorFault | null = null;
  private running = false;

  /** `hasFeedback` false: a board without mirror contacts (feedbackClosed null, nothing is ever checked). */
  constructor(
    private readonly clock: HalClock,
    private readonly settleMs: number,
    private readonly hasFeedback = true,
  ) {}

  get commandedClosed(): boolean {
    return this.commanded;
  }

  get feedbackClosed(): boolean | null {
    return this.hasFeedback ? this.contacts : null;
  }

  /** Simulation-only: where the main contacts really are (what the current sees), feedback input or not. */
  get contactsClosed(): boolean {
    return this.contacts;
  }

  async start(): Promise<void> {
    this.running = true;
    // Contacts stuck before the start show up after one settle time, as on the real driver.
    this.armSettle();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clock.clear(this.settle);
    this.settle = null;
  }

  close(): void {
    this.command(true);
  }

  open(): void {
    this.command(false);
  }

  /** Sim fault: stick the contacts (null frees them; they then follow the command again). */
  setStuck(stuck: ContactorStuck): void {
    this.stuck = stuck;
    this.move();
  }

  /** Start-up: the coil is de-energised; stuck contacts stay where they are. No events. */
  restore(stuck: ContactorStuck): void {
    this.stuck = stuck;
    this.commanded = false;
    this.contacts = this.target();
    this.reported = null;
  }

  private command(closed: boolean): void {
    this.commanded = closed;
    if (this.disagreement() === null) this.reported = null;
    this.armSettle();
    this.move();
  }

  private target(): boolean {
    if (this.stuck === 'closed') return true;
    if (this.stuck === 'open') return false;
    return this.commanded;
  }

  private move(): void {
    const next = this.target();
    if (next === this.contacts) return;
    this.contacts = next;
    if (!this.hasFeedback) return;
    this.events.emit('feedback', next);
    if (this.running && this.settle === null) this.check();
  }

  private armSettle(): void {
    this.clock.clear(this.settle);
    this.settle = null;
    if (!this.running || !this.hasFeedback) return;
    this.settle = this.clock.setTimeout(() => {
      this.settle = null;
      this.check();
    }, this.settleMs);
  }

  private disagreement(): ContactorFault | null {
    if (!this.hasFeedback || this.contacts === this.commanded) return null;
    return this.contacts ? 'welded' : 'stuck-open';
  }

  private check(): void {
    const kind = this.disagreement();
    if (kind === null) {
      this.reported = null;
      return;
    }
    if (this.reported === kind) return;
    this.reported = kind;
    this.events.emit('fault', kind);
  }
}
