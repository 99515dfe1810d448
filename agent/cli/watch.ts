/**
 * `status --watch`: the same call again every interval until Ctrl-C (exit 0). On a terminal each snapshot
 * replaces the last in place; into a pipe or a file each is printed under a time line, so a log of them reads
 * cleanly; with --json each is one JSON object on one line. An agent that goes away (a reset, a restart) is shown
 * as an error snapshot and watched on: that is when a technician watches.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import { ControlError } from '../control/protocol.js';
import { ReplyShapeError } from './errors.js';
import type { CliIo } from './io.js';
import { EXIT_OK } from './exit-codes.js';

export const CLEAR_SCREEN = '\x1b[2J';
export const CURSOR_HOME = '\x1b[H';
const ERASE_LINE_END = '\x1b[K';
const ERASE_BELOW = '\x1b[J';

export interface WatchOptions {
  io: CliIo;
  clock: Clock;
  json: boolean;
  intervalMs: number;
  title: string;
  call(): Promise<unknown>;
  render(result: unknown): string;
}

export async function watch(o: WatchOptions): Promise<number> {
  const { io, clock } = o;
  const tty = io.isTTY === true && !o.json;
  let stopped = false;
  let wake: (() => void) | null = null;
  const stop = () => {
    stopped = true;
    wake?.();
  };
  const offInterrupt = io.onInterrupt?.(stop);
  try {
    for (let first = true; !stopped; first = false) {
      const frame = await snapshot(o);
      if (stopped) break;
      const at = clock.now().toISOString();
      if (o.json) io.stdout.write(frame);
      else if (tty) {
        const text = `${o.title}  every ${o.intervalMs / 1000} s  ${at}  (Ctrl-C to quit)\n\n${frame}`;
        // Home and overwrite, each line erased to its end and the rest below: no blank flash between frames.
        const lines = text.replace(/\n$/, '').split('\n').map((l) => `${l}${ERASE_LINE_END}`);
        io.stdout.write(`${first ? CLEAR_SCREEN : ''}${CURSOR_HOME}${lines.join('\n')}\n${ERASE_BELOW}`);
      } else io.stdout.write(`${first ? '' : '\n'}=== ${o.title} at ${at} ===\n${frame}`);
      await new Promise<void>((resolve) => {
        let timer: TimerHandle | undefined = undefined;
        wake = () => {
          clock.clear(timer);
          resolve();
        };
        timer = clock.setTimeout(() => resolve(), o.intervalMs);
        if (stopped) wake();
      });
      wake = null;
    }
  } finally {
    offInterrupt?.();
  }
  return EXIT_OK;
}

async function snapshot(o: WatchOptions): Promise<string> {
  try {
    const result = await o.call();
    return o.json ? `${JSON.stringify(result ?? null)}\n` : o.render(result);
  } catch (err) {
    if (!(err instanceof ControlError) && !(err instanceof ReplyShapeError)) throw err;
    const code = err.code;
    return o.json ? `${JSON.stringify({ error: { code, message: err.message } })}\n` : `chargerctl: ${err.message}\n`;
  }
}
