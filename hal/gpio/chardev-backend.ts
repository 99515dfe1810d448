/**
 * GPIO through the character device (/dev/gpiochipN), for kernels without sysfs GPIO (Debian trixie, Raspberry Pi
 * OS on a Pi 5 with recent kernels). Driven through the libgpiod v2 command-line tools from Debian's `gpiod`
 * package, so no native addon has to be built on the device:
 *
 * - Output: one long-running `gpioset -c CHIP -i LINE=V` per line (interactive mode holds the line requested).
 *   Its stdin is a FIFO we hold a non-blocking write end of; `write()` is `fs.writeSync("set LINE=V\n")`, a write(2)
 *   that has put the command into the kernel pipe when it returns. The level changes when gpioset is scheduled and
 *   reads it — typically well under a millisecond, but after `write` returns. That is a synchronous hand-off,
 *   not a synchronous ioctl: a relay takes 5-20 ms to open anyway, so the 100 ms budget is kept, but a native
 *   binding would remove the extra process hop.
 *   gpioset's stdin is opened read-write: gpioset 2.x loops on `readline() == NULL` without exiting, so an EOF would
 *   make it spin; with its own write end it never sees EOF. When stdout is not a tty it prints its prompt before
 *   each command, which is also how open() knows the line was granted; stdout is drained so it can never block.
 *   If chargerd dies, its gpioset children keep the last levels until systemd stops the unit's cgroup
 *   (KillMode=control-group, the default) — then ExecStopPost runs `chargerctl hal safe-state`.
 * - Input: `gpioget` for the level at open, then `gpiomon -e both` (line-buffered with `stdbuf -oL`) for edges;
 *   `read()` returns the last known level. An edge in the few ms between gpioget and gpiomon taking the line is
 *   only seen at the next edge (at start-up, while every output is still at its safe level).
 *
 * Limits stated plainly: libgpiod v1 tools (Debian bookworm) have no interactive gpioset and are refused with
 * GPIO_UNAVAILABLE (bookworm kernels still have sysfs: use the onoff backend there); interactive mode needs a gpioset
 * built with it (Debian's is). If a gpioset dies, the next write starts a new one with the wanted level as its
 * initial value; if a gpiomon dies it is restarted after `restartMs` and the level re-read.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { closeSync, constants as fsc, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HalError } from '../errors.js';
import type { HalClock, HalTimerHandle } from '../types.js';
import { createLogicalLine } from './logical-line.js';
import { TrackedLines } from './tracked-lines.js';
import type { GpioBackend, GpioLine, GpioLineSpec, GpioValue, RawGpioLine } from './types.js';

export interface ChardevTools {
  gpioset: string;
  gpioget: string;
  gpiomon: string;
  mkfifo: string;
  /** Prefix that makes gpiomon's stdout line-buffered when it is a pipe; null to run gpiomon directly. */
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
  onError?: (err: Error, spec: GpioLineSpec) => void;
}

const DEFAULT_TOOLS: ChardevTools = { gpioset: 'gpioset', gpioget: 'gpioget', gpiomon: 'gpiomon', mkfifo: 'mkfifo', stdbuf: 'stdbuf' };

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 5000 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr: String(stderr) }));
      else resolve(String(stdout));
    });
  });
}

/** libgpiod major version from `gpioset --version` ("gpioset (libgpiod) v2.1.3"). */
export function parseLibgpiodVersion(text: string): number | null {
  const m = /v(\d+)\.\d+/.exec(text);
  return m ? Number(m[1]) : null;
}

/** A level as printed by gpioget ("17"=active, 17=inactive, 1) or an event type from gpiomon --format=%e. */
export function parseGpiogetValue(text: string): GpioValue | null {
  const m = /(inactive|active|\b[01]\b)\s*$/.exec(text.trim());
  if (!m) return null;
  return m[1] === 'active' || m[1] === '1' ? 1 : 0;
}

/** gpiomon `--format=%e`: '1' rising, '0' falling; the words (%E, human-readable output) are accepted too. */
export function parseGpiomonEvent(text: string): GpioValue | null {
  const t = text.trim().toLowerCase();
  if (t === '1' || /rising/.test(t)) return 1;
  if (t === '0' || /falling/.test(t)) return 0;
  return null;
}

export class ChardevGpioBackend implements GpioBackend {
  readonly name = 'chardev' as const;
  private readonly tools: ChardevTools;
  private readonly lines = new TrackedLines();
  private version: Promise<void> | null = null;
  private dir: string | null = null;
  private seq = 0;

