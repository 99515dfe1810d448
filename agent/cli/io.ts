import type { Clock } from '../clock/clock.js';

export interface TextSink {
  write(text: string): unknown;
}

/** Everything main() touches outside itself, so tests run it in-process. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  /** Defaults to a SystemClock (used only for the call timeout). */
  clock?: Clock;
}
