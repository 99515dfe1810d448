/**
 * A scriptable raw OCPP-J peer for RpcConnection tests: a real `ws` WebSocketServer on 127.0.0.1, port 0, that
 * records handshakes and lets the test read and write raw frames.
 */
import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';

/** Messages of one server-side socket, in arrival order, awaitable. */
export class Inbox {
  readonly all: string[] = [];
  private readonly buffered: string[] = [];
  private readonly waiters: ((m: string) => void)[] = [];
  pings = 0;
  closed = false;
  private readonly closeWaiters: (() => void)[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const m = data.toString();
      this.all.push(m);
      const w = this.waiters.shift();
      if (w) w(m);
      else this.buffered.push(m);
    });
    socket.on('ping', () => this.pings++);
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.closeWaiters.splice(0)) w();
    });
  }

  /** Next message as parsed JSON (fails the test after 2 s of real time). */
  async next(): Promise<unknown[]> {
    const m = this.buffered.shift() ?? (await withTimeout(new Promise<string>((r) => this.waiters.push(r)), 'next message'));
    return JSON.parse(m) as unknown[];
  }

  send(raw: string | unknown[] | Buffer): void {
    this.socket.send(typeof raw === 'string' || Buffer.isBuffer(raw) ? raw : JSON.stringify(raw));
  }

  /** Send a CALL and return the peer's answer to it. */
  async request(id: string, action: string, payload: unknown): Promise<unknown[]> {
    this.send([2, id, action, payload]);
    return this.next();
  }

  whenClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return withTimeout(new Promise<void>((r) => this.closeWaiters.push(r)), 'socket close');
  }
}

export interface Peer {
  url: string;
  port: number;
  wss: WebSocketServer;
  /** Upgrade requests seen, accepted or not. */
  requests: IncomingMessage[];
  nextSocket(): Promise<Inbox>;
  sockets: Inbox[];
  close(): Promise<void>;
}

export async function startPeer(options: Omit<ServerOptions, 'port' | 'host' | 'server' | 'noServer'> = {}): Promise<Peer> {
  const requests: IncomingMessage[] = [];
  const userVerify = options.verifyClient as
    | ((info: { req: IncomingMessage }, cb: (ok: boolean, code?: number) => void) => void)
    | undefined;
  const wss = new WebSocketServer({
    handleProtocols: (protocols) => (protocols.has('ocpp1.6') ? 'ocpp1.6' : false),
    ...options,
    host: '127.0.0.1',
    port: 0,
    verifyClient: (info: { req: IncomingMessage; origin: string; secure: boolean }, cb: (ok: boolean, code?: number) => void) => {
      requests.push(info.req);
      if (userVerify) userVerify(info, cb);
      else cb(true);
    },
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const sockets: Inbox[] = [];
  const pending: Inbox[] = [];
  const waiters: ((i: Inbox) => void)[] = [];
  wss.on('connection', (socket) => {
    const inbox = new Inbox(socket);
    sockets.push(inbox);
    const w = waiters.shift();
    if (w) w(inbox);
    else pending.push(inbox);
  });
  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    port,
    wss,
    requests,
    sockets,
    nextSocket: () => {
      const p = pending.shift();
      return p ? Promise.resolve(p) : withTimeout(new Promise<Inbox>((r) => waiters.push(r)), 'connection');
    },
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}

export function withTimeout<T>(p: Promise<T>, what: string, ms = 2000): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<T>((_, rej) => {
      t = setTimeout(() => rej(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]);
}

/** Wait (real time, polling) until `cond` holds; for I/O that the fake clock does not drive. */
export async function until(cond: () => boolean, what: string, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A pino logger that keeps every line, for asserting on what was (not) logged. */
export function captureLog(): { log: Logger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { log: pino({ level: 'trace' }, sink), lines, text: () => lines.join('') };
}