  constructor(private readonly opts: ChardevBackendOptions) {
    this.tools = { ...DEFAULT_TOOLS, ...opts.tools };
  }

  async open(spec: GpioLineSpec): Promise<GpioLine> {
    this.version ??= this.checkVersion();
    await this.version;
    const chip = spec.chip ?? this.opts.defaultChip ?? 'gpiochip0';
    const raw = spec.direction === 'out' ? await this.openOutput(chip, spec) : await this.openInput(chip, spec);
    return this.lines.track(createLogicalLine(raw, spec, this.opts.clock));
  }

  async close(): Promise<void> {
    this.lines.closeAll();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private async checkVersion(): Promise<void> {
    let text: string;
    try {
      text = await run(this.tools.gpioset, ['--version']);
    } catch (cause) {
      throw new HalError('GPIO_UNAVAILABLE', `cannot run ${this.tools.gpioset} (install Debian package gpiod)`, { cause });
    }
    const major = parseLibgpiodVersion(text);
    if (major === null || major < 2) {
      this.version = null;
      throw new HalError('GPIO_UNAVAILABLE', `libgpiod tools v2 needed for the chardev backend, found: ${text.split('\n')[0]} (use the onoff backend on kernels that still have sysfs GPIO)`);
    }
    // -i exists only when gpioset was built with libedit (GPIOSET_INTERACTIVE); its --help says so.
    const help = await run(this.tools.gpioset, ['--help']).catch(() => '');
    if (!/--interactive/.test(help)) {
      this.version = null;
      throw new HalError('GPIO_UNAVAILABLE', `${this.tools.gpioset} was built without interactive mode (-i), which the chardev backend needs`);
    }
  }

  private async openOutput(chip: string, spec: GpioLineSpec): Promise<RawGpioLine> {
    this.dir ??= mkdtempSync(join(this.opts.fifoDir ?? tmpdir(), 'chargerd-gpio-'));
    const fifo = join(this.dir, `${chip}-${spec.line}-${this.seq++}`);
    const part = `${chip}:${spec.line}`;
    try {
      await run(this.tools.mkfifo, ['-m', '600', fifo]);
    } catch (cause) {
      throw new HalError('GPIO_UNAVAILABLE', `mkfifo ${fifo} failed`, { part, cause });
    }
    let level: GpioValue = (spec.activeLow ? (spec.initial ?? 0) ^ 1 : (spec.initial ?? 0)) as GpioValue;
    let holder: { child: ChildProcess; wr: number; alive: boolean } | null = null;
    let closing = false;
    let stderr = '';

    // The FIFO's pipe buffer lives while any end is open; a new holder gets a fresh pipe only after every old end
    // closed, so a command the dead gpioset never read cannot be replayed to its successor.
    const startHolder = (v: GpioValue): void => {
      if (holder) {
        try {
          closeSync(holder.wr);
        } catch {
          /* already closed */
        }
      }
      // O_RDWR never blocks on a FIFO, and the child holding a write end never sees EOF.
      const rd = openSync(fifo, fsc.O_RDWR);
      let wr: number;
      let child: ChildProcess;
      try {
        wr = openSync(fifo, fsc.O_WRONLY | fsc.O_NONBLOCK);
        child = spawn(this.tools.gpioset, ['-c', chip, '-i', `${spec.line}=${v}`], { stdio: [rd, 'pipe', 'pipe'] });
      } finally {
        closeSync(rd);
      }
      const h = { child, wr, alive: true };
      child.stdout?.resume();
      child.stderr?.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-500);
      });
      child.on('error', (err) => {
        h.alive = false;
        if (!closing) this.opts.onError?.(err, spec);
      });
      child.on('exit', (code, signal) => {
        h.alive = false;
        if (!closing) this.opts.onError?.(new HalError('GPIO_UNAVAILABLE', `gpioset for ${part} exited (${code ?? signal}): ${stderr.trim()}`, { part }), spec);
      });
      holder = h;
      level = v;
    };

    try {
      startHolder(level);
    } catch (cause) {
      throw new HalError('GPIO_UNAVAILABLE', `cannot start gpioset for ${part}`, { part, cause });
    }
    const ready = this.waitReady(holder!.child, part, () => stderr, true);
    try {
      writeSync(holder!.wr, 'get\n');
    } catch {
      /* it already exited: waitReady reports why */
    }
    await ready;

    return {
      read: () => level,
      write: (v) => {
        const h = holder!;
        if (h.alive) {
          try {
            writeSync(h.wr, `set ${spec.line}=${v}\n`);
            level = v;
            return;
          } catch {
            // EPIPE: gpioset is gone (no reader left); fall through and start a new one at the wanted level.
            h.alive = false;
          }
        }
        try {
          startHolder(v);
        } catch (cause) {
          throw new HalError('GPIO_UNAVAILABLE', `gpioset for ${part} cannot be restarted`, { part, cause });
        }
      },
      watch: () => () => undefined,
      close: () => {
        closing = true;
        const h = holder;
        if (h) {
          h.child.kill('SIGTERM');
          try {
            closeSync(h.wr);
          } catch {
            /* closed by a failed write */
          }
        }
        rmSync(fifo, { force: true });
      },
    };
  }

  private async openInput(chip: string, spec: GpioLineSpec): Promise<RawGpioLine> {
    const part = `${chip}:${spec.line}`;
    const watchers = new Set<(v: GpioValue) => void>();
    let level: GpioValue = await this.readLevel(chip, spec.line, part);
    let mon: ChildProcess | null = null;
    let restart: HalTimerHandle | null = null;
    let closing = false;

    const set = (v: GpioValue): void => {
      level = v;
      for (const cb of [...watchers]) cb(v);
    };

    const startMonitor = (): ChildProcess => {
      const args = ['-c', chip, '-e', 'both', '--format=%e', String(spec.line)];
      const [file, argv] = this.tools.stdbuf ? [this.tools.stdbuf, ['-oL', this.tools.gpiomon, ...args]] : [this.tools.gpiomon, args];
      const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
      let buf = '';
      let stderr = '';
      child.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const ev = parseGpiomonEvent(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          if (ev !== null) set(ev);
        }
      });
      child.stderr!.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-500);
      });
      const onGone = (why: string): void => {
        if (closing || mon !== child) return;
        mon = null;
        this.opts.onError?.(new HalError('GPIO_UNAVAILABLE', `gpiomon for ${part} ${why}: ${stderr.trim()}`, { part }), spec);
        restart = this.opts.clock.setTimeout(() => {
          restart = null;
          if (closing) return;
          // Re-read first: an edge while no monitor ran must not be lost.
          this.readLevel(chip, spec.line, part)
            .then((v) => {
              if (closing) return;
              if (v !== level) set(v);
              mon = startMonitor();
            })
            .catch((err: Error) => {
              if (!closing) onGone(`could not be restarted (${err.message})`);
            });
        }, this.opts.restartMs ?? 1000);
      };
      child.on('error', (err) => onGone(`failed (${err.message})`));
      child.on('exit', (code, signal) => onGone(`exited (${code ?? signal})`));
      return child;
    };

    mon = startMonitor();
    try {
      await this.waitReady(mon, part, () => '', false);
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

  private async readLevel(chip: string, line: number, part: string): Promise<GpioValue> {
    let out: string;
    try {
      out = await run(this.tools.gpioget, ['-c', chip, String(line)]);
    } catch (cause) {
      throw new HalError('GPIO_UNAVAILABLE', `gpioget ${part} failed: ${String((cause as { stderr?: string }).stderr ?? '').trim()}`, { part, cause });
    }
    const v = parseGpiogetValue(out);
    if (v === null) throw new HalError('GPIO_UNAVAILABLE', `gpioget ${part} printed ${JSON.stringify(out)}`, { part });
    return v;
  }

  /**
   * A tool that cannot take the line (busy, no such line, no permission) exits at once. Trust it when it answered
   * our `get` (gpioset) or when it is still alive after readyMs.
   */
  private waitReady(child: ChildProcess, part: string, stderr: () => string, probe: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (err?: Error): void => {
        if (done) return;
        done = true;
        this.opts.clock.clear(timer);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        child.off('error', onError);
        if (err) reject(err);
        else resolve();
      };
      const onData = (): void => finish();
      const onExit = (code: number | null, signal: string | null): void =>
        finish(new HalError('GPIO_UNAVAILABLE', `gpio tool for ${part} exited (${code ?? signal}): ${stderr().trim()}`, { part }));
      const onError = (err: Error): void => finish(new HalError('GPIO_UNAVAILABLE', `gpio tool for ${part} failed: ${err.message}`, { part, cause: err }));
      const timer = this.opts.clock.setTimeout(() => finish(), this.opts.readyMs ?? 300);
      child.on('exit', onExit);
      child.on('error', onError);
      if (probe) child.stdout?.on('data', onData);
    });
  }
}
