/**
 * Modbus RTU master on one serial port (RS-485). The single owner of that port: several meters (unit ids) share
 * it through one RtuBus, whose queue keeps one request on the line at a time.
 *
 * Framing: a reply ends at t3.5 of silence (InterByteTimeoutParser with the interval computed from the line
 * settings), or as soon as the expected number of bytes arrived, whichever is first — the parser's
 * maxBufferSize is set to the expected reply length for each request. Before each request the line must have
 * been quiet for t3.5 (+ `turnaroundMs`), which also lets a late reply to an earlier, timed-out request drain
 * as a stray frame instead of being taken for the next reply.
 *
 * USB-RS485 adapters deliver bytes in bursts (FTDI latency timer, 16 ms by default), which can cut one frame
 * into two by the t3.5 rule and show up as MODBUS_SHORT_FRAME: lower the adapter's latency timer, or raise
 * `interFrameMs` in the bus config.
 *
 * The port is opened in start(); start() rejects with PORT_ERROR when it cannot be opened. When the port closes
 * underneath (adapter unplugged), the next request reopens it. Timeouts and the inter-frame wait use the
 * injected clock; the port itself comes from an injectable factory (tests pass SerialPortMock).
 */
import type { Duplex } from 'node:stream';
import { InterByteTimeoutParser } from '@serialport/parser-inter-byte-timeout';
import { HalError } from '../errors.js';
import type { HalClock, HalTimerHandle } from '../types.js';
import {
  CancellableDelay,
  SerialQueue,
  checkInt,
  emptyStats,
  withRetries,
  type BusStats,
  type ModbusBus,
  type RequestPolicy,
} from './bus.js';
import { buildRtuReadRequest, checkReadRequest, hex, parseRtuReadReply, rtuReplyLength, type ReadRequest } from './pdu.js';

export type Parity = 'none' | 'even' | 'odd';

export interface RtuBusConfig {
  /** Serial device, e.g. /dev/ttyUSB0 or /dev/ttyAMA0. */
  path: string;
  baudRate: number;
  /** Default 'none'. */
  parity?: Parity;
  /** Default 8. */
  dataBits?: 7 | 8;
  /** Default 1. */
  stopBits?: 1 | 2;
  /** Reply timeout after the request and the expected reply had time to cross the line. Default 500 ms. */
  timeoutMs?: number;
  /** Extra attempts for timeouts and corrupted replies. Default 2. */
  retries?: number;
  /** Silence that ends a frame, ms. Default t3.5 for the line settings (1.75 ms above 19200 baud). */
  interFrameMs?: number;
  /** Extra quiet time before each request, for meters that need a pause between frames. Default 0. */
  turnaroundMs?: number;
}

export const RTU_DEFAULTS = { parity: 'none' as Parity, dataBits: 8 as const, stopBits: 1 as const, timeoutMs: 500, retries: 2, turnaroundMs: 0 };

/** What RtuBus needs from a serial port: serialport's SerialPort and SerialPortMock both fit. */
export type SerialPortLike = Duplex & {
  readonly isOpen: boolean;
  open(callback: (err: Error | null) => void): void;
  close(callback: (err: Error | null) => void): void;
};

export interface SerialOpenOptions {
  path: string;
  baudRate: number;
  dataBits: 7 | 8;
  stopBits: 1 | 2;
  parity: Parity;
  autoOpen: false;
}

export type SerialPortFactory = (options: SerialOpenOptions) => SerialPortLike | Promise<SerialPortLike>;

export interface RtuBusDeps {
  clock: HalClock;
  /** Creates the (not yet open) port. Default: serialport's SerialPort, loaded on first use. */
  openPort?: SerialPortFactory;
}

/** Largest RTU frame (Modbus over Serial Line §2.5.1). */
export const MAX_RTU_ADU = 256;

/** Bits on the line per byte: start + data + parity + stop. */
export function bitsPerChar(dataBits: number, parity: Parity, stopBits: number): number {
  return 1 + dataBits + (parity === 'none' ? 0 : 1) + stopBits;
}

/**
 * t3.5: 3.5 character times, or the fixed 1.75 ms the Modbus serial-line spec prescribes above 19200 baud
 * (where per-character timing would demand too much of the receiver).
 */
export function t35Ms(baudRate: number, bits: number): number {
  if (baudRate > 19200) return 1.75;
  return (3.5 * bits * 1000) / baudRate;
}

async function systemPort(options: SerialOpenOptions): Promise<SerialPortLike> {
  // Loaded here, not at the top, so sim and unit-test builds never load the native binding.
  const { SerialPort } = await import('serialport');
  return new SerialPort(options) as unknown as SerialPortLike;
}

