/**
 * One OCPP-J connection from the Charge Point to the CSMS: WebSocket client, reconnects, one CALL in flight,
 * the inbound pipeline, ping/pong. Version-neutral: the subprotocol, the error-code dialect and the payload
 * validator are injected.
 *
 * Durability is not this layer's business: call() while disconnected fails at once with NotConnectedError and a
 * lost connection fails every pending call with ConnectionLostError; the offline queue decides what to resend.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { WebSocket, type RawData } from 'ws';
import { Emitter } from '../../hal/emitter.js';
import type { Clock, TimerHandle } from '../clock/clock.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import {
  NotConnectedError,
  OcppCallError,
  OutboundValidationError,
  ResponseValidationError,
  errorCodeForDialect,
  normalizeErrorCode,
  type OcppDialect,
  type OcppErrorCode,
} from './errors.js';
import {
  MAX_ERROR_DESCRIPTION_LENGTH,
  parseFrame,
  serializeCall,
  serializeError,
  serializeResult,
  truncate,
  type CallErrorFrame,
  type CallFrame,
  type CallResultFrame,
  type ParseFailure,
} from './frames.js';
import { basicAuthHeader, connectionUrl, redactUrl } from './handshake.js';
import { processInboundCall, type InboundGate, type InboundHandler } from './inbound.js';
import type { FrameTrace } from './frame-trace.js';
import { KeepAlive } from './ping.js';
import type { PayloadValidator } from './validator.js';
import { Waitress, type PendingCall } from './waitress.js';

export interface RpcTlsOptions {
  ca?: string | Buffer | Array<string | Buffer>;
  cert?: string | Buffer;
  key?: string | Buffer;
  rejectUnauthorized?: boolean;
}

export interface RpcConnectionOptions {
  /** The CSMS's OCPP-J endpoint URL (ws: or wss:); the identity is appended. */
  baseUrl: string;
  identity: string;
  /** The subprotocol this connection speaks (its dialect and validator are this one's), e.g. 'ocpp1.6'. */
  subprotocol: string;
  /**
   * Everything offered in Sec-WebSocket-Protocol, in preference order (default: `subprotocol` alone). When the
   * server picks another one of these, the socket is closed and `otherSubprotocol` tells the owner, who can
   * start again speaking that one (`ocpp.version` "auto").
   */
  offer?: readonly string[];
  /** Spelling of the CALLERROR codes we send. */
  dialect: OcppDialect;
  validator: PayloadValidator;
  clock: Clock;
  log: Logger;
  callTimeoutMs: number;
  /** WebSocketPingInterval in seconds; 0 = we do not ping (the server may). */
  pingIntervalS: number;
  /** The peer is declared dead after pingInterval × this of silence (default 2). */
  deadPeerFactor?: number;
  backoff: BackoffOptions;
  /** Uniform random in [0, 1) for back-off jitter (tests inject a constant). */
  random?: () => number;
  /** Opening handshake limit (default 30 s). */
  connectTimeoutMs?: number;
  /** stop(): how long to wait for the peer's close frame before cutting the socket (default 2 s). */
  closeGraceMs?: number;
  /** Largest message accepted (default 10 MiB; a full SendLocalList is the big one). */
  maxPayloadBytes?: number;
  basicAuth?: { username: string; password: Buffer | string };
  tls?: RpcTlsOptions;
  /** Every frame in and out (agent/ocpp/frame-trace.ts); a no-op unless its logger is at trace. */
  trace?: FrameTrace;
}

export type RpcState = 'idle' | 'connecting' | 'open' | 'closed';

export type RpcConnectionEvents = {
  /** The WebSocket is open and the subprotocol agreed. */
  open: () => void;
  /** An open connection ended (peer close, network loss, dead peer, stop()). */
  close: (code: number, reason: string) => void;
  /** A connection attempt failed (HTTP 404, refused, timeout, subprotocol refused); next attempt in `retryInMs`. */
  connectFailed: (reason: string, retryInMs: number) => void;
  /** The server picked `protocol`, one of `offer` but not `subprotocol`: the socket was closed unused. */
  otherSubprotocol: (protocol: string) => void;
  /** A received frame was unusable; `raw` may contain payload data, do not log it at info level. */
  badFrame: (raw: string, reason: string) => void;
  /** An outbound call that was accepted by call() failed (CALLERROR, timeout, invalid response, connection lost). */
  callError: (action: string, error: Error) => void;
  /**
   * A CALLRESULT that passed its schema but came after its call had timed out (the call's promise was already
   * rejected). The CSMS did process the call: a caller that resends may treat this as the answer.
   */
  lateResult: (action: string, uniqueId: string, payload: unknown) => void;
};

