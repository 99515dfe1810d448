/**
 * GPIO through the character device (/dev/gpiochipN), driven through the libgpiod command-line tools from
 * Debian's `gpiod` package — v1 (bookworm, Raspberry Pi OS 12) or v2 (trixie), detected once per process by
 * libgpiod-tools.ts — so no native addon has to be built on the device:
 *
 * - Output: one gpioset per line holds it (chardev-output.ts). With v2's interactive gpioset, `write()` is a
 *   write(2) of "set LINE=V" into its stdin FIFO: the command is in the kernel pipe when write returns and the
 *   level changes when gpioset reads it (typically well under a millisecond). v1 gpioset cannot change a held
 *   level, so `write()` signals the holder and a successor starts at the new level once it exited: the pin changes
 *   a few ms after write returns (a process start on a Pi), the line being released in between. A relay takes
 *   5-20 ms to open anyway, so the 100 ms budget is kept either way; the hardware pull-downs the README asks for
 *   hold the relay off while the line is released.
 *   If chargerd dies, its gpioset children keep the last levels until systemd stops the unit's cgroup
 *   (KillMode=control-group, the default) — then ExecStopPost runs `chargerctl hal safe-state`.
 * - Input: `gpioget` for the level at open, then `gpiomon` (line-buffered: v1 `-b`, v2 through `stdbuf -oL`) for
 *   edges; `read()` returns the last known level. An edge in the few ms between gpioget and gpiomon taking the
 *   line is only seen at the next edge (at start-up, while every output is still at its safe level).
 *
 * If a gpioset dies, the next write starts a new one with the wanted level as its initial value; if a gpiomon
 * dies it is restarted after `restartMs` and the level re-read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HalError } from '../errors.js';
import type { HalClock, HalTimerHandle } from '../types.js';
import { openInteractiveOutput, openReplacingOutput } from './chardev-output.js';
import { detectLibgpiod, parseGpiogetValue, runTool, type LibgpiodDialect } from './libgpiod-tools.js';
import { createLogicalLine } from './logical-line.js';
import { stderrTail, waitReady } from './tool-process.js';
import { TrackedLines } from './tracked-lines.js';
import type { GpioBackend, GpioLine, GpioLineSpec, GpioValue, RawGpioLine } from './types.js';

export interface ChardevTools {
  gpioset: string;
  gpioget: string;
  gpiomon: string;
  mkfifo: string;
  /** Prefix that makes a v2 gpiomon's stdout line-buffered when it is a pipe; null to run gpiomon directly. */
  stdbuf: string | null;
}

export interface ChardevBackendOptions {
  clock: HalClock;
  tools?: Partial<ChardevTools>;
  /** Chip used when a line spec names none. */
  defaultChip?: string;
  /** Where the per-line FIFOs are made (they are removed on close). */
  fifoDir?: string;
  /** How long a new gpioset/gpiomon must live before open() trusts it, when it does not answer sooner. */
  readyMs?: number;
  /** Delay before a gpiomon that exited is started again. */
  restartMs?: number;
  /** How long an interactive gpioset told to exit on close may take before it is signalled. */
  exitMs?: number;
  onError?: (err: Error, spec: GpioLineSpec) => void;
}

const DEFAULT_TOOLS: ChardevTools = { gpioset: 'gpioset', gpioget: 'gpioget', gpiomon: 'gpiomon', mkfifo: 'mkfifo', stdbuf: 'stdbuf' };

export class ChardevGpioBackend implements GpioBackend {
  readonly name = 'chardev' as const;
  private readonly tools: ChardevTools;
  private readonly lines = new TrackedLines();
  private dir: string | null = null;
  private seq = 0;

  constructor(private readonly opts: ChardevBackendOptions) {
    this.tools = { ...DEFAULT_TOOLS, ...opts.tools };
  }

  /** The tool generation this backend drives (detected on first use, shared with safe-state and probe). */
  dialect(): Promise<LibgpiodDialect> {
    return detectLibgpiod(this.tools.gpioset);
  }

  async open(spec: GpioLineSpec): Promise<GpioLine> {
    const dialect = await this.dialect();
    const chip = spec.chip ?? this.opts.defaultChip ?? 'gpiochip0';
    const raw = spec.direction === 'out' ? await this.openOutput(dialect, chip, spec) : await this.openInput(dialect, chip, spec);
    return this.lines.track(createLogicalLine(raw, spec, this.opts.clock));
  }

