/**
 * A small CSMS for `npm start` and for the integration tests: ocpp-rpc (an independent OCPP-J implementation)
 * in strict mode, so every frame the charge point sends is validated against the official 1.6 (or, with
 * `protocol: 'ocpp2.0.1'`, 2.0.1) schemas by code that is not ours. Scriptable: answers can be overridden per action, calls can be made, the connection can be
 * dropped or refused, and everything seen is recorded in order.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ocppRpc from 'ocpp-rpc';

// ocpp-rpc is CommonJS: its named exports are read off the default export.
const { RPCServer, createRPCError, NOREPLY } = ocppRpc;
type RPCServer = InstanceType<typeof RPCServer>;

export { createRPCError, NOREPLY };

export interface CsmsRecord {
  /** Milliseconds since the CSMS started. */
  at: number;
  identity: string;
  /** Who made the call this record belongs to: in = the charge point's call (and the CSMS's answer to it),
   * out = the CSMS's call (and the charge point's answer). */
  dir: 'in' | 'out';
  kind: 'call' | 'result' | 'error';
  action: string;
  payload: unknown;
  messageId: string;
}

export type CsmsHandler = (params: any, identity: string) => unknown | Promise<unknown>;

export interface DemoCsmsOptions {
  bootStatus?: 'Accepted' | 'Pending' | 'Rejected';
  heartbeatIntervalS?: number;
  /** Decides Authorize / StartTransaction idTagInfo (default: everything Accepted except ids starting "BLOCKED"). */
  idTagStatus?: (idTag: string) => 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';
  /** Path prefix of the endpoint (default /ocpp). */
  path?: string;
  /** The one subprotocol this CSMS speaks and validates strictly (default 'ocpp1.6'). */
  protocol?: CsmsProtocol;
}

export type CsmsProtocol = 'ocpp1.6' | 'ocpp2.0.1';

interface RpcClientLike {
  identity: string;
  handle(method: string | ((ctx: any) => unknown), handler?: (ctx: any) => unknown): void;
  call(method: string, params?: unknown, options?: { callTimeoutMs?: number }): Promise<any>;
  close(options?: { code?: number; reason?: string; force?: boolean }): Promise<unknown>;
  sendRaw(message: unknown): void;
  on(event: string, fn: (...args: any[]) => void): void;
}

export class DemoCsms extends EventEmitter {
  readonly records: CsmsRecord[] = [];
  readonly validationFailures: { method: string; code: string; message: string; outbound: boolean }[] = [];
  private readonly clients = new Map<string, RpcClientLike>();
  private readonly overrides = new Map<string, CsmsHandler>();
  private rpc: RPCServer | null = null;
  private http: Server | null = null;
  private t0 = Date.now();
  private nextTxId = 1;
  private accepting = true;
  port = 0;

  constructor(private readonly opts: DemoCsmsOptions = {}) {
    super();
  }

