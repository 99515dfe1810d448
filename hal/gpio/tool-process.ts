import type { ChildProcess } from 'node:child_process';
import { HalError } from '../errors.js';
import type { HalClock } from '../types.js';

/**
 * A tool that cannot take the line (busy, no such line, no permission) exits at once. Trust it when it printed
 * something (with `answers`: the interactive gpioset answering our `get`) or when it is still alive after readyMs.
 */
export function waitReady(child: ChildProcess, opts: { clock: HalClock; readyMs: number; part: string; stderr: () => string; answers: boolean }): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      opts.clock.clear(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onData = (): void => finish();
    const onExit = (code: number | null, signal: string | null): void =>
      finish(new HalError('GPIO_UNAVAILABLE', `gpio tool for ${opts.part} exited (${code ?? signal}): ${opts.stderr().trim()}`, { part: opts.part }));
    const onError = (err: Error): void => finish(new HalError('GPIO_UNAVAILABLE', `gpio tool for ${opts.part} failed: ${err.message}`, { part: opts.part, cause: err }));
    const timer = opts.clock.setTimeout(() => finish(), opts.readyMs);
    child.on('exit', onExit);
    child.on('error', onError);
    if (opts.answers) child.stdout?.on('data', onData);
  });
}

/** Keeps the last `max` characters a child wrote to stderr, for error messages. */
export function stderrTail(child: ChildProcess, max = 500): () => string {
  let text = '';
  child.stderr?.on('data', (d: Buffer) => {
    text = (text + d.toString()).slice(-max);
  });
  return () => text;
}
