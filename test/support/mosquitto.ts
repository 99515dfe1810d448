/**
 * A real mosquitto broker for tests: a plain process on 127.0.0.1, a free port, its config in a temp dir;
 * stop() and start() again on the same port (a broker outage), and an MQTT.js observer that records every
 * message (retained or not) so tests can wait for a topic's value.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { WebSocketServer } from 'ws';

export const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find((p) => existsSync(p)) ?? 'mosquitto';

export const MOSQUITTO_PASSWD = ['/usr/bin/mosquitto_passwd', '/usr/local/bin/mosquitto_passwd'].find((p) => existsSync(p)) ?? 'mosquitto_passwd';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface MosquittoOptions {
  /**
   * Config lines after the plain listener: more listeners (TLS, ...) with their own ports (freePort()). With
   * `users`, they share the password file (mosquitto's listeners share security settings by default).
   */
  extraConf?: string;
  /** user → password, in a mosquitto_passwd file; anonymous clients are then refused on every listener. */
  users?: Record<string, string>;
}

export class Mosquitto {
  readonly dir = mkdtempSync(join(tmpdir(), 'chargerd-mqtt-'));
  port = 0;
  proc: ChildProcess | null = null;
  output = '';

  constructor(private readonly opts: MosquittoOptions = {}) {}

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  get passwordFile(): string {
    return join(this.dir, 'passwd');
  }

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    const conf = join(this.dir, 'mosquitto.conf');
    const users = this.opts.users;
    if (users) writePasswords(this.passwordFile, users);
    // No persistence: a restarted broker has forgotten every retained message, the harder case for the bridge.
    // Run as root (CI), mosquitto would switch to its own user and could not read the files in our temp dir.
    const lines = [
      `listener ${this.port} 127.0.0.1`,
      users ? `allow_anonymous false\npassword_file ${this.passwordFile}` : 'allow_anonymous true',
      'persistence false',
      'log_dest stderr',
      'log_type error',
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      this.opts.extraConf ?? '',
    ];
    writeFileSync(conf, `${lines.join('\n')}\n`);
    const proc = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stdout!.on('data', (b: Buffer) => (this.output += b.toString()));
    proc.stderr!.on('data', (b: Buffer) => (this.output += b.toString()));
    const auth = users ? Object.entries(users)[0] : undefined;
    const end = Date.now() + 5000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`mosquitto exited ${proc.exitCode}: ${this.output}`);
      if (await canConnect(this.port, auth)) return this;
      if (Date.now() > end) throw new Error(`mosquitto did not listen on ${this.port}: ${this.output}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  /**
   * A new password file, read again by the running broker (SIGHUP): clients refused so far get in at their next
   * attempt, with no window in which the broker is down.
   */
  async setUsers(users: Record<string, string>): Promise<void> {
    writePasswords(this.passwordFile, users);
    const before = this.output.length;
    this.proc?.kill('SIGHUP');
    // mosquitto logs nothing at log_type error on a reload; a login with the new file proves it was read.
    const [user, pass] = Object.entries(users)[0]!;
    const end = Date.now() + 5000;
    while (!(await canConnect(this.port, [user, pass]))) {
      if (Date.now() > end) throw new Error(`mosquitto did not take the new password file: ${this.output.slice(before)}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  /** A broker that is there but does not answer (SIGSTOP): TCP connections stay open, nothing is acknowledged. */
  freeze(): void {
    this.proc?.kill('SIGSTOP');
  }

  thaw(): void {
    this.proc?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGCONT');
    p.kill('SIGTERM');
    await exited;
  }

  async cleanup(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function writePasswords(file: string, users: Record<string, string>): void {
  rmSync(file, { force: true });
  writeFileSync(file, '', { mode: 0o600 });
  for (const [user, pass] of Object.entries(users)) {
    const r = spawnSync(MOSQUITTO_PASSWD, ['-b', file, user, pass], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mosquitto_passwd failed: ${r.stderr || r.error?.message}`);
  }
}

function canConnect(port: number, auth?: [string, string]): Promise<boolean> {
  return new Promise((resolve) => {
    const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 1000, ...(auth ? { username: auth[0], password: auth[1] } : {}) });
    c.once('connect', () => {
      resolve(true);
      c.end(true);
    });
    c.once('error', () => c.end(true, {}, () => resolve(false)));
    c.once('close', () => resolve(false));
  });
}

export interface Received {
  topic: string;
  payload: string;
  retain: boolean;
  at: number;
}

/** An MQTT.js client subscribed to `filters` that keeps every message. */
export class Observer {
  readonly messages: Received[] = [];
  readonly latest = new Map<string, string>();
  client!: MqttClient;

  static async connect(url: string, filters: string[], opts: IClientOptions = {}): Promise<Observer> {
    const o = new Observer();
    o.client = mqtt.connect(url, { reconnectPeriod: 200, connectTimeout: 2000, ...opts });
    o.client.on('message', (topic, payload, packet) => {
      const m = { topic, payload: payload.toString(), retain: packet.retain, at: performance.now() };
      o.messages.push(m);
      o.latest.set(topic, m.payload);
    });
    await new Promise<void>((resolve, reject) => {
      o.client.once('connect', () => resolve());
      o.client.once('error', reject);
    });
    await o.client.subscribeAsync(filters, { qos: 1 });
    return o;
  }

  publish(topic: string, payload: string, opts: { retain?: boolean } = {}): Promise<unknown> {
    return this.client.publishAsync(topic, payload, { qos: 1, retain: opts.retain ?? false });
  }

  /** The first message on `topic` after index `from` satisfying `pred` (default: any). */
  async waitFor(topic: string, pred: (payload: string, m: Received) => boolean = () => true, timeoutMs = 10_000, from = 0): Promise<Received> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = this.messages.slice(from).find((x) => x.topic === topic && pred(x.payload, x));
      if (m) return m;
      if (Date.now() > end) throw new Error(`no message on ${topic} matching within ${timeoutMs} ms; latest ${JSON.stringify(this.latest.get(topic))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  mark(): number {
    return this.messages.length;
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/**
 * MQTT over WebSocket in front of a mosquitto TCP listener, the way a reverse proxy (nginx, HAProxy) serves it on
 * a site. Debian 12's mosquitto is built without websockets ("protocol websockets" fails with "Unable to start
 * any listening sockets"), so the WebSocket side is this relay; the MQTT peer is still the real broker. With
 * `tls`, wss:// (the relay terminates TLS).
 */
export class WsRelay {
  port = 0;
  private server: HttpServer | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly brokerPort: number,
    private readonly tls?: { cert: string; key: string },
  ) {}

  get url(): string {
    return `${this.tls ? 'wss' : 'ws'}://127.0.0.1:${this.port}/mqtt`;
  }

  async start(): Promise<this> {
    const server = this.tls ? createHttpsServer({ cert: readFileSync(this.tls.cert), key: readFileSync(this.tls.key) }) : createHttpServer();
    this.server = server;
    const wss = new WebSocketServer({ server, path: '/mqtt', handleProtocols: (p) => (p.has('mqtt') ? 'mqtt' : false) });
    wss.on('connection', (ws) => {
      const tcp = connect(this.brokerPort, '127.0.0.1');
      this.sockets.add(tcp);
      tcp.on('data', (b) => ws.send(b));
      tcp.on('close', () => ws.close());
      tcp.on('error', () => ws.terminate());
      ws.on('message', (b) => tcp.write(b as Buffer));
      ws.on('close', () => tcp.destroy());
      ws.on('error', () => tcp.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
