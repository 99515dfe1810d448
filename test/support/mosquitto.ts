/**
 * A real mosquitto broker for tests: a plain process on 127.0.0.1, a free port, its config in a temp dir;
 * stop() and start() again on the same port (a broker outage), and an MQTT.js observer that records every
 * message (retained or not) so tests can wait for a topic's value.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';

export const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find((p) => existsSync(p)) ?? 'mosquitto';

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

export class Mosquitto {
  readonly dir = mkdtempSync(join(tmpdir(), 'chargerd-mqtt-'));
  port = 0;
  proc: ChildProcess | null = null;
  output = '';

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    const conf = join(this.dir, 'mosquitto.conf');
    // No persistence: a restarted broker has forgotten every retained message, the harder case for the bridge.
    writeFileSync(conf, `listener ${this.port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\nlog_type error\n`);
    const proc = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stdout!.on('data', (b: Buffer) => (this.output += b.toString()));
    proc.stderr!.on('data', (b: Buffer) => (this.output += b.toString()));
    const end = Date.now() + 5000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`mosquitto exited ${proc.exitCode}: ${this.output}`);
      if (await canConnect(this.port)) return this;
      if (Date.now() > end) throw new Error(`mosquitto did not listen on ${this.port}: ${this.output}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  }

  async cleanup(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 1000 });
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

  static async connect(url: string, filters: string[]): Promise<Observer> {
    const o = new Observer();
    o.client = mqtt.connect(url, { reconnectPeriod: 200, connectTimeout: 2000 });
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
