import { Emitter } from '../emitter.js';
import { HalError } from '../errors.js';
import type { GpioBackend, GpioLine } from '../gpio/types.js';
import type { Contactor, ContactorFault, HalClock, HalTimerHandle } from '../types.js';
import { inputSpec, openAll, outputSpec, type LineConfig } from './line-config.js';

export interface LinuxContactorConfig {
  /** Relay drive lines (e.g. L and N relays); logical 1 energises the coil. */
  outputs: LineConfig[];
  /** Mirror/auxiliary contacts; logical 1 = main contacts closed. */
  feedback?: LineConfig[];
  /** Time a command has to show on the feedback (default 200 ms). */
  settleMs?: number;
}

export const DEFAULT_CONTACTOR_SETTLE_MS = 200;

/**
 * Relay outputs with optional feedback. Commands write every output synchronously. After each command the
 * feedback must agree within settleMs, else `fault('welded')` (closed while open commanded) or
 * `fault('stuck-open')`; outside a settle window any disagreeing feedback change is a fault at once.
 * With several feedback inputs, the contactor counts as closed when any of them says closed (a welded pole is
 * enough to carry current), and as stuck open when any of them stays open after close().
 *
 * A fault is latched: reported once, then not again until the feedback agrees with the command (a feedback
 * change, or a command the contacts already match). Repeating the command does not re-arm it: the safety
 * supervisor answers a 'welded' with open(), and re-arming there made a welded contactor fault and rewrite its
 * outputs every settle period for ever.
 */
export class LinuxContactor implements Contactor {
  readonly events = new Emitter<{ fault: (kind: ContactorFault) => void; feedback: (closed: boolean) => void }>();
  private outs: GpioLine[] = [];
  private fbs: GpioLine[] = [];
  private unwatch: (() => void)[] = [];
  private settle: HalTimerHandle | null = null;
  private commanded = false;
  private lastFeedback: boolean | null = null;
  private reported: ContactorFault | null = null;

  constructor(
    private readonly cfg: LinuxContactorConfig,
    private readonly gpio: GpioBackend,
    private readonly clock: HalClock,
    private readonly chip?: string,
  ) {}

  get commandedClosed(): boolean {
    return this.commanded;
  }

  get feedbackClosed(): boolean | null {
    if (this.fbs.length === 0) return null;
    return this.fbs.some((l) => l.read() === 1);
  }

  async start(): Promise<void> {
    // Outputs first: they are opened at their safe (open) level.
    this.outs = await openAll(this.gpio, this.cfg.outputs.map((o) => outputSpec(o, this.chip)));
    try {
      this.fbs = await openAll(this.gpio, (this.cfg.feedback ?? []).map((f) => inputSpec(f, this.chip)));
    } catch (err) {
      for (const l of this.outs) l.close();
      this.outs = [];
      throw err;
    }
    this.commanded = false;
    this.reported = null;
    this.lastFeedback = this.feedbackClosed;
    this.unwatch = this.fbs.map((l) => l.watch(() => this.onFeedback()));
    // A contactor welded before we started shows up after one settle time.
    this.armSettle();
  }

  async stop(): Promise<void> {
    // Deaf first: the contacts opening because of this stop are not a fault to report.
    this.clock.clear(this.settle);
    this.settle = null;
    for (const u of this.unwatch) u();
    this.unwatch = [];
    this.commanded = false;
    try {
      if (this.outs.length > 0) this.writeAll(0);
    } finally {
      for (const l of [...this.outs, ...this.fbs]) l.close();
      this.outs = [];
      this.fbs = [];
    }
  }

  close(): void {
    if (this.outs.length === 0) throw new HalError('GPIO_UNAVAILABLE', 'contactor: not started', { part: 'contactor' });
    this.command(true);
  }

  open(): void {
    this.command(false);
  }

  /**
   * The command and its settle window are in place before the outputs are written: a feedback edge that a
   * backend delivers from inside the write is then judged against the new command, within its settle time.
   */
  private command(closed: boolean): void {
    this.commanded = closed;
    if (this.disagreement() === null) this.reported = null;
    this.armSettle();
    this.writeAll(closed ? 1 : 0);
  }

  /** Every output is attempted even when one throws, so one broken line cannot keep the others closed. */
  private writeAll(v: 0 | 1): void {
    let first: unknown = null;
    for (const l of this.outs) {
      try {
        l.write(v);
      } catch (err) {
        first ??= err;
      }
    }
    if (first !== null) throw first;
  }

  private armSettle(): void {
    this.clock.clear(this.settle);
    this.settle = null;
    if (this.fbs.length === 0) return;
    this.settle = this.clock.setTimeout(() => {
      this.settle = null;
      this.check();
    }, this.cfg.settleMs ?? DEFAULT_CONTACTOR_SETTLE_MS);
  }

  private onFeedback(): void {
    const closed = this.feedbackClosed!;
    if (closed !== this.lastFeedback) {
      this.lastFeedback = closed;
      this.events.emit('feedback', closed);
    }
    if (this.settle === null) this.check();
  }

  private disagreement(): ContactorFault | null {
    if (this.fbs.length === 0) return null;
    if (this.commanded) return this.fbs.some((l) => l.read() === 0) ? 'stuck-open' : null;
    return this.fbs.some((l) => l.read() === 1) ? 'welded' : null;
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
