/**
 * Reconnect delays: exponential growth from `initialMs` up to `maxMs`, with jitter, reset after a successful
 * connection (OCPP-J 1.6 errata 3.4: retry after HTTP 404 "with an appropriate back-off"; 2.0.1 errata 2025-04:
 * reset the back-off after a successful connection).
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Growth per failed attempt (default 2). */
  factor?: number;
  /**
   * Fraction 0..1 of each delay that is randomised (default 0.2). The random part is taken off the nominal delay,
   * not added: after a CSMS outage a whole fleet sits at `maxMs`, and spreading it below the cap (instead of
   * clamping everyone back onto it) is what keeps them from reconnecting in one burst.
   */
  jitter?: number;
}

export class Backoff {
  private failures = 0;
  private readonly factor: number;
  private readonly jitter: number;

  constructor(
    private readonly options: BackoffOptions,
    /** Uniform in [0, 1); injected so tests get exact delays. */
    private readonly random: () => number = Math.random,
  ) {
    this.factor = Math.max(1, options.factor ?? 2);
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0.2));
  }

  /** Delay before the next attempt; each call counts one more failure. */
  next(): number {
    const initial = Math.max(0, this.options.initialMs);
    const max = Math.max(initial, this.options.maxMs);
    // Cap the exponent so a station offline for weeks cannot overflow to Infinity.
    const nominal = Math.min(max, initial * this.factor ** Math.min(this.failures, 64));
    this.failures++;
    return Math.round(nominal * (1 - this.jitter * this.random()));
  }

  /** After a successful connection: the next delay is `initialMs` again. */
  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}
