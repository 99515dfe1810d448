import { Emitter } from '../emitter.js';
import { HalError } from '../errors.js';
import type { GpioBackend, GpioLine } from '../gpio/types.js';
import type { ConnectorLock, HalClock, HalTimerHandle } from '../types.js';
import { inputSpec, openAll, outputSpec, type LineConfig } from './line-config.js';

export interface LinuxLockConfig {
  /** Motor (H-bridge) input that drives toward locked. */
  lockOutput: LineConfig;
  /** Motor input that drives toward unlocked. */
  unlockOutput: LineConfig;
  /** Position switch; logical 1 = locked. */
  feedback: LineConfig;
  /** How long the motor is driven (default 600 ms; typical socket actuators need 300-800 ms). */
  pulseMs?: number;
  /** Time after the pulse before the position is checked (default 100 ms). */
  checkDelayMs?: number;
}

/**
 * Motor-driven socket lock. A command drives one motor line for pulseMs (the other held low first, so the bridge
 * never shorts), stops the motor, then checks the position switch: LOCK_FAILED / UNLOCK_FAILED when it is not where
 * it should be. Commands are serialised. `change` follows the position switch.
 */
export class LinuxConnectorLock implements ConnectorLock {
  readonly events = new Emitter<{ change: (locked: boolean) => void }>();
  private lockLine: GpioLine | null = null;
  private unlockLine: GpioLine | null = null;
  private fb: GpioLine | null = null;
  private unwatch: (() => void) | null = null;
  private last = false;
  private queue: Promise<void> = Promise.resolve();
  private timers = new Set<HalTimerHandle>();
  private aborts = new Set<(err: Error) => void>();

  constructor(
    private readonly cfg: LinuxLockConfig,
    private readonly gpio: GpioBackend,
    private readonly clock: HalClock,
    private readonly chip?: string,
  ) {}

  get locked(): boolean {
    return this.fb ? this.fb.read() === 1 : false;
  }

  async start(): Promise<void> {
    const [lockLine, unlockLine, fb] = await openAll(this.gpio, [
      outputSpec(this.cfg.lockOutput, this.chip),
      outputSpec(this.cfg.unlockOutput, this.chip),
      inputSpec(this.cfg.feedback, this.chip),
    ]);
    this.lockLine = lockLine!;
    this.unlockLine = unlockLine!;
    this.fb = fb!;
    this.last = this.fb.read() === 1;
    this.unwatch = this.fb.watch((v) => {
      const locked = v === 1;
      if (locked === this.last) return;
      this.last = locked;
      this.events.emit('change', locked);
    });
  }

  async stop(): Promise<void> {
    for (const t of this.timers) this.clock.clear(t);
    this.timers.clear();
    const err = new HalError('LOCK_FAILED', 'connector lock stopped during a command', { part: 'lock' });
    for (const a of [...this.aborts]) a(err);
    this.unwatch?.();
    this.unwatch = null;
    try {
      this.motorOff();
    } finally {
      for (const l of [this.lockLine, this.unlockLine, this.fb]) l?.close();
      this.lockLine = this.unlockLine = this.fb = null;
    }
  }

  lock(): Promise<void> {
    return this.enqueue(true);
  }

  unlock(): Promise<void> {
    return this.enqueue(false);
  }

  private enqueue(toLocked: boolean): Promise<void> {
    const run = this.queue.then(() => this.drive(toLocked));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private drive(toLocked: boolean): Promise<void> {
    const code = toLocked ? 'LOCK_FAILED' : 'UNLOCK_FAILED';
    if (!this.lockLine || !this.unlockLine || !this.fb) return Promise.reject(new HalError(code, 'connector lock: not started', { part: 'lock' }));
    const on = toLocked ? this.lockLine : this.unlockLine;
    const off = toLocked ? this.unlockLine : this.lockLine;
    return new Promise<void>((resolve, reject) => {
      const abort = (err: Error): void => {
        this.aborts.delete(abort);
        reject(err);
      };
      this.aborts.add(abort);
      const after = (ms: number, fn: () => void): void => {
        const t = this.clock.setTimeout(() => {
          this.timers.delete(t);
          fn();
        }, ms);
        this.timers.add(t);
      };
      try {
        off.write(0);
        on.write(1);
      } catch (cause) {
        this.motorOffQuietly();
        abort(new HalError(code, `connector lock: motor drive failed`, { part: 'lock', cause }));
        return;
      }
      after(this.cfg.pulseMs ?? 600, () => {
        this.motorOffQuietly();
        after(this.cfg.checkDelayMs ?? 100, () => {
          if (!this.aborts.has(abort)) return;
          this.aborts.delete(abort);
          if (this.locked === toLocked) resolve();
          else reject(new HalError(code, `connector lock did not reach the ${toLocked ? 'locked' : 'unlocked'} position`, { part: 'lock' }));
        });
      });
    });
  }

  private motorOff(): void {
    this.lockLine?.write(0);
    this.unlockLine?.write(0);
  }

  private motorOffQuietly(): void {
    try {
      this.motorOff();
    } catch {
      /* the position check reports the failure */
    }
  }
}
