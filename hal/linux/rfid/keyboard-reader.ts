/**
 * A USB card reader that presents itself as a keyboard (it "types" the card number and Enter), read through
 * `evtest --grab DEVICE` as a child process. The grab (EVIOCGRAB, which Node cannot issue: it has no ioctl)
 * keeps the keystrokes from the console and from any other reader of the device, so a card number is never
 * typed into a login prompt. evtest's event lines are decoded by KeyboardTagDecoder.
 *
 * evtest exiting (device unplugged, not there yet, grabbed by someone else, evtest missing) is a reader fault,
 * never an exception; it is started again with a backoff (restartMinMs doubling to restartMaxMs), and the
 * reader has recovered when the new evtest prints its "Testing ..." line (it opened and grabbed the device).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Emitter } from '../../emitter.js';
import type { HalClock, HalTimerHandle, IdentifierReader, IdentifierReaderEvents } from '../../types.js';
import { KeyboardTagDecoder } from './evtest-decoder.js';

export const KEYBOARD_DEFAULTS = { evtest: 'evtest', tagTimeoutMs: 1000, maxLength: 20, restartMinMs: 1000, restartMaxMs: 30000 };

export interface KeyboardReaderOptions {
  /** The event device, best a stable /dev/input/by-id/...-event-kbd name. */
  device: string;
  /** The evtest program (default: `evtest` on PATH). */
  evtest?: string;
  tagTimeoutMs?: number;
  maxLength?: number;
  restartMinMs?: number;
  restartMaxMs?: number;
}

export interface KeyboardReaderDeps {
  clock: HalClock;
  onDebug?: (msg: string, fields?: Record<string, unknown>) => void;
}

/** evtest prints this once the device is open, right before it tries the grab. */
const READY_LINE = /^Testing \.\.\. \(interrupt to exit\)/;
/** ...and this right after, when the grab failed (it would then read nothing, and the console everything). */
const GRAB_FAILED_LINE = /This device is grabbed by another process/;
/** No grab warning this long after the Testing line: the grab held. */
const GRAB_SETTLE_MS = 250;

export class KeyboardReader implements IdentifierReader {
  readonly events = new Emitter<IdentifierReaderEvents>();
  private readonly o: Required<KeyboardReaderOptions>;
  private readonly decoder: KeyboardTagDecoder;
  private child: ChildProcess | null = null;
  private running = false;
  private restartTimer: HalTimerHandle | null = null;
  private backoffMs: number;
  private faultReason: string | null = null;
  private ready = false;
  private settleTimer: HalTimerHandle | null = null;
  private reading = false;
  private readingWaiters: (() => void)[] = [];
  readonly stats = { starts: 0, tags: 0, dropped: 0 };

  constructor(
    options: KeyboardReaderOptions,
    private readonly deps: KeyboardReaderDeps,
  ) {
    this.o = { ...KEYBOARD_DEFAULTS, ...options };
    this.decoder = new KeyboardTagDecoder({ tagTimeoutMs: this.o.tagTimeoutMs, maxLength: this.o.maxLength });
    this.backoffMs = this.o.restartMinMs;
  }

  get fault(): string | null {
    return this.faultReason;
  }

  /** Pid of the running evtest (tests check it is gone after stop). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.spawnChild();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.reading = false;
    this.deps.clock.clear(this.restartTimer);
    this.restartTimer = null;
    this.deps.clock.clear(this.settleTimer);
    this.settleTimer = null;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    this.child = null;
  }

  private spawnChild(): void {
    this.stats.starts++;
    this.ready = false;
    this.reading = false;
    this.decoder.reset();
    let child: ChildProcess;
    try {
      child = spawn(this.o.evtest, ['--grab', this.o.device], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      this.childGone(`cannot run ${this.o.evtest}: ${(err as Error).message}`);
      return;
    }
    this.child = child;
    let stderr = '';
    let spawnError: string | null = null;
    child.on('error', (err) => {
      spawnError = `cannot run ${this.o.evtest}: ${err.message}`;
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-400);
    });
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => this.onLine(line));
    child.once('close', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      if (!this.running) return;
      const why = spawnError ?? `evtest for ${this.o.device} exited (${signal ?? `code ${code}`})${stderr.trim() ? `: ${stderr.trim().split('\n').pop()}` : ''}`;
      this.childGone(why);
    });
  }

  private onLine(line: string): void {
    if (!this.ready && READY_LINE.test(line)) {
      this.ready = true;
      this.settleTimer = this.deps.clock.setTimeout(() => {
        this.settleTimer = null;
        this.grabbed();
      }, GRAB_SETTLE_MS);
      return;
    }
    if (GRAB_FAILED_LINE.test(line) && this.child) {
      this.deps.clock.clear(this.settleTimer);
      this.settleTimer = null;
      const child = this.child;
      this.child = null;
      child.kill('SIGTERM');
      this.childGone(`${this.o.device} is grabbed by another process (fuser -v ${this.o.device} names it)`);
      return;
    }
    // A key before the settle time: the grab held (the warning comes before any event).
    if (this.settleTimer) {
      this.deps.clock.clear(this.settleTimer);
      this.settleTimer = null;
      this.grabbed();
    }
    const r = this.decoder.line(line, this.deps.clock.monotonicMs());
    if (!r) return;
    if ('tag' in r) {
      this.stats.tags++;
      this.events.emit('tag', r.tag);
    } else {
      this.stats.dropped++;
      this.deps.onDebug?.('keyboard reader input dropped', { device: this.o.device, reason: r.reason, length: r.dropped.length });
    }
  }

  /** Resolves once an evtest holds the device grabbed (at once if one does now). */
  whenReading(): Promise<void> {
    if (this.reading) return Promise.resolve();
    return new Promise((resolve) => this.readingWaiters.push(resolve));
  }

  private grabbed(): void {
    this.reading = true;
    this.readingWaiters.splice(0).forEach((w) => w());
    this.backoffMs = this.o.restartMinMs;
    if (this.faultReason !== null) {
      this.faultReason = null;
      this.events.emit('recovered');
    }
  }

  private childGone(reason: string): void {
    this.reading = false;
    this.deps.clock.clear(this.settleTimer);
    this.settleTimer = null;
    if (this.faultReason === null) {
      this.faultReason = reason;
      this.events.emit('fault', reason);
    }
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.o.restartMaxMs);
    this.restartTimer = this.deps.clock.setTimeout(() => {
      this.restartTimer = null;
      if (this.running) this.spawnChild();
    }, wait);
  }
}