export interface RpcStats {
  state: RpcState;
  callsSent: number;
  results: number;
  /** CALLERRORs received for our calls. */
  callErrors: number;
  timeouts: number;
  invalidResponses: number;
  /** CALLRESULT/CALLERROR frames that matched no call in flight (late answers after a timeout, strays). */
  unmatchedResponses: number;
  badFrames: number;
  inboundCalls: number;
  /** WebSocket pongs received (answers to our pings). */
  pongs: number;
  /** CALLERRORs we answered. */
  inboundErrors: number;
  connectAttempts: number;
  connects: number;
  /** Successful connections after the first one. */
  reconnects: number;
  queued: number;
  inFlight: boolean;
}

type Counters = Omit<RpcStats, 'state' | 'queued' | 'inFlight'>;

export class RpcConnection {
  readonly events = new Emitter<RpcConnectionEvents>();

  private _state: RpcState = 'idle';
  private url = '';
  /** options.baseUrl until setBaseUrl() (2.0.1 network connection profiles) points elsewhere. */
  private base: string;
  private ws: WebSocket | null = null;
  /** The current socket passed the open checks. */
  private opened = false;
  /** Bumped whenever an open connection ends: answers computed for an older connection are not sent. */
  private generation = 0;
  private retryTimer: TimerHandle | null = null;
  private connectTimer: TimerHandle | null = null;
  /** First reason the current attempt failed; later errors are consequences of it. */
  private handshakeFailure: string | null = null;
  private pingIntervalS: number;
  private handler: InboundHandler | null = null;
  private gate: InboundGate | null = null;
  private readonly inboundInProgress = new Set<string>();
  private stopping: Promise<void> | null = null;
  private readonly log: Logger;
  private readonly waitress: Waitress;
  private readonly keepAlive: KeepAlive;
  private readonly backoff: Backoff;
  /** Why the last connection attempt failed or the last connection ended, and when (for `chargerctl status`). */
  private lastFailure: { reason: string; at: string } | null = null;
  private nextRetryAt: string | null = null;
  private readonly counters: Counters = {
    callsSent: 0,
    results: 0,
    callErrors: 0,
    timeouts: 0,
    invalidResponses: 0,
    unmatchedResponses: 0,
    badFrames: 0,
    inboundCalls: 0,
    pongs: 0,
    inboundErrors: 0,
    connectAttempts: 0,
    connects: 0,
    reconnects: 0,
  };

  constructor(private readonly options: RpcConnectionOptions) {
    this.pingIntervalS = options.pingIntervalS;
    this.base = options.baseUrl;
    // Namespace the log unless the caller already did (a second `module` binding would duplicate the JSON key).
    this.log = options.log.bindings().module ? options.log : options.log.child({ module: 'ocpp:rpc' });
    this.backoff = new Backoff(options.backoff, options.random);
    this.waitress = new Waitress(options.clock, {
      transmit: (call) => this.transmit(call),
      onTimeout: (call, err) => {
        this.counters.timeouts++;
        this.log.warn({ action: call.action, id: call.id, timeoutMs: err.timeoutMs }, 'CALL timed out');
      },
    });
    this.keepAlive = new KeepAlive(options.clock, {
      sendPing: () => {
        try {
          this.ws?.ping();
        } catch (err) {
          this.log.debug({ err: (err as Error).message }, 'ping not sent');
        }
      },
      onDead: (idleMs) => {
        this.log.warn({ idleMs }, 'peer silent past the dead-peer timeout; terminating the connection');
        this.ws?.terminate();
      },
    });
  }

  get state(): RpcState {
    return this._state;
  }

  /** Connect, and keep reconnecting until stop(). Throws RpcConfigError for an unusable URL or identity. */
  start(): void {
    if (this._state === 'connecting' || this._state === 'open') return;
    this.url = connectionUrl(this.base, this.options.identity);
    this.backoff.reset();
    this._state = 'connecting';
    this.connect();
  }

