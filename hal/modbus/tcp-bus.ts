/**
 * Modbus TCP master (MBAP framing) for meters behind an RTU-to-TCP gateway or with a native TCP port. Same
 * request API as RtuBus; one request in flight per connection, because most gateways serialise onto their
 * RS-485 side anyway and some mishandle pipelining.
 *
 * The connection is made lazily on the first request and re-made after it drops (gateways reboot), so start()
 * does not fail when the gateway is unreachable — the reads do, with PORT_ERROR, and the meter supervisor turns
 * repeated failures into a fault. Reply checks: MBAP length and protocol id, transaction id (a reply with an
 * older id is a late answer to a timed-out request and is dropped), unit id, exception, function code, byte
 * count. Three timeouts in a row drop the connection, since a half-open TCP session looks exactly like that.
 */
import { createConnection, type Socket } from 'node:net';
import { HalError } from '../errors.js';
import type { HalClock, HalTimerHandle } from '../types.js';
import {
  SerialQueue,
  checkInt,
  emptyStats,
  withRetries,
  type BusStats,
  type ModbusBus,
  type RequestPolicy,
} from './bus.js';
import { buildReadPdu, checkReadRequest, hex, parsePdu, type ReadRequest } from './pdu.js';

export interface TcpBusConfig {
  host: string;
  /** Default 502. */
  port?: number;
  /** Default 1000 ms (a gateway adds its own serial round trip). */
  timeoutMs?: number;
  /** Default 1. */
  retries?: number;
  /** Default 3000 ms. */
  connectTimeoutMs?: number;
}

export const TCP_DEFAULTS = { port: 502, timeoutMs: 1000, retries: 1, connectTimeoutMs: 3000 };

export type SocketFactory = (options: { host: string; port: number }) => Socket;

export interface TcpBusDeps {
  clock: HalClock;
  /** Default: node:net createConnection. */
  connect?: SocketFactory;
}

const MBAP_HEADER = 7;
/** Timeouts in a row after which the connection is assumed dead and re-made. */
const TIMEOUTS_BEFORE_RECONNECT = 3;

interface Pending {
  txId: number;
  onFrame(frame: Uint8Array): void;
  fail(err: HalError): void;
}

/** The MBAP-framed request: transaction id, protocol 0, length, unit, PDU. */
export function buildTcpReadRequest(txId: number, req: ReadRequest): Uint8Array {
  const pdu = buildReadPdu(req);
  const out = new Uint8Array(MBAP_HEADER + pdu.length);
  out[0] = (txId >>> 8) & 0xff;
  out[1] = txId & 0xff;
  out[4] = 0;
  out[5] = 1 + pdu.length;
  out[6] = req.unitId;
  out.set(pdu, MBAP_HEADER);
  return out;
}

/** Validates a complete MBAP reply frame (already matched by transaction id) and returns its registers. */
export function parseTcpReadReply(req: ReadRequest, request: Uint8Array, frame: Uint8Array): Uint16Array {
  if (frame[6] !== req.unitId) {
    throw new HalError('MODBUS_WRONG_UNIT', `reply from unit ${frame[6]}, expected ${req.unitId} (request ${hex(request)}; reply ${hex(frame)})`, {
      request,
      response: frame,
    });
  }
  return parsePdu(req, frame.subarray(MBAP_HEADER), request, frame);
}

export class TcpBus implements ModbusBus {
  readonly stats: BusStats = emptyStats();
  private readonly queue = new SerialQueue();
  private running = false;
  private socket: Socket | null = null;
  private connecting: Promise<Socket> | null = null;
  private abortConnect: (() => void) | null = null;
  private pending: Pending | null = null;
  private rx: Buffer = Buffer.alloc(0);
  private txId = 0;
  private timeoutsInRow = 0;

  constructor(
    private readonly config: TcpBusConfig,
    private readonly deps: TcpBusDeps,
  ) {}

  get key(): string {
    return `tcp:${this.config.host}:${this.config.port ?? TCP_DEFAULTS.port}`;
  }

