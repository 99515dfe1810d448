import type { GpioLine } from './types.js';

/**
 * The lines a backend has handed out and not yet closed, so that the backend's close() releases every one (outputs
 * back to their held level, watchers and child processes gone) even when a caller forgot its own.
 */
export class TrackedLines {
  private readonly open = new Set<GpioLine>();

  /** `line` as the caller gets it: closing it, by the caller or by closeAll(), also forgets it. */
  track(line: GpioLine): GpioLine {
    const tracked: GpioLine = {
      read: () => line.read(),
      write: (v) => line.write(v),
      watch: (cb) => line.watch(cb),
      close: () => {
        this.open.delete(tracked);
        line.close();
      },
    };
    this.open.add(tracked);
    return tracked;
  }

  /** Close every line still open, in the order they were opened. */
  closeAll(): void {
    for (const line of [...this.open]) line.close();
  }
}
