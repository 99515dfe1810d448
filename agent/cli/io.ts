import type { Clock } from '../clock/clock.js';

export interface TextSink {
  write(text: string): unknown;
}

/** Everything main() touches outside itself, so tests run it in-process. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  /** Defaults to a SystemClock (the call timeout, `--watch` intervals). */
  clock?: Clock;
  /** stdout is a terminal: `--watch` refreshes in place instead of printing snapshot after snapshot. */
  isTTY?: boolean;
  /** Call `fn` on Ctrl-C / SIGTERM (ends `--watch` with exit 0); returns the unsubscribe. */
  onInterrupt?(fn: () => void): () => void;
}
