/**
 * The one MQTT connection: a last will for "offline", an explicit "online" at every connect, reconnect with a
 * bounded back-off, and an outgoing side that cannot grow without bound when the broker is slow or gone.
 *
 * Nothing here is awaited by the station: state() and event() only touch two small in-memory structures and
 * schedule a flush, so a listener on a safety or OCPP event returns at once whatever the broker does.
 * - Retained state is kept as the latest value per topic (bounded by the number of topics): a burst of changes
 *   to one topic costs one publish, and after a reconnect every topic is published again from this map.
 * - Events (non-retained) wait in a FIFO of MAX_EVENTS; beyond it the oldest is dropped and counted.
 * - At most MAX_IN_FLIGHT publishes are handed to MQTT.js at a time, and nothing while disconnected, so its own
 *   queues (unbounded) stay empty; MQTT.js's offline queue for QoS 0 is switched off.
 */
import { readFileSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { ResolvedMqttConfig } from '../config/load.js';
import { ConfigError } from '../config/error.js';
import type { Logger } from '../log.js';

export const MAX_EVENTS = 200;
export const MAX_IN_FLIGHT = 64;
/** Reconnect back-off: doubles from the first to the last, reset by a connection. */
export const RECONNECT_MIN_MS = 1000;
export const RECONNECT_MAX_MS = 30_000;

export interface LinkStats {
  connected: boolean;
  published: number;
  /** Events dropped because the outgoing FIFO was full (a slow or absent broker). */
  droppedEvents: number;
  connects: number;
}

export interface LinkOptions {
  config: ResolvedMqttConfig;
  clock: Clock;
  log: Logger;
  /** Retained, set to "online" at connect and "offline" by the broker (last will) or a clean stop. */
  statusTopic: string;
  onConnect?: () => void;
  onMessage?: (topic: string, payload: Buffer, retained: boolean) => void;
}

/** The broker URL without user info, for logs. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(unparsable url)';
  }
}

export class MqttLink {
  private client: MqttClient | null = null;
  private readonly retained = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly events: { topic: string; payload: string }[] = [];
  private readonly subscriptions: string[] = [];
  private inFlight = 0;
  /** Publishes of an earlier connection do not count against this one's window. */
  private generation = 0;
  private flushTimer: TimerHandle | null = null;
  private backoffMs = RECONNECT_MIN_MS;
  private lastError: string | null = null;
  private stopped = false;
  readonly stats: LinkStats = { connected: false, published: 0, droppedEvents: 0, connects: 0 };

  constructor(private readonly o: LinkOptions) {}

  start(): void {
    const c = this.o.config;
    const opts: IClientOptions = {
      clientId: c.clientId,
      keepalive: c.keepaliveS,
      clean: true,
      reconnectPeriod: RECONNECT_MIN_MS,
      // Without it MQTT.js never tries again after a refused CONNACK (a login refused once, an auth backend
      // restarting): the bridge would stay off until chargerd restarts. The back-off below applies as well.
      reconnectOnConnackError: true,
      connectTimeout: 10_000,
      queueQoSZero: false,
      resubscribe: true,
      will: { topic: this.o.statusTopic, payload: Buffer.from('offline'), qos: c.qos, retain: true },
      ...(c.username !== undefined ? { username: c.username } : {}),
      ...(c.password !== undefined ? { password: c.password } : {}),
      rejectUnauthorized: c.tls.rejectUnauthorized,
      ...tlsFiles(c),
    };
    const client = mqtt.connect(c.url, opts);
    this.client = client;
    client.on('connect', () => this.onConnect());
    client.on('close', () => this.onClose());
    client.on('reconnect', () => {
      // MQTT.js waits reconnectPeriod before each attempt: doubling it here makes the back-off, with jitter
      // so a site's chargers do not reconnect in step after a broker restart.
      this.backoffMs = Math.min(this.backoffMs * 2, RECONNECT_MAX_MS);
      client.options.reconnectPeriod = Math.round(this.backoffMs * (0.8 + Math.random() * 0.4));
    });
    client.on('error', (err) => {
      // Logged once per distinct error: a broker down for a day must not fill the journal.
      if (err.message === this.lastError) return;
      this.lastError = err.message;
      const d = describeError(err);
      this.o.log.warn({ url: safeUrl(c.url), err: err.message, ...(d.code ? { code: d.code } : {}), hint: d.hint }, d.msg);
    });
    client.on('message', (topic, payload, packet) => this.o.onMessage?.(topic, payload, packet.retain));
    this.o.log.info({ url: safeUrl(c.url), clientId: c.clientId }, 'MQTT bridge connecting');
  }

  /**
   * Clean stop: "offline" explicitly (a clean DISCONNECT suppresses the will), then close. Bounded by
   * `timeoutMs`: a broker that does not answer cannot hold up the agent's shutdown.
   */
  stop(timeoutMs = 1000): Promise<void> {
    this.stopped = true;
    this.o.clock.clear(this.flushTimer);
    this.flushTimer = null;
    const client = this.client;
    this.client = null;
    if (!client) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.o.clock.clear(timer);
        client.removeAllListeners();
        client.on('error', () => undefined);
        resolve();
      };
      const timer = this.o.clock.setTimeout(() => {
        client.end(true, {}, () => undefined);
        finish();
      }, timeoutMs);
      const end = () => client.end(false, {}, finish);
      if (client.connected) client.publish(this.o.statusTopic, 'offline', { qos: this.o.config.qos, retain: true }, end);
      else client.end(true, {}, finish);
    });
  }

  /**
   * What waits to be sent: events in the FIFO, retained topics changed since their last publish, and what MQTT.js
   * itself holds (its offline queue, kept empty by publishing nothing while disconnected). For the tests that
   * check the outgoing side stays bounded during an outage.
   */
  backlog(): { events: number; dirtyTopics: number; retainedTopics: number; clientQueued: number } {
    return { events: this.events.length, dirtyTopics: this.dirty.size, retainedTopics: this.retained.size, clientQueued: this.client?.queue.length ?? 0 };
  }

  get connected(): boolean {
    return this.stats.connected;
  }

  /** Subscribed now and again after every reconnect. */
  subscribe(topics: string[]): void {
    this.subscriptions.push(...topics);
    if (this.client?.connected) this.client.subscribe(topics, { qos: this.o.config.qos });
  }

  /** A retained value. The same value again costs nothing; '' removes the retained message at the broker. */
  state(topic: string, payload: string): void {
    if (this.retained.get(topic) === payload) return;
    this.retained.set(topic, payload);
    this.dirty.add(topic);
    this.schedule();
  }

  /** Removes the retained message at the broker (an empty retained payload), even one this link never set. */
  remove(topic: string): void {
    this.retained.set(topic, '');
    this.dirty.add(topic);
    this.schedule();
  }

  /** A non-retained message; dropped (and counted) only when MAX_EVENTS are already waiting. */
  event(topic: string, payload: string): void {
    if (this.events.length >= MAX_EVENTS) {
      this.events.shift();
      this.stats.droppedEvents++;
    }
    this.events.push({ topic, payload });
    this.schedule();
  }

  private onConnect(): void {
    this.stats.connected = true;
    this.stats.connects++;
    this.backoffMs = RECONNECT_MIN_MS;
    this.client!.options.reconnectPeriod = RECONNECT_MIN_MS;
    this.lastError = null;
    this.o.log.info({ url: safeUrl(this.o.config.url) }, 'MQTT broker connected');
    // MQTT.js resubscribes after a reconnect only what it subscribed during a connection; the first time is ours.
    if (this.subscriptions.length && this.stats.connects === 1) this.client!.subscribe(this.subscriptions, { qos: this.o.config.qos });
    // Online first: a retained "offline" from the will must not outlive the state published after it.
    this.retained.delete(this.o.statusTopic);
    this.state(this.o.statusTopic, 'online');
    for (const t of this.retained.keys()) this.dirty.add(t);
    this.o.onConnect?.();
    this.flush();
  }

  private onClose(): void {
    if (this.stats.connected) this.o.log.warn({ url: safeUrl(this.o.config.url) }, 'MQTT broker connection lost; reconnecting');
    this.stats.connected = false;
    this.generation++;
    this.inFlight = 0;
  }

  private schedule(): void {
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = this.o.clock.setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, 0);
  }

  private flush(): void {
    const client = this.client;
    if (!client || !this.stats.connected || this.stopped) return;
    const qos = this.o.config.qos;
    const status = this.o.statusTopic;
    const next = (): { topic: string; payload: string; retain: boolean } | null => {
      // The status topic first, so "online" precedes the state behind it.
      const t = this.dirty.has(status) ? status : this.dirty.values().next().value;
      if (t !== undefined) {
        this.dirty.delete(t);
        return { topic: t, payload: this.retained.get(t) ?? '', retain: true };
      }
      const e = this.events.shift();
      return e ? { ...e, retain: false } : null;
    };
    while (this.inFlight < MAX_IN_FLIGHT) {
      const m = next();
      if (!m) return;
      const gen = this.generation;
      this.inFlight++;
      client.publish(m.topic, m.payload, { qos, retain: m.retain }, (err) => {
        if (gen !== this.generation) return;
        this.inFlight--;
        if (!err) this.stats.published++;
        if (this.dirty.size || this.events.length) this.schedule();
      });
    }
  }
}

