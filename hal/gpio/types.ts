/**
 * GPIO as the drivers in hal/linux see it: logical levels (active-low already applied), debounced inputs, and
 * synchronous writes. The safety path opens the contactor with `write(0)` before any await, so a backend whose
 * writes cannot reach the hardware before `write` returns is not a valid backend.
 */
export type GpioValue = 0 | 1;
export type GpioEdge = 'both' | 'rising' | 'falling' | 'none';
export type GpioDirection = 'in' | 'out';

export interface GpioLineSpec {
  /** Chip as named by the backend: 'gpiochip0' (character device name) or a chip label; default: the first chip. */
  chip?: string;
  /** Line offset on the chip (on a Raspberry Pi: the BCM number). */
  line: number;
  direction: GpioDirection;
  /** Which logical edges `watch` reports; default 'both' for inputs. */
  edge?: GpioEdge;
  /** Logical 1 is the physical low level. */
  activeLow?: boolean;
  /** An input change is reported only after the level held this long (ms); 0 reports every edge at once. */
  debounceMs?: number;
  /** Logical level an output is driven to when it is opened; default 0 (every output's safe level is 0). */
  initial?: GpioValue;
}

export interface GpioLine {
  /** Logical level: for a debounced input, the last stable level. */
  read(): GpioValue;
  /** Drive an output; has reached the backend (kernel) when it returns. Throws HalError GPIO_UNAVAILABLE. */
  write(v: GpioValue): void;
  /** Called synchronously from the backend's edge notification (after debounce); returns the unsubscribe. */
  watch(cb: (v: GpioValue) => void): () => void;
  close(): void;
}

export interface GpioBackend {
  readonly name: 'onoff' | 'chardev' | 'fake';
  /** Rejects with HalError GPIO_UNAVAILABLE when the line cannot be had (missing, busy, no permission). */
  open(spec: GpioLineSpec): Promise<GpioLine>;
  /** Release every line this backend opened. */
  close(): Promise<void>;
}

/**
 * What a backend really talks to: physical levels, every edge, no debounce. `createLogicalLine` turns one into a
 * GpioLine, so active-low and debounce behave the same on every backend.
 */
export interface RawGpioLine {
  read(): GpioValue;
  write(v: GpioValue): void;
  /** Physical level after each hardware edge (may repeat a level; the logical line filters). */
  watch(cb: (v: GpioValue) => void): () => void;
  close(): void;
}