  get protocol(): CsmsProtocol {
    return this.opts.protocol ?? 'ocpp1.6';
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}${this.opts.path ?? '/ocpp'}`;
  }

  async start(port = 0): Promise<string> {
    this.t0 = Date.now();
    const rpc = new RPCServer({ protocols: [this.protocol], strictMode: true, callTimeoutMs: 10_000, pingIntervalMs: 60_000 });
    rpc.auth((accept, reject) => (this.accepting ? accept({}) : reject(503, 'CSMS offline')));
    rpc.on('client', (client: unknown) => this.onClient(client as RpcClientLike));
    const http = createServer();
    http.on('upgrade', rpc.handleUpgrade);
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    this.port = (http.address() as AddressInfo).port;
    this.rpc = rpc;
    this.http = http;
    return this.url;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close({ force: true }).catch(() => undefined)));
    this.clients.clear();
    await this.rpc?.close({ force: true }).catch(() => undefined);
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
    this.http?.closeAllConnections();
    this.rpc = null;
    this.http = null;
  }

  /** Override the answer to a charge-point call (throw createRPCError(...) for a CALLERROR, return NOREPLY to stay silent). */
  setHandler(action: string, fn: CsmsHandler | null): void {
    if (fn) this.overrides.set(action, fn);
    else this.overrides.delete(action);
  }

  /** Refuse (false) or accept (true) new connections. */
  setAccepting(accepting: boolean): void {
    this.accepting = accepting;
  }

  isConnected(identity: string): boolean {
    return this.clients.has(identity);
  }

  /** Drop a charge point's connection (it will reconnect). */
  async disconnect(identity: string): Promise<void> {
    await this.clients.get(identity)?.close({ force: true });
  }

  async call(identity: string, action: string, params: unknown = {}, timeoutMs?: number): Promise<any> {
    const c = this.clients.get(identity);
    if (!c) throw new Error(`${identity} is not connected`);
    return c.call(action, params, timeoutMs ? { callTimeoutMs: timeoutMs } : undefined);
  }

  sendRaw(identity: string, message: string): void {
    const c = this.clients.get(identity);
    if (!c) throw new Error(`${identity} is not connected`);
    c.sendRaw(message);
  }

  /** Calls received from the charge point, optionally of one action. */
  received(action?: string, identity?: string): CsmsRecord[] {
    return this.records.filter((r) => r.dir === 'in' && r.kind === 'call' && (!action || r.action === action) && (!identity || r.identity === identity));
  }

  /** Resolves with the first call of `action` (after record index `from`) that matches `pred`. */
  waitFor(action: string, pred: (payload: any) => boolean = () => true, timeoutMs = 10_000, from = 0): Promise<CsmsRecord> {
    const match = (r: CsmsRecord) => r.dir === 'in' && r.kind === 'call' && r.action === action && pred(r.payload);
    const found = this.records.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('record', onRecord);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${action}`));
      }, timeoutMs);
      const onRecord = (r: CsmsRecord) => {
        if (!match(r)) return;
        clearTimeout(timer);
        this.off('record', onRecord);
        resolve(r);
      };
      this.on('record', onRecord);
    });
  }

  waitForConnection(identity: string, timeoutMs = 10_000): Promise<void> {
    if (this.clients.has(identity)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${identity} to connect`)), timeoutMs);
      const on = (id: string) => {
        if (id !== identity) return;
        clearTimeout(timer);
        this.off('connected', on);
        resolve();
      };
      this.on('connected', on);
    });
  }

  private record(r: Omit<CsmsRecord, 'at'>): void {
    const rec = { ...r, at: Date.now() - this.t0 };
    this.records.push(rec);
    this.emit('record', rec);
  }

  private onClient(client: RpcClientLike): void {
    const identity = client.identity;
    this.clients.set(identity, client);
    this.emit('connected', identity);
    client.on('close', () => {
      if (this.clients.get(identity) === client) this.clients.delete(identity);
      this.emit('disconnected', identity);
    });
    // Every text frame both ways, as sent: answers to sendRaw() frames that ocpp-rpc cannot correlate (a CALLERROR
    // for an id it never issued) surface nowhere else. Listeners get (identity, 'in' | 'out', text).
    client.on('message', (e: { message: Buffer | string; outbound: boolean }) => this.emit('raw', identity, e.outbound ? 'out' : 'in', e.message.toString()));
    client.on('strictValidationFailure', (e: { method: string; error: { rpcErrorCode?: string; message: string }; outbound: boolean }) => {
      this.validationFailures.push({ method: e.method, code: e.error.rpcErrorCode ?? 'unknown', message: e.error.message, outbound: e.outbound });
      this.emit('validationFailure', e);
    });
    // ocpp-rpc's 'call' event carries the frame only: the message id is its second element.
    client.on('call', (e: { outbound: boolean; payload: unknown[] }) => {
      const [, messageId, action, payload] = e.payload as [number, string, string, unknown];
      this.record({ identity, dir: e.outbound ? 'out' : 'in', kind: 'call', action, payload, messageId });
    });
    client.on('callResult', (e: { messageId: string; outbound: boolean; method: string; result: unknown }) =>
      this.record({ identity, dir: e.outbound ? 'out' : 'in', kind: 'result', action: e.method, payload: e.result, messageId: e.messageId }),
    );
    client.on('callError', (e: { messageId: string; outbound: boolean; method: string; error: { rpcErrorCode?: string; message: string } }) =>
      this.record({ identity, dir: e.outbound ? 'out' : 'in', kind: 'error', action: e.method, payload: { code: e.error.rpcErrorCode, message: e.error.message }, messageId: e.messageId }),
    );
    client.handle(async ({ method, params }: { method: string; params: any }) => {
      const o = this.overrides.get(method);
      if (o) return o(params, identity);
      return this.defaultAnswer(method, params);
    });
  }

  private idTagInfo(idTag: string) {
    const status = this.opts.idTagStatus ? this.opts.idTagStatus(idTag) : idTag.startsWith('BLOCKED') ? 'Blocked' : 'Accepted';
    return { status };
  }

  private defaultAnswer(method: string, params: any): unknown {
    if (this.protocol === 'ocpp2.0.1') return this.defaultAnswer201(method, params);
    const now = new Date().toISOString();
    switch (method) {
      case 'BootNotification':
        return { status: this.opts.bootStatus ?? 'Accepted', currentTime: now, interval: this.opts.heartbeatIntervalS ?? 300 };
      case 'Heartbeat':
        return { currentTime: now };
      case 'StatusNotification':
      case 'MeterValues':
      case 'DiagnosticsStatusNotification':
      case 'FirmwareStatusNotification':
        return {};
      case 'Authorize':
        return { idTagInfo: this.idTagInfo(params.idTag) };
      case 'StartTransaction':
        return { transactionId: this.nextTxId++, idTagInfo: this.idTagInfo(params.idTag) };
      case 'StopTransaction':
        return params.idTag ? { idTagInfo: this.idTagInfo(params.idTag) } : {};
      case 'DataTransfer':
        return { status: 'UnknownVendorId' };
      default:
        throw createRPCError('NotImplemented', `demo CSMS does not handle ${method}`);
    }
  }

  /** OCPP 2.0.1 (part 2): accept and acknowledge; idTokens as for 1.6 (BLOCKED... is Blocked). */
  private defaultAnswer201(method: string, params: any): unknown {
    const now = new Date().toISOString();
    switch (method) {
      case 'BootNotification':
        return { status: this.opts.bootStatus ?? 'Accepted', currentTime: now, interval: this.opts.heartbeatIntervalS ?? 300 };
      case 'Heartbeat':
        return { currentTime: now };
      case 'StatusNotification':
      case 'NotifyReport':
      case 'NotifyEvent':
      case 'NotifyCustomerInformation':
      case 'MeterValues':
      case 'SecurityEventNotification':
      case 'FirmwareStatusNotification':
      case 'LogStatusNotification':
      case 'NotifyChargingLimit':
      case 'ClearedChargingLimit':
      case 'ReportChargingProfiles':
      case 'ReservationStatusUpdate':
        return {};
      case 'Authorize':
        return { idTokenInfo: this.idTagInfo(params.idToken.idToken) };
      case 'TransactionEvent':
        return params.idToken ? { idTokenInfo: this.idTagInfo(params.idToken.idToken) } : {};
      case 'DataTransfer':
        return { status: 'UnknownVendorId' };
      default:
        throw createRPCError('NotImplemented', `demo CSMS does not handle ${method}`);
    }
  }
}
