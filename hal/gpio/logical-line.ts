import type { HalClock, HalTimerHandle } from '../types.js';
import type { GpioLine, GpioLineSpec, GpioValue, RawGpioLine } from './types.js';

/**
 * Active-low and debounce in our code rather than in the backend: sysfs, the character device tools and the fake
 * backend then agree exactly, and debounce runs on the injected clock so tests jump time. Without debounce a change
 * is delivered inside the backend's own edge callback (the RCD trip path relies on that).
 */
export function createLogicalLine(raw: RawGpioLine, spec: GpioLineSpec, clock: HalClock): GpioLine {
  const invert = spec.activeLow === true;
  const toLogical = (v: GpioValue): GpioValue => (invert ? ((v ^ 1) as GpioValue) : v);
  const debounceMs = Math.max(0, spec.debounceMs ?? 0);
  const edge = spec.edge ?? (spec.direction === 'in' ? 'both' : 'none');
  const listeners = new Set<(v: GpioValue) => void>();
  let stable: GpioValue = toLogical(raw.read());
  let timer: HalTimerHandle | null = null;
  let closed = false;

  const deliver = (next: GpioValue): void => {
    if (next === stable) return;
    stable = next;
    if (edge === 'none') return;
    if (edge === 'rising' && next !== 1) return;
    if (edge === 'falling' && next !== 0) return;
    for (const cb of [...listeners]) cb(next);
  };

  let unwatchRaw: (() => void) | null = null;
  if (spec.direction === 'in') {
    unwatchRaw = raw.watch((physical) => {
      if (closed) return;
      if (debounceMs === 0) {
        deliver(toLogical(physical));
        return;
      }
      // Restart the window on every edge: the level must hold debounceMs without a further edge.
      clock.clear(timer);
      timer = clock.setTimeout(() => {
        timer = null;
        if (!closed) deliver(toLogical(raw.read()));
      }, debounceMs);
    });
  }

  return {
    read(): GpioValue {
      if (spec.direction === 'out' || debounceMs > 0) return stable;
      stable = toLogical(raw.read());
      return stable;
    },
    write(v: GpioValue): void {
      raw.write(invert ? ((v ^ 1) as GpioValue) : v);
      stable = v;
    },
    watch(cb: (v: GpioValue) => void): () => void {
      listeners.add(cb);
      return () => {
        listeners.delete(cb);
      };
    },
    close(): void {
      if (closed) return;
      closed = true;
      clock.clear(timer);
      timer = null;
      unwatchRaw?.();
      listeners.clear();
      raw.close();
    },
  };
}

/** Physical level that puts a line at logical `v`. */
export function physicalLevel(v: GpioValue, activeLow: boolean | undefined): GpioValue {
  return activeLow ? ((v ^ 1) as GpioValue) : v;
}
