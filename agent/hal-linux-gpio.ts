/**
 * The running agent holds every GPIO line of its board, so a bring-up probe cannot open them a second time (the
 * kernel says "busy"). The agent therefore wraps its backend in a HeldGpioBackend, which remembers each line it
 * handed out, and `hal.probe` reads those lines through `heldView()`: same levels, nothing re-opened, nothing
 * driven.
 */
import { HalError } from '../hal/errors.js';
import type { GpioBackend, GpioLine, GpioLineSpec } from '../hal/gpio/types.js';

interface Held {
  spec: GpioLineSpec;
  line: GpioLine;
}

function key(chip: string | undefined, line: number): string {
  return `${chip ?? ''}:${line}`;
}

export class HeldGpioBackend implements GpioBackend {
  private readonly held = new Map<string, Held>();

  constructor(readonly inner: GpioBackend) {}

  get name(): GpioBackend['name'] {
    return this.inner.name;
  }

  async open(spec: GpioLineSpec): Promise<GpioLine> {
    const line = await this.inner.open(spec);
    const k = key(spec.chip, spec.line);
    const entry: Held = { spec, line };
    this.held.set(k, entry);
    return {
      read: () => line.read(),
      write: (v) => line.write(v),
      watch: (cb) => line.watch(cb),
      close: () => {
        if (this.held.get(k) === entry) this.held.delete(k);
        line.close();
      },
    };
  }

  async close(): Promise<void> {
    this.held.clear();
    await this.inner.close();
  }

  /** The line as the agent holds it, or undefined when no part holds it (it failed to start, or was stopped). */
  lookup(chip: string | undefined, line: number): Held | undefined {
    return this.held.get(key(chip, line));
  }

  /**
   * A backend for probeBoard() inside the agent: open() answers with a read-only view of the held line and
   * rejects for a line nobody holds; closing a view releases nothing.
   */
  heldView(): GpioBackend {
    return {
      name: this.inner.name,
      open: async (spec) => {
        const h = this.lookup(spec.chip, spec.line);
        if (!h) throw new HalError('GPIO_UNAVAILABLE', `${spec.chip ?? 'default chip'} line ${spec.line} is not held by chargerd (its part did not start)`, { part: key(spec.chip, spec.line) });
        return {
          read: () => h.line.read(),
          write: () => {
            throw new HalError('GPIO_UNAVAILABLE', 'probe view is read-only', { part: key(spec.chip, spec.line) });
          },
          watch: () => () => undefined,
          close: () => undefined,
        };
      },
      close: async () => undefined,
    };
  }
}
