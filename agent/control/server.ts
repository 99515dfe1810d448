import { chmod, chown, lstat, mkdir, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { LineSplitter } from './line-splitter.js';
import {
  ControlError,
  MAX_LINE_BYTES,
  encodeResponse,
  parseRequestLine,
  type ControlParams,
  type ControlRequest,
  type ControlResponse,
} from './protocol.js';
import { forbiddenMessage, isReadOnlyMethod } from './access.js';
import { groupId } from './group-id.js';
import { probeSocket } from './probe.js';
import { ControlServerError } from './server-error.js';

/**
 * A handler answers one method. It throws `ControlError(code, message)` for a clear refusal; anything else it
 * throws is reported as INTERNAL with its message (and logged with its stack).
 */
export type ControlHandler = (params: ControlParams) => unknown | Promise<unknown>;
export type ControlHandlers = Record<string, ControlHandler>;

export interface ControlServerOptions {
  /** The read-only socket: only the methods of control/access.ts READ_ONLY_METHODS are served on it. */
  socketPath: string;
  /**
   * The admin socket, serving every method, chowned to `group` (mode 0660). Should the group not exist or the
   * chown fail, it stays 0600: the service user and root only, never wider. Without it nothing changes state.
   */
  adminSocket?: { path: string; group: string };
  /** Read on every request, so methods added to the object after start() are served too. */
  handlers: ControlHandlers;
  log: Logger;
  /** Default 0o660: owner and group (`chargerd`, or the admin group) may connect. */
  socketMode?: number;
  maxLineBytes?: number;
  /** Default 32: a technician CLI, the MQTT bridge and a few scripts; more is a leak or an attack. */
  maxConnections?: number;
}

/** Unix socket paths are limited by sockaddr_un.sun_path (108 bytes on Linux, including the NUL). */
const MAX_SOCKET_PATH_BYTES = 107;
/** Lines read but not yet answered on one connection before we stop reading from it (backpressure). */
const MAX_QUEUED_LINES = 16;

/**
 * The agent's end of the local control API. Requests on one connection are answered in order, one at a time, so
 * a script that pipelines commands sees them applied in the order it sent them.
 */
export class ControlServer {
  private readonly listeners: Listener[] = [];
  private readonly clients = new Set<ClientConnection>();
  private state: 'idle' | 'starting' | 'running' | 'stopping' = 'idle';
  private log: Logger;

  constructor(private readonly opts: ControlServerOptions) {
    this.log = opts.log;
  }

  async start(): Promise<void> {
    if (this.state !== 'idle') throw new ControlServerError('ALREADY_STARTED', 'control server already started');
    this.state = 'starting';
    this.log = this.opts.log.child({ module: 'control' });
    const sockets: { path: string; admin: boolean }[] = [{ path: this.opts.socketPath, admin: false }];
    if (this.opts.adminSocket) sockets.push({ path: this.opts.adminSocket.path, admin: true });
    let current = this.opts.socketPath;
    try {
      for (const s of sockets) {
        current = s.path;
        await this.listenOn(s.path, s.admin);
      }
      this.state = 'running';
    } catch (err) {
      await this.closeServers();
      await this.removeOwnSockets();
      this.state = 'idle';
      if (err instanceof ControlServerError) throw err;
      throw new ControlServerError('LISTEN_FAILED', `cannot listen on control socket ${current}: ${(err as Error).message}`, { cause: err });
    }
  }

  private async listenOn(socketPath: string, admin: boolean): Promise<void> {
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
      throw new ControlServerError('SOCKET_PATH_INVALID', `control socket path is longer than ${MAX_SOCKET_PATH_BYTES} bytes: ${socketPath}`);
    }
    await mkdir(path.dirname(socketPath), { recursive: true });
    await this.removeStaleSocket(socketPath);
    const server = net.createServer({ allowHalfOpen: true }, (socket) => this.accept(socket, admin));
    server.maxConnections = this.opts.maxConnections ?? 32;
    await listen(server, socketPath);
    const l: Listener = { server, path: socketPath, ino: null };
    this.listeners.push(l);
    server.on('error', (err) => this.log.error({ err, socketPath }, 'control socket error'));
    // Until this chmod the socket has umask permissions, which are never wider than the usual 0o755, and a
    // Unix socket needs write permission to connect: the window cannot admit anyone 0o660 would refuse.
    const mode = admin ? await this.adminMode(socketPath) : (this.opts.socketMode ?? 0o660);
    await chmod(socketPath, mode);
    l.ino = (await lstat(socketPath)).ino;
    this.log.info({ socketPath, access: admin ? 'admin' : 'read-only', mode: `0${mode.toString(8)}` }, 'control socket listening');
  }

  /** Chown the admin socket to its group; when that cannot be done, fail closed: owner (and root) only. */
  private async adminMode(socketPath: string): Promise<number> {
    const group = this.opts.adminSocket!.group;
    const gid = await groupId(group).catch(() => null);
    if (gid === null) {
      this.log.error({ socketPath, group }, 'admin group does not exist: the admin control socket is for root and the service user only');
      return 0o600;
    }
    try {
      await chown(socketPath, -1, gid);
    } catch (err) {
      this.log.error(
        { socketPath, group, err: (err as Error).message },
        'cannot give the admin control socket to its group (is the service user a member?): it is for root and the service user only',
      );
      return 0o600;
    }
    return this.opts.socketMode ?? 0o660;
  }

  async stop(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    const closing = [...this.clients].map((c) => c.destroy());
    this.clients.clear();
    await Promise.all([...closing, this.closeServers()]);
    await this.removeOwnSockets();
    this.state = 'idle';
    this.log.info({ socketPath: this.opts.socketPath }, 'control socket closed');
  }

  /** Number of open client connections (for status pages and leak checks). */
  connectionCount(): number {
    return this.clients.size;
  }

  private accept(socket: net.Socket, admin: boolean): void {
    if (this.state !== 'running') {
      socket.destroy();
      return;
    }
    const client = new ClientConnection(socket, this.opts.maxLineBytes ?? MAX_LINE_BYTES, (req) => this.dispatch(req, admin), this.log);
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
  }

  private async dispatch(req: ControlRequest, admin: boolean): Promise<ControlResponse> {
    const handlers = this.opts.handlers;
    // hasOwn: a method named "constructor" or "__proto__" must not reach Object.prototype.
    const handler = Object.hasOwn(handlers, req.method) ? handlers[req.method] : undefined;
    if (typeof handler !== 'function') {
      return { id: req.id, error: { code: 'UNKNOWN_METHOD', message: `unknown method: ${req.method}` } };
    }
    if (!admin && !isReadOnlyMethod(req.method)) {
      this.log.debug({ method: req.method }, 'control request forbidden on the read-only socket');
      const a = this.opts.adminSocket;
      return { id: req.id, error: { code: 'FORBIDDEN', message: forbiddenMessage(req.method, this.opts.socketPath, a?.path ?? '(none configured)', a?.group ?? null) } };
    }
    try {
      const result = await handler(req.params);
      this.log.debug({ method: req.method }, 'control request served');
      return { id: req.id, result };
    } catch (err) {
      if (err instanceof ControlError) {
        this.log.debug({ method: req.method, code: err.code, msg: err.message }, 'control request refused');
        return { id: req.id, error: { code: err.code, message: err.message } };
      }
      this.log.error({ err, method: req.method }, 'control handler failed');
      const message = err instanceof Error ? err.message : String(err);
      return { id: req.id, error: { code: 'INTERNAL', message: message || 'internal error' } };
    }
  }

  private async removeStaleSocket(socketPath: string): Promise<void> {
    let st;
    try {
      st = await lstat(socketPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    // Never delete a regular file or directory someone put there by mistake: that is for a person to sort out.
    if (!st.isSocket()) {
      throw new ControlServerError('SOCKET_PATH_INVALID', `control socket path exists and is not a socket: ${socketPath}`);
    }
    const probe = await probeSocket(socketPath);
    if (probe === 'live') {
      throw new ControlServerError('SOCKET_IN_USE', `another process (a running chargerd?) is listening on ${socketPath}`);
    }
    if (probe === 'stale') {
      this.log.warn({ socketPath }, 'removing stale control socket');
      await unlink(socketPath).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
  }

  /**
   * libuv already unlinks the path when a server closes; this is the fallback for when it did not, and it must
   * never remove a socket another process has bound there since (hence the inode check).
   */
  private async removeOwnSockets(): Promise<void> {
    for (const l of this.listeners.splice(0)) {
      if (l.ino === null) continue;
      try {
        const st = await lstat(l.path);
        if (st.isSocket() && st.ino === l.ino) await unlink(l.path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn({ err, socketPath: l.path }, 'cannot remove control socket');
      }
    }
  }

  private async closeServers(): Promise<void> {
    await Promise.all(
      this.listeners.map(({ server }) => (server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve())),
    );
  }
}

interface Listener {
  server: net.Server;
  path: string;
  /** Inode of the socket file we created, once chmod-ed. */
  ino: number | null;
}

function listen(server: net.Server, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(socketPath, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** One client: reads lines, answers them one at a time, stops reading while too many are queued. */
class ClientConnection {
  private readonly splitter: LineSplitter;
  private readonly queue: (() => Promise<ControlResponse>)[] = [];
  private running = false;
  private ended = false;

  constructor(
    private readonly socket: net.Socket,
    maxLineBytes: number,
    private readonly dispatch: (req: ControlRequest) => Promise<ControlResponse>,
    private readonly log: Logger,
  ) {
    this.splitter = new LineSplitter(maxLineBytes);
    socket.on('data', (chunk: Buffer) => this.onEvents(this.splitter.push(chunk)));
    socket.on('end', () => {
      this.ended = true;
      this.onEvents(this.splitter.end());
      this.maybeFinish();
    });
    // A client that vanishes mid-reply is routine (Ctrl-C on chargerctl): nothing to do but drop it.
    socket.on('error', (err) => this.log.debug({ err }, 'control client connection error'));
  }

  /** Drop the connection; resolves once its handle is closed. */
  destroy(): Promise<void> {
    this.queue.length = 0;
    if (this.socket.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.destroy();
    });
  }

  private onEvents(events: ReturnType<LineSplitter['push']>): void {
    for (const ev of events) {
      if (ev.kind === 'oversized') {
        this.log.warn({ bytes: ev.bytesSeen }, 'control request line too long, discarded');
        const limit = ev.bytesSeen;
        this.enqueue(async () => ({ id: null, error: { code: 'TOO_LARGE', message: `request line exceeds the limit (read ${limit} bytes); discarded` } }));
        continue;
      }
      const parsed = parseRequestLine(ev.line);
      if (parsed.ok) {
        const req = parsed.request;
        this.enqueue(() => this.dispatch(req));
      } else {
        const reply: ControlResponse = { id: parsed.id, error: parsed.error };
        this.enqueue(async () => reply);
      }
    }
  }

  private enqueue(job: () => Promise<ControlResponse>): void {
    if (this.socket.destroyed) return;
    this.queue.push(job);
    if (this.queue.length >= MAX_QUEUED_LINES) this.socket.pause();
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0 && !this.socket.destroyed) {
      const job = this.queue.shift()!;
      const reply = await job();
      if (this.socket.destroyed) break;
      const flushed = this.socket.write(encodeResponse(reply));
      if (!flushed) await this.waitDrain();
      if (this.queue.length < MAX_QUEUED_LINES && this.socket.isPaused() && !this.ended) this.socket.resume();
    }
    this.running = false;
    this.maybeFinish();
  }

  private waitDrain(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /** The client half-closed: answer what it sent, then close our side. */
  private maybeFinish(): void {
    if (this.ended && !this.running && this.queue.length === 0 && !this.socket.destroyed) this.socket.end();
  }
}