  async close(): Promise<void> {
    this.lines.closeAll();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private async openOutput(dialect: LibgpiodDialect, chip: string, spec: GpioLineSpec): Promise<RawGpioLine> {
    const ctx = {
      gpioset: this.tools.gpioset,
      dialect,
      clock: this.opts.clock,
      chip,
      spec,
      initial: (spec.activeLow ? (spec.initial ?? 0) ^ 1 : (spec.initial ?? 0)) as GpioValue,
      readyMs: this.opts.readyMs ?? 300,
      exitMs: this.opts.exitMs ?? 1000,
      onError: this.opts.onError,
    };
    if (!dialect.interactive) return openReplacingOutput(ctx);
    this.dir ??= mkdtempSync(join(this.opts.fifoDir ?? tmpdir(), 'chargerd-gpio-'));
    const fifo = join(this.dir, `${chip}-${spec.line}-${this.seq++}`);
    try {
      await runTool(this.tools.mkfifo, ['-m', '600', fifo]);
    } catch (cause) {
      throw new HalError('GPIO_UNAVAILABLE', `mkfifo ${fifo} failed`, { part: `${chip}:${spec.line}`, cause });
    }
    return openInteractiveOutput(ctx, fifo);
  }

  private async openInput(dialect: LibgpiodDialect, chip: string, spec: GpioLineSpec): Promise<RawGpioLine> {
    const part = `${chip}:${spec.line}`;
    const watchers = new Set<(v: GpioValue) => void>();
    let level: GpioValue = await this.readLevel(dialect, chip, spec.line, part);
    let mon: ChildProcess | null = null;
    let restart: HalTimerHandle | null = null;
    let closing = false;

    const set = (v: GpioValue): void => {
      level = v;
      for (const cb of [...watchers]) cb(v);
    };

    const startMonitor = (): { child: ChildProcess; stderr: () => string } => {
      const args = dialect.monArgs(chip, spec.line);
      const [file, argv] = this.tools.stdbuf && !dialect.monLineBuffered ? [this.tools.stdbuf, ['-oL', this.tools.gpiomon, ...args]] : [this.tools.gpiomon, args];
      const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
      const stderr = stderrTail(child);
      let buf = '';
      child.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const ev = dialect.parseEvent(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          if (ev !== null) set(ev);
        }
      });
      const onGone = (why: string): void => {
        if (closing || mon !== child) return;
        mon = null;
        this.opts.onError?.(new HalError('GPIO_UNAVAILABLE', `gpiomon for ${part} ${why}: ${stderr().trim()}`, { part }), spec);
        restart = this.opts.clock.setTimeout(() => {
          restart = null;
          if (closing) return;
          // Re-read first: an edge while no monitor ran must not be lost.
          this.readLevel(dialect, chip, spec.line, part)
            .then((v) => {
              if (closing) return;
              if (v !== level) set(v);
              mon = startMonitor().child;
            })
            .catch((err: Error) => {
              if (!closing) onGone(`could not be restarted (${err.message})`);
            });
        }, this.opts.restartMs ?? 1000);
      };
      child.on('error', (err) => onGone(`failed (${err.message})`));
      child.on('exit', (code, signal) => onGone(`exited (${code ?? signal})`));
      return { child, stderr };
    };

    const first = startMonitor();
    mon = first.child;
    try {
      await waitReady(first.child, { clock: this.opts.clock, readyMs: this.opts.readyMs ?? 300, part, stderr: first.stderr, answers: false });
    } catch (err) {
      closing = true;
      this.opts.clock.clear(restart);
      mon?.kill('SIGTERM');
      throw err;
    }

    return {
      read: () => level,
      write: () => {
        throw new HalError('GPIO_UNAVAILABLE', `${part} is an input`, { part });
      },
      watch: (cb) => {
        watchers.add(cb);
        return () => watchers.delete(cb);
      },
      close: () => {
        closing = true;
        this.opts.clock.clear(restart);
        mon?.kill('SIGTERM');
        watchers.clear();
      },
    };
  }

  private async readLevel(dialect: LibgpiodDialect, chip: string, line: number, part: string): Promise<GpioValue> {
    let out: string;
    try {
      out = await runTool(this.tools.gpioget, dialect.getArgs(chip, line));
    } catch (cause) {
      throw new HalError('GPIO_UNAVAILABLE', `gpioget ${part} failed: ${String((cause as { stderr?: string }).stderr ?? '').trim()}`, { part, cause });
    }
    const v = parseGpiogetValue(out);
    if (v === null) throw new HalError('GPIO_UNAVAILABLE', `gpioget ${part} printed ${JSON.stringify(out)}`, { part });
    return v;
  }
}
