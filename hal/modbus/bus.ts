/**
 * What a meter driver needs from a Modbus transport (RTU serial line or TCP gateway): one typed read. The bus
 * is the single owner of its line: requests are queued and go out one at a time, with a per-request timeout and
 * retries taken from the injected clock.
 */
import { HalError, type HalErrorCode } from '../errors.js';
import type { HalClock, HalLifecycle, HalTimerHandle } from '../types.js';
import type { ReadRequest } from './pdu.js';

export interface ModbusBus extends HalLifecycle {
  /** Identity of the line, also the registry key: 'rtu:/dev/ttyUSB0', 'tcp:192.0.2.7:502'. */
  readonly key: string;
  /**
   * Reads `count` registers. Rejects with HalError: MODBUS_* for a bad or missing reply (after the retries),
   * PORT_CLOSED when the bus is stopped, PORT_ERROR when the port or socket cannot be used, BAD_CONFIG for a
   * request the protocol cannot express.
   */
  readRegisters(req: ReadRequest): Promise<Uint16Array>;
  readonly stats: Readonly<BusStats>;
}

export interface BusStats {
  /** Requests put on the line, retries included. */
  sent: number;
  /** Valid replies. */
  ok: number;
  timeouts: number;
  /** CRC, short frame, wrong unit, wrong function, byte count, MBAP errors. */
  badFrames: number;
  exceptions: number;
  retries: number;
  /** Bytes or frames that arrived while no request was waiting (late replies, line noise). */
  stray: number;
}

export function emptyStats(): BusStats {
  return { sent: 0, ok: 0, timeouts: 0, badFrames: 0, exceptions: 0, retries: 0, stray: 0 };
}

export interface RequestPolicy {
  /** Time to wait for a reply, ms, counted from the end of the request's transmission. */
  timeoutMs: number;
  /** Further attempts after a failed one (timeouts and corrupted replies only). */
  retries: number;
}

/** Faults that a second attempt may cure: noise, collisions, a late reply, a busy device. */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof HalError)) return false;
  const transient: HalErrorCode[] = [
    'MODBUS_TIMEOUT',
    'MODBUS_CRC',
    'MODBUS_SHORT_FRAME',
    'MODBUS_WRONG_UNIT',
    'MODBUS_WRONG_FUNCTION',
    'MODBUS_BYTE_COUNT',
    'MODBUS_BAD_MBAP',
  ];
  if (transient.includes(err.code)) return true;
  // 5 = acknowledge (accepted, still working), 6 = server device busy: the device asks to be asked again.
  return err.code === 'MODBUS_EXCEPTION' && (err.details.modbusCode === 5 || err.details.modbusCode === 6);
}

export function countFailure(stats: BusStats, err: unknown): void {
  if (!(err instanceof HalError)) return;
  if (err.code === 'MODBUS_TIMEOUT') stats.timeouts++;
  else if (err.code === 'MODBUS_EXCEPTION') stats.exceptions++;
  else if (err.code.startsWith('MODBUS_')) stats.badFrames++;
}

/**
 * Runs jobs strictly one after another: the next job starts only when the previous one settled. This is the
 * "one request in flight" rule of a Modbus master; a shared RS-485 line cannot carry two.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  run<T>(job: () => Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(() => {
      this.waiting--;
      return job();
    });
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Jobs queued or running. */
  get length(): number {
    return this.waiting;
  }
}

/**
 * A clock-based wait that stop() can cut short: `wait` rejects with PORT_CLOSED when `cancel` is called, so a
 * stopping bus leaves no timer behind.
 */
export class CancellableDelay {
  private handle: HalTimerHandle | null = null;
  private rejectFn: ((e: Error) => void) | null = null;

  constructor(private readonly clock: HalClock) {}

  wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.rejectFn = reject;
      this.handle = this.clock.setTimeout(() => {
        this.handle = null;
        this.rejectFn = null;
        resolve();
      }, ms);
    });
  }

  cancel(reason: string): void {
    this.clock.clear(this.handle);
    this.handle = null;
    const reject = this.rejectFn;
    this.rejectFn = null;
    reject?.(new HalError('PORT_CLOSED', reason));
  }
}

/**
 * One logical read: the first attempt plus `policy.retries` more for transient faults. Counts every failure in
 * `stats`; the error of the last attempt is what the caller sees.
 */
export async function withRetries<T>(policy: RequestPolicy, stats: BusStats, attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      const result = await attempt();
      stats.ok++;
      return result;
    } catch (err) {
      countFailure(stats, err);
      if (i >= policy.retries || !isRetryable(err)) throw err;
      stats.retries++;
    }
  }
}

/** BAD_CONFIG unless `value` is an integer in [min, max]. */
export function checkInt(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new HalError('BAD_CONFIG', `${name} must be an integer in ${min}..${max} (got ${JSON.stringify(value)})`);
  }
  return value;
}
