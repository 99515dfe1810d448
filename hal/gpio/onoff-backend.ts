/**
 * GPIO through the sysfs interface (/sys/class/gpio) with the `onoff` package.
 *
 * sysfs GPIO has been deprecated since Linux 4.8. Kernels that still build it (Raspberry Pi OS bookworm) number
 * lines from a per-chip base (512 on a Pi 4 with 6.6 kernels, 571 on a Pi 5), handled by sysfs-numbering.ts; kernels
 * built without CONFIG_GPIO_SYSFS (Debian trixie, newer Pi images) have no /sys/class/gpio at all — use the chardev
 * backend there (it speaks both libgpiod tool generations, so it also serves bookworm). onoff's last release is from 2021 (issues #197, #200, #206 report the breakage).
 *
 * onoff is an optional dependency with a native part (epoll); it is loaded with a dynamic import on first open so
 * that sim and tests never load it. Its `writeSync` is a write(2) to the value file: the level has changed when
 * it returns, which is what the safety path needs.
 */
import { HalError } from '../errors.js';
import type { HalClock } from '../types.js';
import { createLogicalLine } from './logical-line.js';
import { TrackedLines } from './tracked-lines.js';
import { SYSFS_GPIO_ROOT, sysfsGpioNumber } from './sysfs-numbering.js';
import type { GpioBackend, GpioLine, GpioLineSpec, GpioValue, RawGpioLine } from './types.js';

/** The part of onoff's Gpio class we use (typed here so the build does not need the optional package). */
export interface OnoffGpio {
  readSync(): GpioValue;
  writeSync(v: GpioValue): void;
  watch(cb: (err: Error | null | undefined, v: GpioValue) => void): void;
  unwatchAll(): void;
  unexport(): void;
}
export interface OnoffModule {
  Gpio: new (
    gpio: number,
    direction: 'in' | 'out' | 'high' | 'low',
    edge?: 'none' | 'both' | 'rising' | 'falling',
    options?: { activeLow?: boolean; debounceTimeout?: number; reconfigureDirection?: boolean },
  ) => OnoffGpio;
}

export interface OnoffBackendOptions {
  clock: HalClock;
  /** Where sysfs GPIO lives (only the chip numbering is read from here; onoff itself always uses /sys/class/gpio). */
  sysfsRoot?: string;
  /** Loads onoff; replaceable so the wrapping can be tested without GPIO hardware. */
  loadOnoff?: () => Promise<OnoffModule>;
  /** Called when onoff reports an error on a watched line (the line keeps its last level). */
  onError?: (err: Error, spec: GpioLineSpec) => void;
}

async function importOnoff(): Promise<OnoffModule> {
  const name = 'onoff';
  try {
    const mod = (await import(name)) as { default?: OnoffModule; Gpio?: OnoffModule['Gpio'] };
    const Gpio = mod.Gpio ?? mod.default?.Gpio;
    if (!Gpio) throw new Error('onoff has no Gpio export');
    return { Gpio };
  } catch (cause) {
    throw new HalError('GPIO_UNAVAILABLE', 'the onoff package is not installed or failed to load (it is an optional dependency); without it, use the chardev backend (libgpiod tools v1 or v2)', { cause });
  }
}

export class OnoffGpioBackend implements GpioBackend {
  readonly name = 'onoff' as const;
  private readonly lines = new TrackedLines();
  private onoff: Promise<OnoffModule> | null = null;

  constructor(private readonly opts: OnoffBackendOptions) {}

  async open(spec: GpioLineSpec): Promise<GpioLine> {
    this.onoff ??= (this.opts.loadOnoff ?? importOnoff)();
    const { Gpio } = await this.onoff;
    const number = sysfsGpioNumber(spec.line, spec.chip, this.opts.sysfsRoot ?? SYSFS_GPIO_ROOT);
    let gpio: OnoffGpio;
    try {
      // 'low'/'high' sets direction and level in one write, so an output never glitches to the wrong level.
      // activeLow false is explicit so a stale active_low=1 left by another program cannot invert our levels.
      const initialPhysical = spec.activeLow ? ((spec.initial ?? 0) ^ 1) : (spec.initial ?? 0);
      gpio =
        spec.direction === 'out'
          ? new Gpio(number, initialPhysical ? 'high' : 'low', 'none', { activeLow: false })
          : new Gpio(number, 'in', 'both', { activeLow: false });
    } catch (cause) {
      throw new HalError('GPIO_UNAVAILABLE', `cannot open sysfs gpio${number} (${spec.chip ?? 'default chip'} line ${spec.line})`, {
        part: `${spec.chip ?? ''}:${spec.line}`,
        cause,
      });
    }
    const part = `gpio${number}`;
    const raw: RawGpioLine = {
      read: () => gpio.readSync(),
      write: (v) => {
        try {
          gpio.writeSync(v);
        } catch (cause) {
          throw new HalError('GPIO_UNAVAILABLE', `write to ${part} failed`, { part, cause });
        }
      },
      watch: (cb) => {
        const handler = (err: Error | null | undefined, v: GpioValue): void => {
          if (err) this.opts.onError?.(err, spec);
          else cb(v);
        };
        gpio.watch(handler);
        return () => gpio.unwatchAll();
      },
      close: () => {
        gpio.unwatchAll();
        // Outputs stay exported so the last (safe) level is held after we let go; inputs are handed back.
        if (spec.direction === 'in') gpio.unexport();
      },
    };
    return this.lines.track(createLogicalLine(raw, spec, this.opts.clock));
  }

  async close(): Promise<void> {
    this.lines.closeAll();
  }
}
