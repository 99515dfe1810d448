import { HalError } from '../errors.js';
import type { HalClock } from '../types.js';
import { createLogicalLine, physicalLevel } from './logical-line.js';
import type { GpioBackend, GpioLine, GpioLineSpec, GpioValue, RawGpioLine } from './types.js';

interface FakePin {
  chip: string;
  line: number;
  level: GpioValue;
  direction: 'in' | 'out' | null;
  open: boolean;
  writes: number;
  watchers: Set<(v: GpioValue) => void>;
}

export interface FakeWrite {
  chip: string;
  line: number;
  /** Physical level written. */
  value: GpioValue;
}

const DEFAULT_CHIP = 'gpiochip0';

/**
 * In-memory GPIO for tests and for `chargerctl` dry runs. Levels here are physical (what a multimeter would show);
 * the lines it hands out apply active-low and debounce like the real backends. Input changes are delivered
 * synchronously from `setInput`, as a kernel edge would be.
 */
export class FakeGpioBackend implements GpioBackend {
  readonly name = 'fake' as const;
  private readonly pins = new Map<string, FakePin>();
  private readonly unavailable = new Set<string>();
  private readonly writeHooks = new Set<(w: FakeWrite) => void>();
  readonly writeLog: FakeWrite[] = [];

  constructor(private readonly opts: { clock: HalClock; keepWriteLog?: boolean }) {}

  async open(spec: GpioLineSpec): Promise<GpioLine> {
    const chip = spec.chip ?? DEFAULT_CHIP;
    const key = `${chip}:${spec.line}`;
    if (this.unavailable.has(key)) throw new HalError('GPIO_UNAVAILABLE', `fake gpio ${key} does not exist`, { part: key });
    const pin = this.pin(chip, spec.line);
    if (pin.open) throw new HalError('GPIO_UNAVAILABLE', `fake gpio ${key} is busy`, { part: key });
    pin.open = true;
    pin.direction = spec.direction;
    if (spec.direction === 'out') this.drive(pin, physicalLevel(spec.initial ?? 0, spec.activeLow));
    const raw: RawGpioLine = {
      read: () => pin.level,
      write: (v) => {
        if (!pin.open) throw new HalError('GPIO_UNAVAILABLE', `fake gpio ${key} is closed`, { part: key });
        if (pin.direction !== 'out') throw new HalError('GPIO_UNAVAILABLE', `fake gpio ${key} is an input`, { part: key });
        this.drive(pin, v);
      },
      watch: (cb) => {
        pin.watchers.add(cb);
        return () => pin.watchers.delete(cb);
      },
      close: () => {
        pin.open = false;
        pin.watchers.clear();
      },
    };
    return createLogicalLine(raw, spec, this.opts.clock);
  }

  async close(): Promise<void> {
    for (const pin of this.pins.values()) {
      pin.open = false;
      pin.watchers.clear();
    }
  }

  /** Set the physical level on an input, as the wiring would; edge callbacks run before this returns. */
  setInput(line: number, level: GpioValue, chip: string = DEFAULT_CHIP): void {
    const pin = this.pin(chip, line);
    if (pin.direction === 'out') throw new Error(`fake gpio ${chip}:${line} is an output`);
    if (pin.level === level) return;
    pin.level = level;
    for (const cb of [...pin.watchers]) cb(level);
  }

  /** Physical level of a line now (outputs: last write). */
  level(line: number, chip: string = DEFAULT_CHIP): GpioValue {
    return this.pin(chip, line).level;
  }

  writeCount(line: number, chip: string = DEFAULT_CHIP): number {
    return this.pin(chip, line).writes;
  }

  isOpen(line: number, chip: string = DEFAULT_CHIP): boolean {
    return this.pins.get(`${chip}:${line}`)?.open ?? false;
  }

  /** Make `open` of this line fail, as a missing or busy line would. */
  makeUnavailable(line: number, chip: string = DEFAULT_CHIP): void {
    this.unavailable.add(`${chip}:${line}`);
  }

  /** Called synchronously on every output write (latency measurement, write ordering checks). */
  onWrite(hook: (w: FakeWrite) => void): () => void {
    this.writeHooks.add(hook);
    return () => this.writeHooks.delete(hook);
  }

  private drive(pin: FakePin, v: GpioValue): void {
    pin.level = v;
    pin.writes++;
    const w = { chip: pin.chip, line: pin.line, value: v };
    if (this.opts.keepWriteLog !== false) {
      // Bounded so a long dry run cannot grow without limit.
      if (this.writeLog.length >= 10_000) this.writeLog.shift();
      this.writeLog.push(w);
    }
    for (const hook of this.writeHooks) hook(w);
  }

  private pin(chip: string, line: number): FakePin {
    const key = `${chip}:${line}`;
    let pin = this.pins.get(key);
    if (!pin) {
      pin = { chip, line, level: 0, direction: null, open: false, writes: 0, watchers: new Set() };
      this.pins.set(key, pin);
    }
    return pin;
  }
}