  /**
   * Close the connection, cancel every timer and reject every pending call (ConnectionLostError). Resolves when the
   * socket is closed; no timer or socket of this connection remains after that.
   */
  stop(): Promise<void> {
    if (this._state === 'idle' || this._state === 'closed') return this.stopping ?? Promise.resolve();
    this._state = 'closed';
    const { clock } = this.options;
    clock.clear(this.retryTimer);
    clock.clear(this.connectTimer);
    this.retryTimer = null;
    this.connectTimer = null;
    this.keepAlive.stop();
    const ws = this.ws;
    const wasOpen = this.opened;
    this.ws = null;
    this.endConnection();
    if (wasOpen) this.emit('close', 1000, 'stopped');
    if (!ws) return Promise.resolve();
    const closed = new Promise<void>((resolve) => {
      // ws keeps its own timers until the socket is really closed; wait for that so nothing outlives stop().
      const grace = clock.setTimeout(() => ws.terminate(), this.options.closeGraceMs ?? 2000);
      ws.once('close', () => {
        clock.clear(grace);
        if (this.stopping === closed) this.stopping = null;
        resolve();
      });
    });
    this.stopping = closed;
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else ws.close(1000);
    this.log.info('connection stopped');
    return closed;
  }

  /**
   * Send a CALL and resolve with the validated CALLRESULT payload. Calls are sent one at a time in submission
   * order; the timeout starts when the CALL is written. `onId` is told the uniqueId before the CALL is sent (a
   * `lateResult` names it).
   */
  call(action: string, payload: unknown, opts: { timeoutMs?: number; onId?: (uniqueId: string) => void } = {}): Promise<unknown> {
    try {
      const invalid = this.options.validator.validateRequest(action, payload ?? {});
      if (invalid) {
        this.log.error({ action, code: invalid.code, reason: invalid.message }, 'refusing to send an invalid request');
        return Promise.reject(new OutboundValidationError(action, invalid.code, invalid.message));
      }
      if (this._state !== 'open') return Promise.reject(new NotConnectedError(action));
      const id = randomUUID();
      const frame = serializeCall(id, action, payload ?? {});
      opts.onId?.(id);
      return new Promise((resolve, reject) => {
        this.waitress.submit({
          id,
          action,
          frame,
          timeoutMs: opts.timeoutMs ?? this.options.callTimeoutMs,
          resolve,
          reject: (err) => {
            reject(err);
            this.emit('callError', action, err);
          },
        });
      });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  setInboundHandler(fn: InboundHandler | null): void {
    this.handler = fn;
  }

  setInboundGate(fn: InboundGate | null): void {
    this.gate = fn;
  }

  /** The endpoint the next connection attempt goes to (the identity is appended to it). */
  get baseUrl(): string {
    return this.base;
  }

  /** Whether the handshake carries HTTP Basic credentials (security profiles 1 and 2). */
  get usesBasicAuth(): boolean {
    return this.options.basicAuth !== undefined;
  }

  /**
   * Connect elsewhere from the next attempt on (2.0.1 SetNetworkProfile slots, B10): the connection that is open
   * or being opened now is not touched. Throws RpcConfigError for an unusable URL, changing nothing.
   */
  setBaseUrl(baseUrl: string): void {
    const url = connectionUrl(baseUrl, this.options.identity);
    this.base = baseUrl;
    if (this._state === 'connecting' || this._state === 'open') this.url = url;
  }

  /** ChangeConfiguration of WebSocketPingInterval: applies at once to the open connection. */
  setPingInterval(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('ping interval must be a number >= 0');
    this.pingIntervalS = seconds;
    if (this.opened) this.startKeepAlive();
  }

  /**
   * Where reconnecting stands: the last failure, the failed attempts in a row (0 after a success) and when the
   * next attempt starts (null while one is under way or the connection is open).
   */
  retryInfo(): { lastFailure: { reason: string; at: string } | null; failedAttempts: number; nextRetryAt: string | null } {
    return { lastFailure: this.lastFailure, failedAttempts: this.backoff.attempts, nextRetryAt: this.retryTimer ? this.nextRetryAt : null };
  }

  stats(): RpcStats {
    return { state: this._state, ...this.counters, queued: this.waitress.queued, inFlight: this.waitress.inFlight !== null };
  }

  // ---- connection lifecycle ----

  private connect(): void {
    this.retryTimer = null;
    this.counters.connectAttempts++;
    const { options } = this;
    const headers: Record<string, string> = {};
    if (options.basicAuth) headers.authorization = basicAuthHeader(options.basicAuth.username, options.basicAuth.password);
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url, [...(options.offer ?? [options.subprotocol])], {
        headers,
        // No permessage-deflate: OCPP-J 1.6 §5.1 advises against compression beyond the plain protocol, and each
        // deflate context costs memory that a fleet of hundreds of connections notices.
        perMessageDeflate: false,
        maxPayload: options.maxPayloadBytes ?? 10 * 1024 * 1024,
        followRedirects: false,
        ...(options.tls ?? {}),
      });
    } catch (err) {
      this.log.error({ err }, 'cannot create the WebSocket');
      this.scheduleRetry(false, 'cannot create the WebSocket');
      return;
    }
    this.ws = ws;
    this.opened = false;
    this.handshakeFailure = null;
    this.log.debug({ url: redactUrl(this.url), attempt: this.counters.connectAttempts }, 'connecting');
    this.connectTimer = options.clock.setTimeout(() => {
      this.connectTimer = null;
      if (ws !== this.ws) return;
      this.handshakeFailure ??= 'opening handshake timed out';
      ws.terminate();
    }, options.connectTimeoutMs ?? 30_000);

    ws.on('unexpected-response', (_req, res) => {
      // e.g. 404 for an identity the CSMS does not know (OCPP-J 1.6 §3.2), 401 for bad credentials.
      if (ws === this.ws) this.handshakeFailure ??= `HTTP ${res.statusCode ?? '?'}`;
      ws.terminate();
    });
    ws.on('error', (err) => {
      if (ws !== this.ws) return;
      if (!this.opened) this.handshakeFailure ??= err.message;
      this.log.debug({ err: err.message }, 'WebSocket error');
    });
    ws.on('open', () => this.onOpen(ws));
    ws.on('message', (data, isBinary) => this.onMessage(ws, data, isBinary));
    ws.on('ping', () => {
      if (ws === this.ws) this.keepAlive.touch();
    });
    ws.on('pong', () => {
      if (ws !== this.ws) return;
      this.counters.pongs++;
      this.keepAlive.touch();
    });
    ws.on('close', (code, reason) => this.onClose(ws, code, reason.toString('utf8')));
  }

