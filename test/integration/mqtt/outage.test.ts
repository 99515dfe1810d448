/**
 * The bridge's outgoing side while the broker is gone, against a real mosquitto: what waits is capped (the
 * latest value per retained topic, MAX_EVENTS events, nothing inside MQTT.js), and at the reconnect the broker
 * gets "online" first, each retained topic once with its latest value and the newest events in order.
 *
 * The link runs in this process so its backlog can be read. To see the reconnect without a race, the broker
 * comes back first refusing the link's login (a live subscriber gets in meanwhile), then takes a new password
 * file (SIGHUP), and the link gets in at its next attempt (which also shows it retries after a refused login).
 * Last, the reconnect back-off against a listener that closes every connection.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SystemClock } from '../../../agent/clock/clock.js';
import type { ResolvedMqttConfig } from '../../../agent/config/load.js';
import { createLogger, silentLogger } from '../../../agent/log.js';
import { MAX_EVENTS, MAX_IN_FLIGHT, MqttLink, RECONNECT_MIN_MS } from '../../../agent/mqtt/link.js';
import { createServer } from 'node:net';
import { Mosquitto, Observer } from '../../support/mosquitto.js';

const OBSERVER = { username: 'observer', password: 'observer-pw' };
const LINK = { username: 'station', password: 'station-pw' };
const TOPICS = 50;
const STATES = 20_000;
const EVENTS = 5000;

describe('MQTT link: bounded while the broker is down, complete after it is back', () => {
  let broker: Mosquitto;
  let link: MqttLink;
  let obs: Observer;
  /** The link's log lines (pino JSON). */
  const logs: string[] = [];

  before(async () => {
    broker = new Mosquitto({ users: { [OBSERVER.username]: OBSERVER.password } });
    await broker.start();
    await broker.stop();
    const config: ResolvedMqttConfig = { url: broker.url, ...LINK, clientId: 'outage-test', topicPrefix: 'q', homeAssistant: false, tls: { rejectUnauthorized: true }, qos: 1, keepaliveS: 5 };
    const log = createLogger({ level: 'info', pretty: false }, { write: (l: string) => void logs.push(l) });
    link = new MqttLink({ config, clock: new SystemClock(), log, statusTopic: 'q/status' });
    link.start();
  });

  after(async () => {
    await link?.stop(500);
    await obs?.close();
    await broker?.cleanup();
  });

  test(`${STATES} state changes on ${TOPICS} topics and ${EVENTS} events during the outage: the backlog stays capped`, async () => {
    for (let i = 0; i < STATES; i++) link.state(`q/state/${i % TOPICS}`, String(i));
    for (let i = 0; i < EVENTS; i++) link.event('q/event', JSON.stringify({ n: i, pad: 'x'.repeat(100) }));
    // Let the timers that would flush run, and the link's connection attempts fail (nothing listens).
    await new Promise((res) => setTimeout(res, 1500));
    assert.equal(link.connected, false);
    const b = link.backlog();
    assert.equal(b.events, MAX_EVENTS);
    assert.equal(b.dirtyTopics, TOPICS);
    assert.equal(b.retainedTopics, TOPICS);
    assert.equal(b.clientQueued, 0, "nothing waits in MQTT.js's own (unbounded) queue");
    assert.equal(link.stats.droppedEvents, EVENTS - MAX_EVENTS);
    assert.equal(link.stats.published, 0);
  });

  test('the broker back, the link refused at first: still capped; then let in, it publishes everything once', async () => {
    await broker.start();
    obs = await Observer.connect(broker.url, ['q/#'], OBSERVER);
    // An attempt refused (CONNACK "not authorized"): MQTT.js would give up for good here unless told to retry.
    const end0 = Date.now() + 20_000;
    while (!logs.some((l) => l.includes('refused the login'))) {
      if (Date.now() > end0) throw new Error(`the link was never refused: ${logs.join('')}`);
      await new Promise((res) => setTimeout(res, 20));
    }
    assert.equal(link.connected, false, 'the link is refused without a login');
    assert.equal(link.backlog().events, MAX_EVENTS);
    assert.equal(link.backlog().clientQueued, 0);
    await broker.setUsers({ ...{ [OBSERVER.username]: OBSERVER.password }, [LINK.username]: LINK.password });
    const online = await obs.waitFor('q/status', (p) => p === 'online', 40_000);
    const end = Date.now() + 10_000;
    // Until the subscriber has the events and the link every acknowledgement (PUBACKs come after delivery).
    while (obs.messages.filter((m) => m.topic === 'q/event').length < MAX_EVENTS || link.backlog().dirtyTopics > 0 || link.stats.published < 1 + TOPICS + MAX_EVENTS) {
      if (Date.now() > end) throw new Error(`not everything arrived: ${JSON.stringify(link.backlog())}`);
      await new Promise((res) => setTimeout(res, 20));
    }
    const msgs = obs.messages.slice(obs.messages.indexOf(online));
    assert.equal(obs.messages.filter((m) => m.topic === 'q/status').length, 1, 'online is the first thing the broker gets of the link');
    for (let t = 0; t < TOPICS; t++) {
      const got = msgs.filter((m) => m.topic === `q/state/${t}`);
      assert.deepEqual(got.map((m) => m.payload), [String(STATES - TOPICS + t)], `q/state/${t}: one publish, the latest value`);
    }
    const events = obs.messages.filter((m) => m.topic === 'q/event').map((m) => JSON.parse(m.payload).n);
    assert.deepEqual(events, Array.from({ length: MAX_EVENTS }, (_, i) => EVENTS - MAX_EVENTS + i), 'the newest events, in order');
    assert.ok(obs.messages.indexOf(online) < obs.messages.findIndex((m) => m.topic.startsWith('q/state/')), 'online before the state');
    assert.deepEqual(link.backlog(), { events: 0, dirtyTopics: 0, retainedTopics: TOPICS + 1, clientQueued: 0 });
    assert.equal(link.stats.published, 1 + TOPICS + MAX_EVENTS);
  });

  test('a frozen broker (SIGSTOP: connected, nothing acknowledged): at most MAX_IN_FLIGHT handed to MQTT.js, the rest capped', async () => {
    broker.freeze();
    try {
      for (let i = 0; i < STATES; i++) link.state(`q/state/${i % TOPICS}`, `f${i}`);
      for (let i = 0; i < EVENTS; i++) link.event('q/event', JSON.stringify({ n: i }));
      await new Promise((res) => setTimeout(res, 500));
      const b = link.backlog();
      assert.ok(b.events <= MAX_EVENTS, `events ${b.events}`);
      assert.ok(b.dirtyTopics <= TOPICS);
      assert.ok(b.events + b.dirtyTopics >= TOPICS + MAX_EVENTS - MAX_IN_FLIGHT, 'the window held the rest back');
      assert.equal(b.clientQueued, 0);
    } finally {
      broker.thaw();
    }
    await obs.waitFor(`q/state/${TOPICS - 1}`, (p) => p === `f${STATES - 1}`, 20_000);
  });

  test('reconnect backs off: each wait about twice the one before (jitter ±20 %)', async () => {
    // A "broker" that takes the TCP connection and closes it at once, recording when each attempt came.
    const attempts: number[] = [];
    const server = createServer((sock) => {
      attempts.push(performance.now());
      sock.destroy();
    });
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    const port = (server.address() as { port: number }).port;
    const config: ResolvedMqttConfig = { url: `mqtt://127.0.0.1:${port}`, clientId: 'backoff-test', topicPrefix: 'b', homeAssistant: false, tls: { rejectUnauthorized: true }, qos: 1, keepaliveS: 5 };
    const l = new MqttLink({ config, clock: new SystemClock(), log: silentLogger(), statusTopic: 'b/status' });
    l.start();
    try {
      const end = Date.now() + 15_000;
      while (attempts.length < 4) {
        if (Date.now() > end) throw new Error(`only ${attempts.length} attempts`);
        await new Promise((res) => setTimeout(res, 20));
      }
    } finally {
      await l.stop(200);
      server.close();
    }
    const waits = attempts.slice(1).map((t, i) => t - attempts[i]!);
    assert.ok(waits[0]! >= RECONNECT_MIN_MS * 0.8 - 50 && waits[0]! < RECONNECT_MIN_MS * 1.2 + 300, `first wait ${waits[0]} ms`);
    for (let i = 1; i < waits.length; i++) {
      const ratio = waits[i]! / waits[i - 1]!;
      assert.ok(ratio > 1.3 && ratio < 3.2, `wait ${i}: ${Math.round(waits[i]!)} ms after ${Math.round(waits[i - 1]!)} ms`);
    }
  });
});
