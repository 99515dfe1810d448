/**
 * An output line held by a gpioset process, in one of two ways (see chardev-backend.ts for the whole picture):
 *
 * - interactive (v2 gpioset built with -i): one process for the life of the line; a level change is a `set`
 *   command written into its stdin FIFO by write(2) before write() returns.
 * - replacing (v1, and v2 without -i): gpioset holds one level until SIGTERM, so a change signals the holder
 *   (kill(2), before write() returns) and starts a successor at the new level once the holder has exited and
 *   let go of the line. The pin changes a few milliseconds after write() returns, and between the two processes
 *   the line is released: the board's pull-downs hold relays and motors off then.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants as fsc, openSync, rmSync, writeSync } from 'node:fs';
import { HalError } from '../errors.js';
import type { HalClock } from '../types.js';
import type { LibgpiodDialect } from './libgpiod-tools.js';
import { stderrTail, waitReady } from './tool-process.js';
import type { GpioLineSpec, GpioValue, RawGpioLine } from './types.js';

export interface OutputContext {
  gpioset: string;
  dialect: LibgpiodDialect;
  clock: HalClock;
  chip: string;
  spec: GpioLineSpec;
  /** Physical level the line is opened at. */
  initial: GpioValue;
  readyMs: number;
  /** How long a gpioset asked to exit may take before it is signalled. */
  exitMs: number;
  onError?: (err: Error, spec: GpioLineSpec) => void;
}

export async function openInteractiveOutput(c: OutputContext, fifo: string): Promise<RawGpioLine> {
  const { spec } = c;
  const part = `${c.chip}:${spec.line}`;
  let level = c.initial;
  let holder: { child: ChildProcess; wr: number; alive: boolean; stderr: () => string } | null = null;
  let closing = false;

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
    // O_RDWR never blocks on a FIFO, and the child holding a write end never sees EOF (gpioset 2.x would spin on it).
    const rd = openSync(fifo, fsc.O_RDWR);
    let wr: number;
    let child: ChildProcess;
    try {
      wr = openSync(fifo, fsc.O_WRONLY | fsc.O_NONBLOCK);
      child = spawn(c.gpioset, c.dialect.interactiveArgs(c.chip, spec.line, v), { stdio: [rd, 'pipe', 'pipe'] });
    } finally {
      closeSync(rd);
    }
    const h = { child, wr, alive: true, stderr: stderrTail(child) };
    child.stdout?.resume();
    child.on('error', (err) => {
      h.alive = false;
      if (!closing) c.onError?.(err, spec);
    });
    child.on('exit', (code, signal) => {
      h.alive = false;
      if (!closing) c.onError?.(new HalError('GPIO_UNAVAILABLE', `gpioset for ${part} exited (${code ?? signal}): ${h.stderr().trim()}`, { part }), spec);
    });
    holder = h;
    level = v;
  };

  try {
    startHolder(level);
  } catch (cause) {
    throw new HalError('GPIO_UNAVAILABLE', `cannot start gpioset for ${part}`, { part, cause });
  }
  const first = holder!;
  // When stdout is not a tty, gpioset prints its prompt before each command: an answer means the line is ours.
  const ready = waitReady(first.child, { clock: c.clock, readyMs: c.readyMs, part, stderr: first.stderr, answers: true });
  try {
    writeSync(first.wr, 'get\n');
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
        // "exit" queued behind the last "set": the level written last (the safe one, when stopping) is applied
        // before gpioset lets go. A signal could end it with commands still unread in the pipe.
        let asked = false;
        if (h.alive) {
          try {
            writeSync(h.wr, 'exit\n');
            asked = true;
          } catch {
            /* gone already, or the pipe is full: signal it */
          }
        }
        try {
          closeSync(h.wr);
        } catch {
          /* closed by a failed write */
        }
        if (!asked) h.child.kill('SIGTERM');
        else {
          const t = c.clock.setTimeout(() => h.child.kill('SIGTERM'), c.exitMs);
          h.child.once('exit', () => c.clock.clear(t));
        }
      }
      rmSync(fifo, { force: true });
    },
  };
}

interface Holder {
  child: ChildProcess;
  level: GpioValue;
  alive: boolean;
  /** We signalled it to make room for a successor. */
  replacing: boolean;
  stderr: () => string;
}

export async function openReplacingOutput(c: OutputContext): Promise<RawGpioLine> {
  const { spec } = c;
  const part = `${c.chip}:${spec.line}`;
  let wanted = c.initial;
  let holder: Holder | null = null;
  let closing = false;

  const setOnce = (v: GpioValue): void => {
    const child = spawn(c.gpioset, c.dialect.setOnceArgs(c.chip, spec.line, v), { stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr = stderrTail(child);
    child.on('error', (err) => c.onError?.(err, spec));
    child.on('exit', (code) => {
      if (code !== 0) c.onError?.(new HalError('GPIO_UNAVAILABLE', `gpioset setting ${part} to ${v} on release failed (${code}): ${stderr().trim()}`, { part }), spec);
    });
  };

  const start = (v: GpioValue): Holder => {
    const child = spawn(c.gpioset, c.dialect.holdArgs(c.chip, spec.line, v), { stdio: ['ignore', 'pipe', 'pipe'] });
    const h: Holder = { child, level: v, alive: true, replacing: false, stderr: stderrTail(child) };
    child.stdout?.resume();
    child.on('error', (err) => {
      h.alive = false;
      if (!closing && !h.replacing) c.onError?.(err, spec);
    });
    child.on('exit', (code, signal) => {
      h.alive = false;
      if (holder !== h) return;
      if (!h.replacing) {
        if (!closing) c.onError?.(new HalError('GPIO_UNAVAILABLE', `gpioset for ${part} exited (${code ?? signal}): ${h.stderr().trim()}`, { part }), spec);
        return;
      }
      holder = null;
      // The line is free now. While closing, the level asked for last is still applied, once, so that a
      // write(0) just before close() is not lost with the holder that still drove 1.
      if (closing) {
        if (wanted !== h.level) setOnce(wanted);
        return;
      }
      try {
        holder = start(wanted);
      } catch (cause) {
        c.onError?.(new HalError('GPIO_UNAVAILABLE', `gpioset for ${part} cannot be restarted`, { part, cause }), spec);
      }
    });
    return h;
  };

  let first: Holder;
  try {
    first = holder = start(wanted);
  } catch (cause) {
    throw new HalError('GPIO_UNAVAILABLE', `cannot start gpioset for ${part}`, { part, cause });
  }
  await waitReady(first.child, { clock: c.clock, readyMs: c.readyMs, part, stderr: first.stderr, answers: false });

  return {
    read: () => wanted,
    write: (v) => {
      wanted = v;
      const h = holder;
      if (h?.alive) {
        // A holder being replaced already starts its successor at `wanted`.
        if (h.replacing || h.level === v) return;
        h.replacing = true;
        h.child.kill('SIGTERM');
        return;
      }
      try {
        holder = start(v);
      } catch (cause) {
        throw new HalError('GPIO_UNAVAILABLE', `gpioset for ${part} cannot be restarted`, { part, cause });
      }
    },
    watch: () => () => undefined,
    close: () => {
      closing = true;
      const h = holder;
      if (h?.alive && !h.replacing) h.child.kill('SIGTERM');
    },
  };
}