  private onOpen(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.options.clock.clear(this.connectTimer);
    this.connectTimer = null;
    if (ws.protocol !== this.options.subprotocol) {
      if (this.options.offer?.includes(ws.protocol)) {
        this.handshakeFailure ??= `server picked subprotocol ${ws.protocol}`;
        ws.close(1000, 'switching subprotocol');
        this.emit('otherSubprotocol', ws.protocol);
        return;
      }
      // ws already refuses a handshake without the header; this guards against any other disagreement.
      this.handshakeFailure ??= `server did not agree to subprotocol ${this.options.subprotocol}`;
      ws.close(1002, 'subprotocol not agreed');
      return;
    }
    this.opened = true;
    this.backoff.reset();
    this.counters.connects++;
    if (this.counters.connects > 1) this.counters.reconnects++;
    this._state = 'open';
    this.startKeepAlive();
    this.log.info({ url: redactUrl(this.url), protocol: ws.protocol }, 'connected');
    this.emit('open');
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.ws) return;
    this.ws = null;
    this.options.clock.clear(this.connectTimer);
    this.connectTimer = null;
    this.keepAlive.stop();
    const wasOpen = this.opened;
    this.endConnection();
    this._state = 'connecting';
    if (wasOpen) {
      this.lastFailure = { reason: `connection closed (code ${code}${reason ? `: ${reason}` : ''})`, at: this.options.clock.now().toISOString() };
      this.log.warn({ code, reason }, 'connection closed');
      this.emit('close', code, reason);
    }
    // A listener may have called stop().
    if (this._state === 'connecting') this.scheduleRetry(wasOpen, this.handshakeFailure ?? 'connection closed during the handshake');
  }

  /** Everything tied to one open connection ends with it. */
  private endConnection(): void {
    if (this.opened) this.generation++;
    this.opened = false;
    this.inboundInProgress.clear();
    this.waitress.failAll();
  }

  private scheduleRetry(wasOpen: boolean, failure: string): void {
    const delay = this.backoff.next();
    this.retryTimer = this.options.clock.setTimeout(() => this.connect(), delay);
    const now = this.options.clock.now();
    this.nextRetryAt = new Date(now.getTime() + delay).toISOString();
    if (!wasOpen) this.lastFailure = { reason: failure, at: now.toISOString() };
    if (wasOpen) {
      this.log.info({ retryInMs: delay }, 'reconnecting');
    } else {
      this.log.warn({ reason: failure, retryInMs: delay }, 'connection attempt failed');
      this.emit('connectFailed', failure, delay);
    }
  }

  private startKeepAlive(): void {
    const ms = this.pingIntervalS * 1000;
    this.keepAlive.start(ms, ms * Math.max(1, this.options.deadPeerFactor ?? 2));
  }

  // ---- frames ----

  private onMessage(ws: WebSocket, data: RawData, isBinary: boolean): void {
    if (ws !== this.ws || !this.opened) return;
    this.keepAlive.touch();
    const raw = Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    this.options.trace?.frame('in', raw);
    if (isBinary) {
      this.onBadFrame(raw, { kind: 'garbage', reason: 'binary frame (OCPP-J is text)' });
      return;
    }
    const parsed = parseFrame(raw);
    if (!parsed.ok) {
      this.onBadFrame(raw, parsed);
      return;
    }
    const { frame } = parsed;
    if (frame.type === 'call') this.onCall(frame);
    else this.onResponse(frame);
  }

  private onBadFrame(raw: string, failure: ParseFailure): void {
    this.counters.badFrames++;
    // Frame content can hold secrets (a malformed ChangeConfiguration of AuthorizationKey): only at debug.
    this.log.warn({ reason: failure.reason, bytes: raw.length }, 'bad frame ignored');
    this.log.debug({ frame: truncate(raw, 512) }, 'bad frame content');
    this.emit('badFrame', raw, failure.reason);
    switch (failure.kind) {
      case 'reply':
        this.sendError(failure.id, failure.code, failure.reason);
        return;
      case 'unknownType':
        // 1.6 §4.1.3: "SHALL ignore the message payload"; 2.0.1 Part 4 §4.4 answers MessageTypeNotSupported.
        if (this.options.dialect === 'ocpp2.0.1' && failure.id !== null) {
          this.sendError(failure.id, 'MessageTypeNotSupported', failure.reason);
        }
        return;
      case 'badResponse': {
        // Fail the matching call now rather than letting it run into its timeout.
        const call = this.waitress.take(failure.id);
        if (call) {
          this.counters.invalidResponses++;
          call.reject(new ResponseValidationError(call.action, 'FormatViolation', failure.reason, undefined));
          this.waitress.pump();
        }
        return;
      }
      default:
        return;
    }
  }

  private onResponse(frame: CallResultFrame | CallErrorFrame): void {
    const call = this.waitress.take(frame.id);
    if (!call) {
      this.counters.unmatchedResponses++;
      const lateAction = this.waitress.takeTimedOut(frame.id);
      if (lateAction === null) this.log.warn({ id: frame.id, type: frame.type }, 'response for an unknown message id; ignored');
      else this.onLateResponse(lateAction, frame);
      return;
    }
    try {
      if (frame.type === 'result') {
        this.counters.results++;
        const invalid = this.options.validator.validateResponse(call.action, frame.payload);
        if (invalid) {
          this.counters.invalidResponses++;
          this.log.warn({ action: call.action, id: call.id, code: invalid.code, reason: invalid.message }, 'CALLRESULT fails its schema');
          call.reject(new ResponseValidationError(call.action, invalid.code, invalid.message, frame.payload));
        } else {
          call.resolve(frame.payload);
        }
      } else {
        this.counters.callErrors++;
        const code = normalizeErrorCode(frame.code);
        this.log.info({ action: call.action, id: call.id, code: frame.code, description: truncate(frame.description, 255) }, 'CALLERROR received');
        call.reject(new OcppCallError(code, frame.description, frame.details, frame.code));
      }
    } catch (err) {
      call.reject(err instanceof Error ? err : new Error(String(err)));
    }
    this.waitress.pump();
  }

  /** Validated like a timely answer: an invalid late CALLRESULT must not reach the caller either. */
  private onLateResponse(action: string, frame: CallResultFrame | CallErrorFrame): void {
    if (frame.type === 'error') {
      this.log.warn({ action, id: frame.id, code: frame.code }, 'CALLERROR arrived after the call timed out; ignored');
      return;
    }
    const invalid = this.options.validator.validateResponse(action, frame.payload);
    if (invalid) {
      this.counters.invalidResponses++;
      this.log.warn({ action, id: frame.id, code: invalid.code, reason: invalid.message }, 'late CALLRESULT fails its schema; ignored');
      return;
    }
    this.log.warn({ action, id: frame.id }, 'CALLRESULT arrived after the call timed out');
    this.emit('lateResult', action, frame.id, frame.payload);
  }

  private onCall(frame: CallFrame): void {
    this.counters.inboundCalls++;
    const { id, action } = frame;
    if (this.inboundInProgress.has(id)) {
      // OCPP-J 1.6 §4.2.3 lists "an existing call with the same unique identifier is being handled already".
      this.sendError(id, 'RpcFrameworkError', `message id ${id} is already being processed`);
      return;
    }
    this.inboundInProgress.add(id);
    const generation = this.generation;
    this.log.debug({ action, id }, 'CALL received');
    void processInboundCall(action, frame.payload, {
      validator: this.options.validator,
      gate: this.gate,
      handler: this.handler,
      log: this.log,
    }).then((reply) => {
      if (generation !== this.generation) {
        if (reply.kind !== 'ignore') this.log.warn({ action, id }, 'answer dropped: the connection it belongs to has closed');
        return;
      }
      this.inboundInProgress.delete(id);
      if (reply.kind === 'ignore') return;
      if (reply.kind === 'error') {
        this.sendError(id, reply.code, reply.description, reply.details);
        return;
      }
      let text: string;
      try {
        text = serializeResult(id, reply.payload);
      } catch (err) {
        this.log.error({ action, err }, 'response cannot be serialised');
        this.sendError(id, 'InternalError', `${action} response could not be produced`);
        return;
      }
      this.send(text);
    });
  }

  private sendError(id: string, code: OcppErrorCode, description: string, details: Record<string, unknown> = {}): void {
    this.counters.inboundErrors++;
    let text: string;
    try {
      text = serializeError(id, errorCodeForDialect(code, this.options.dialect), truncate(description, MAX_ERROR_DESCRIPTION_LENGTH), details);
    } catch {
      // Unserialisable details from a handler: the code and description still go out.
      text = serializeError(id, errorCodeForDialect(code, this.options.dialect), truncate(description, MAX_ERROR_DESCRIPTION_LENGTH), {});
    }
    this.send(text);
  }

  private send(text: string): void {
    const ws = this.ws;
    if (!ws || !this.opened || ws.readyState !== WebSocket.OPEN) return;
    this.options.trace?.frame('out', text);
    ws.send(text, (err) => {
      if (err) this.log.warn({ err: err.message }, 'send failed');
    });
  }

  private transmit(call: PendingCall): void {
    const ws = this.ws;
    if (!ws || !this.opened || ws.readyState !== WebSocket.OPEN) throw new NotConnectedError(call.action);
    this.counters.callsSent++;
    this.log.debug({ action: call.action, id: call.id }, 'CALL sent');
    this.options.trace?.frame('out', call.frame);
    ws.send(call.frame, (err) => {
      // The close event that follows a failed write fails the call with ConnectionLostError.
      if (err) this.log.warn({ action: call.action, err: err.message }, 'CALL write failed');
    });
  }

  private emit<K extends keyof RpcConnectionEvents>(event: K, ...args: Parameters<RpcConnectionEvents[K]>): void {
    try {
      this.events.emit(event, ...args);
    } catch (err) {
      // A listener's bug must not break the socket's event handling.
      this.log.error({ event, err }, 'event listener threw');
    }
  }
}