/** Node's codes for a broker certificate that does not verify (an untrusted CA, a self-signed or expired one). */
const CERT_CODES = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED']);

/**
 * The log line for a connection error: what went wrong in words a technician acts on, and which setting to check.
 * Never the credentials themselves: MQTT.js's messages carry none, and the hints only name the fields.
 */
export function describeError(err: Error & { code?: unknown }): { msg: string; hint: string; code?: string } {
  const code = typeof err.code === 'string' ? err.code : typeof err.code === 'number' ? String(err.code) : undefined;
  const withCode = <T extends { msg: string; hint: string }>(d: T) => (code ? { ...d, code } : d);
  if (code && CERT_CODES.has(code))
    return withCode({ msg: 'MQTT broker refused: its TLS certificate is not trusted', hint: 'check mqtt.tls.ca (the CA that signed the broker\'s certificate; without it the system CAs) and the certificate\'s dates' });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return withCode({ msg: 'MQTT broker refused: its TLS certificate is for another host name', hint: 'the host in mqtt.url must be one the broker\'s certificate names (CN or subjectAltName)' });
  if (code === 'EPROTO' || /handshake|alert|ssl/i.test(err.message))
    return withCode({ msg: 'MQTT broker refused the TLS handshake', hint: 'the broker may want a client certificate (mqtt.tls.cert and mqtt.tls.key), or mqtt.url\'s scheme does not match its listener' });
  if (code === '4' || code === '5' || /not authori[sz]ed|bad user ?name or password/i.test(err.message))
    return withCode({ msg: 'MQTT broker refused the login', hint: 'check mqtt.username and mqtt.password (and the broker\'s ACL for this client)' });
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET')
    return withCode({ msg: 'MQTT broker unreachable', hint: 'check mqtt.url and that the broker runs; the bridge retries with back-off' });
  return withCode({ msg: 'MQTT broker error', hint: 'the bridge retries with back-off' });
}

function tlsFiles(c: ResolvedMqttConfig): Partial<IClientOptions> {
  const out: Partial<IClientOptions> = {};
  for (const k of ['ca', 'cert', 'key'] as const) {
    const path = c.tls[k];
    if (!path) continue;
    try {
      out[k] = readFileSync(path);
    } catch (err) {
      throw new ConfigError([{ field: `/mqtt/tls/${k}`, value: path, rule: `cannot be read: ${(err as Error).message}` }]);
    }
  }
  return out;
}
