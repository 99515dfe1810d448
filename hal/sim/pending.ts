import type { HalClock, HalTimerHandle } from '../types.js';

/**
 * Operations of a simulated part that complete after a delay (lock travel, RCD self-test). stop() rejects every
 * one still running with its own abort error, so no caller waits forever on a timer that no longer exists.
 */
export class PendingOps {
  private readonly ops = new Map<HalTimerHandle, { reject: (err: Error) => void; abortError: () => Error }>();

  constructor(private readonly clock: HalClock) {}

  run<T>(ms: number, finish: () => T, abortError: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const handle = this.clock.setTimeout(() => {
        this.ops.delete(handle);
        try {
          resolve(finish());
        } catch (err) {
          reject(err);
        }
      }, ms);
      this.ops.set(handle, { reject, abortError });
    });
  }

  abortAll(): void {
    const ops = [...this.ops];
    this.ops.clear();
    for (const [handle, op] of ops) {
      this.clock.clear(handle);
      op.reject(op.abortError());
    }
  }
}
