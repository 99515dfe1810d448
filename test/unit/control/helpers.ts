import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { ControlServer, type ControlHandlers, type ControlServerOptions } from '../../../agent/control/server.js';

export const silentLog: Logger = pino({ level: 'silent' });

/** A fresh short temp dir (Unix socket paths are limited to 107 bytes). */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ctl-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function startServer(
  socketPath: string,
  handlers: ControlHandlers,
  extra: Partial<ControlServerOptions> = {},
): Promise<ControlServer> {
  // These tests call every kind of method: `socketPath` is the admin socket (group: our own, so the chown cannot
  // fail), the read-only one is beside it; the access tests (access.test.ts) open both on purpose.
  const server = new ControlServer({
    socketPath: `${socketPath}.ro`,
    adminSocket: { path: socketPath, group: String(process.getgid!()) },
    handlers,
    log: silentLog,
    ...extra,
  });
  await server.start();
  return server;
}

/** A raw line-level client, to send exactly the bytes a test wants and read reply lines one by one. */
export class RawClient {
  private buf = '';
  private readonly lines: string[] = [];
  private waiters: ((line: string | null) => void)[] = [];
  private closedFlag = false;

  private constructor(readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      this.buf += d;
      let nl: number;
      while ((nl = this.buf.indexOf('\n')) !== -1) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        const w = this.waiters.shift();
        if (w) w(line);
        else this.lines.push(line);
      }
    });
    socket.on('close', () => {
      this.closedFlag = true;
      for (const w of this.waiters.splice(0)) w(null);
    });
    socket.on('error', () => {});
  }

  static connect(socketPath: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = net.createConnection(socketPath);
      s.once('connect', () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  send(text: string | Buffer): void {
    this.socket.write(text);
  }

  /** Next reply line, or null if the connection closed first. */
  next(): Promise<string | null> {
    const l = this.lines.shift();
    if (l !== undefined) return Promise.resolve(l);
    if (this.closedFlag) return Promise.resolve(null);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async nextJson(): Promise<Record<string, unknown>> {
    const line = await this.next();
    if (line === null) throw new Error('connection closed before a reply');
    return JSON.parse(line) as Record<string, unknown>;
  }

  /** Resolves when the peer has closed the connection. */
  closed(): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  close(): Promise<void> {
    const done = this.closed();
    this.socket.destroy();
    return done;
  }
}

/** Counts of libuv pipe handles (sockets and servers) alive now. */
export function pipeHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith('Pipe')).length;
}

/** Let pending I/O callbacks run (socket close events), without depending on time. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** Leave a socket file behind with nobody listening: a child listens, then is SIGKILLed before it can clean up. */
export async function makeStaleSocket(socketPath: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('up'))`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`helper exited early (${code})`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** Let I/O run until `cond` holds; fails after `rounds` event-loop turns instead of sleeping for a time. */
export async function until(cond: () => boolean, what: string, rounds = 200): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (cond()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`still not true after ${rounds} event-loop turns: ${what}`);
}