interface Pending {
  onFrame(frame: Uint8Array): void;
  fail(err: HalError): void;
}

export class RtuBus implements ModbusBus {
  readonly stats: BusStats = emptyStats();
  private readonly queue = new SerialQueue();
  private readonly delay: CancellableDelay;
  private running = false;
  private port: SerialPortLike | null = null;
  private parser: InterByteTimeoutParser | null = null;
  private opening: Promise<SerialPortLike> | null = null;
  private pending: Pending | null = null;
  private lastActivityMs = Number.NEGATIVE_INFINITY;
  private unwire: (() => void) | null = null;

  constructor(
    private readonly config: RtuBusConfig,
    private readonly deps: RtuBusDeps,
  ) {
    this.delay = new CancellableDelay(deps.clock);
  }

  get key(): string {
    return `rtu:${this.config.path}`;
  }

  /** Serial settings after defaults (for the registry's conflict check and logs). */
  get settings(): Required<Omit<RtuBusConfig, 'interFrameMs'>> & { interFrameMs: number } {
    const c = this.config;
    const parity = c.parity ?? RTU_DEFAULTS.parity;
    const dataBits = c.dataBits ?? RTU_DEFAULTS.dataBits;
    const stopBits = c.stopBits ?? RTU_DEFAULTS.stopBits;
    return {
      path: c.path,
      baudRate: c.baudRate,
      parity,
      dataBits,
      stopBits,
      timeoutMs: c.timeoutMs ?? RTU_DEFAULTS.timeoutMs,
      retries: c.retries ?? RTU_DEFAULTS.retries,
      turnaroundMs: c.turnaroundMs ?? RTU_DEFAULTS.turnaroundMs,
      interFrameMs: c.interFrameMs ?? t35Ms(c.baudRate, bitsPerChar(dataBits, parity, stopBits)),
    };
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.checkConfig();
    this.running = true;
    try {
      await this.ensureOpen();
    } catch (err) {
      this.running = false;
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (!this.running && !this.port && !this.opening) return;
    this.running = false;
    this.delay.cancel(`${this.key} stopped`);
    this.pending?.fail(new HalError('PORT_CLOSED', `${this.key} stopped`));
    // An open in progress sees `running` false when it completes and closes the port itself.
    if (this.opening) await this.opening.catch(() => undefined);
    const port = this.port;
    this.detach();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  readRegisters(req: ReadRequest): Promise<Uint16Array> {
    try {
      checkReadRequest(req);
    } catch (err) {
      return Promise.reject(err);
    }
    const frame = buildRtuReadRequest(req);
    const policy: RequestPolicy = { timeoutMs: this.settings.timeoutMs, retries: this.settings.retries };
    return this.queue.run(() => withRetries(policy, this.stats, () => this.transact(req, frame, policy)));
  }

  private checkConfig(): void {
    const c = this.config;
    if (typeof c.path !== 'string' || c.path.length === 0) throw new HalError('BAD_CONFIG', 'RTU bus needs a serial port path');
    checkInt(`${this.key} baudRate`, c.baudRate, 300, 921600);
    if (c.parity !== undefined && !['none', 'even', 'odd'].includes(c.parity)) throw new HalError('BAD_CONFIG', `${this.key} parity must be none, even or odd`);
    if (c.dataBits !== undefined && c.dataBits !== 7 && c.dataBits !== 8) throw new HalError('BAD_CONFIG', `${this.key} dataBits must be 7 or 8`);
    if (c.stopBits !== undefined && c.stopBits !== 1 && c.stopBits !== 2) throw new HalError('BAD_CONFIG', `${this.key} stopBits must be 1 or 2`);
    if (c.timeoutMs !== undefined) checkInt(`${this.key} timeoutMs`, c.timeoutMs, 1, 60000);
    if (c.retries !== undefined) checkInt(`${this.key} retries`, c.retries, 0, 10);
    if (c.turnaroundMs !== undefined) checkInt(`${this.key} turnaroundMs`, c.turnaroundMs, 0, 10000);
    if (c.interFrameMs !== undefined && !(typeof c.interFrameMs === 'number' && c.interFrameMs >= 1 && c.interFrameMs <= 1000)) {
      throw new HalError('BAD_CONFIG', `${this.key} interFrameMs must be a number in 1..1000`);
    }
  }

  /** Milliseconds one byte takes on the line. */
  private charMs(): number {
    const s = this.settings;
    return (bitsPerChar(s.dataBits, s.parity, s.stopBits) * 1000) / s.baudRate;
  }

  private async transact(req: ReadRequest, frame: Uint8Array, policy: RequestPolicy): Promise<Uint16Array> {
    const port = await this.ensureOpen();
    const s = this.settings;
    const gap = Math.ceil(s.interFrameMs) + 1 + s.turnaroundMs;
    const quietFor = this.deps.clock.monotonicMs() - this.lastActivityMs;
    if (quietFor < gap) await this.delay.wait(gap - quietFor);
    if (!this.running || this.port !== port || !this.parser) throw new HalError('PORT_CLOSED', `${this.key} closed`);
    const parser = this.parser;
    const expected = rtuReplyLength(req);
    const timeoutMs = policy.timeoutMs + this.charMs() * (frame.length + expected);

    return new Promise<Uint16Array>((resolve, reject) => {
      let timer: HalTimerHandle | null = null;
      const settle = (err: Error | null, regs?: Uint16Array): void => {
        if (this.pending !== pending) return;
        this.pending = null;
        this.deps.clock.clear(timer);
        parser.maxBufferSize = MAX_RTU_ADU;
        this.lastActivityMs = this.deps.clock.monotonicMs();
        if (err) reject(err);
        else resolve(regs!);
      };
      const pending: Pending = {
        onFrame: (reply) => {
          try {
            settle(null, parseRtuReadReply(req, frame, reply));
          } catch (err) {
            settle(err as Error);
          }
        },
        fail: (err) => settle(err),
      };
      this.pending = pending;
      parser.maxBufferSize = expected;
      this.stats.sent++;
      timer = this.deps.clock.setTimeout(() => {
        settle(new HalError('MODBUS_TIMEOUT', `no reply from unit ${req.unitId} on ${this.config.path} within ${Math.round(timeoutMs)} ms (request ${hex(frame)})`, { request: frame }));
      }, timeoutMs);
      port.write(Buffer.from(frame), (err) => {
        if (err) settle(new HalError('PORT_ERROR', `write to ${this.config.path} failed: ${err.message}`, { request: frame, cause: err }));
      });
    });
  }

  private ensureOpen(): Promise<SerialPortLike> {
    if (!this.running) return Promise.reject(new HalError('PORT_CLOSED', `${this.key} is not started`));
    if (this.port?.isOpen) return Promise.resolve(this.port);
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async open(): Promise<SerialPortLike> {
    this.detach();
    const s = this.settings;
    const options: SerialOpenOptions = { path: s.path, baudRate: s.baudRate, dataBits: s.dataBits, stopBits: s.stopBits, parity: s.parity, autoOpen: false };
    let port: SerialPortLike;
    try {
      port = await (this.deps.openPort ?? systemPort)(options);
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch (cause) {
      throw new HalError('PORT_ERROR', `cannot open ${s.path}: ${(cause as Error).message}`, { cause });
    }
    if (!this.running) {
      await new Promise<void>((resolve) => port.close(() => resolve()));
      throw new HalError('PORT_CLOSED', `${this.key} stopped while opening`);
    }
    const parser = new InterByteTimeoutParser({ interval: s.interFrameMs, maxBufferSize: MAX_RTU_ADU });
    const onData = (): void => {
      this.lastActivityMs = this.deps.clock.monotonicMs();
    };
    const onFrame = (frame: Buffer): void => {
      this.lastActivityMs = this.deps.clock.monotonicMs();
      if (this.pending) this.pending.onFrame(new Uint8Array(frame));
      else this.stats.stray++;
    };
    const onError = (err: Error): void => {
      this.pending?.fail(new HalError('PORT_ERROR', `${s.path}: ${err.message}`, { cause: err }));
    };
    const onClose = (): void => {
      if (this.port !== port) return;
      this.pending?.fail(new HalError('PORT_CLOSED', `${s.path} closed unexpectedly`));
      this.detach();
    };
    port.on('data', onData);
    port.on('error', onError);
    port.on('close', onClose);
    parser.on('data', onFrame);
    port.pipe(parser);
    this.unwire = () => {
      port.off('data', onData);
      port.off('error', onError);
      port.off('close', onClose);
      // An 'error' with no listener would crash the process; a detached port's errors no longer matter.
      port.on('error', () => undefined);
      port.unpipe(parser);
      parser.off('data', onFrame);
      // The parser's own t3.5 timer would otherwise fire after stop() and push into a dead stream.
      if (parser.intervalID) clearTimeout(parser.intervalID);
      parser.destroy();
    };
    this.port = port;
    this.parser = parser;
    return port;
  }

  private detach(): void {
    this.unwire?.();
    this.unwire = null;
    this.port = null;
    this.parser = null;
  }
}