  async start(): Promise<void> {
    const c = this.config;
    if (typeof c.host !== 'string' || c.host.length === 0) throw new HalError('BAD_CONFIG', 'Modbus TCP bus needs a host');
    if (c.port !== undefined) checkInt(`${this.key} port`, c.port, 1, 65535);
    if (c.timeoutMs !== undefined) checkInt(`${this.key} timeoutMs`, c.timeoutMs, 1, 60000);
    if (c.retries !== undefined) checkInt(`${this.key} retries`, c.retries, 0, 10);
    if (c.connectTimeoutMs !== undefined) checkInt(`${this.key} connectTimeoutMs`, c.connectTimeoutMs, 1, 60000);
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abortConnect?.();
    this.pending?.fail(new HalError('PORT_CLOSED', `${this.key} stopped`));
    const socket = this.socket;
    this.socket = null;
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      });
    }
    if (this.connecting) await this.connecting.catch(() => undefined);
  }

  readRegisters(req: ReadRequest): Promise<Uint16Array> {
    try {
      checkReadRequest(req);
    } catch (err) {
      return Promise.reject(err);
    }
    const policy: RequestPolicy = {
      timeoutMs: this.config.timeoutMs ?? TCP_DEFAULTS.timeoutMs,
      retries: this.config.retries ?? TCP_DEFAULTS.retries,
    };
    return this.queue.run(() => withRetries(policy, this.stats, () => this.transact(req, policy)));
  }

  private async transact(req: ReadRequest, policy: RequestPolicy): Promise<Uint16Array> {
    const socket = await this.ensureConnected();
    this.txId = (this.txId + 1) & 0xffff;
    const txId = this.txId;
    const request = buildTcpReadRequest(txId, req);
    return new Promise<Uint16Array>((resolve, reject) => {
      let timer: HalTimerHandle | null = null;
      const settle = (err: Error | null, regs?: Uint16Array): void => {
        if (this.pending !== pending) return;
        this.pending = null;
        this.deps.clock.clear(timer);
        if (err) reject(err);
        else resolve(regs!);
      };
      const pending: Pending = {
        txId,
        onFrame: (frame) => {
          this.timeoutsInRow = 0;
          try {
            settle(null, parseTcpReadReply(req, request, frame));
          } catch (err) {
            settle(err as Error);
          }
        },
        fail: (err) => settle(err),
      };
      this.pending = pending;
      this.stats.sent++;
      timer = this.deps.clock.setTimeout(() => {
        this.timeoutsInRow++;
        if (this.timeoutsInRow >= TIMEOUTS_BEFORE_RECONNECT) this.drop(socket);
        settle(new HalError('MODBUS_TIMEOUT', `no reply from unit ${req.unitId} via ${this.key} within ${policy.timeoutMs} ms (request ${hex(request)})`, { request }));
      }, policy.timeoutMs);
      socket.write(request, (err) => {
        if (err) settle(new HalError('PORT_ERROR', `write to ${this.key} failed: ${err.message}`, { request, cause: err }));
      });
    });
  }

  private ensureConnected(): Promise<Socket> {
    if (!this.running) return Promise.reject(new HalError('PORT_CLOSED', `${this.key} is not started`));
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private connect(): Promise<Socket> {
    const host = this.config.host;
    const port = this.config.port ?? TCP_DEFAULTS.port;
    const connectTimeoutMs = this.config.connectTimeoutMs ?? TCP_DEFAULTS.connectTimeoutMs;
    return new Promise<Socket>((resolve, reject) => {
      const socket = (this.deps.connect ?? createConnection)({ host, port });
      const fail = (message: string, cause?: unknown, code: 'PORT_ERROR' | 'PORT_CLOSED' = 'PORT_ERROR'): void => {
        this.deps.clock.clear(timer);
        this.abortConnect = null;
        socket.on('error', () => undefined);
        socket.destroy();
        reject(new HalError(code, `cannot connect to ${this.key}: ${message}`, { cause }));
      };
      this.abortConnect = () => fail('bus stopped', undefined, 'PORT_CLOSED');
      const timer = this.deps.clock.setTimeout(() => fail(`no connection within ${connectTimeoutMs} ms`), connectTimeoutMs);
      const onConnectError = (err: Error): void => fail(err.message, err);
      socket.once('error', onConnectError);
      socket.once('connect', () => {
        this.deps.clock.clear(timer);
        this.abortConnect = null;
        socket.off('error', onConnectError);
        socket.setNoDelay(true);
        this.wire(socket);
        resolve(socket);
      });
    });
  }

  private wire(socket: Socket): void {
    this.socket = socket;
    this.rx = Buffer.alloc(0);
    this.timeoutsInRow = 0;
    socket.on('data', (chunk: Buffer) => {
      if (this.socket === socket) this.onData(socket, chunk);
    });
    socket.on('error', (err) => {
      if (this.socket === socket) this.pending?.fail(new HalError('PORT_ERROR', `${this.key}: ${err.message}`, { cause: err }));
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.pending?.fail(new HalError('PORT_CLOSED', `${this.key} connection closed`));
    });
  }

  private drop(socket: Socket): void {
    if (this.socket === socket) this.socket = null;
    socket.destroy();
  }

  private onData(socket: Socket, chunk: Buffer): void {
    this.rx = this.rx.length === 0 ? chunk : Buffer.concat([this.rx, chunk]);
    while (this.rx.length >= MBAP_HEADER) {
      const protocol = this.rx.readUInt16BE(2);
      const length = this.rx.readUInt16BE(4);
      if (protocol !== 0 || length < 2 || length > 254) {
        // The stream lost its framing; nothing after this point can be trusted, so start a fresh connection.
        const raw = new Uint8Array(this.rx.subarray(0, Math.min(this.rx.length, 260)));
        this.rx = Buffer.alloc(0);
        this.stats.stray++;
        this.pending?.fail(new HalError('MODBUS_BAD_MBAP', `invalid MBAP header from ${this.key}: protocol ${protocol}, length ${length} (reply ${hex(raw)})`, { response: raw }));
        this.drop(socket);
        return;
      }
      if (this.rx.length < 6 + length) return;
      const frame = new Uint8Array(this.rx.subarray(0, 6 + length));
      this.rx = this.rx.subarray(6 + length);
      const txId = (frame[0]! << 8) | frame[1]!;
      if (this.pending && this.pending.txId === txId) this.pending.onFrame(frame);
      else this.stats.stray++;
    }
  }
}
