/**
 * The MQTT bridge (issue 8) with the real chargerd process, the bundled strict CSMS, a real mosquitto and an
 * MQTT.js observer: retained state, online/offline through the last will, session events with totals, every
 * input (valid and refused, on every input topic), limits reaching the pilot and expiring, enabled/set persisted
 * across a restart, a retained command refused, Home Assistant discovery checked against HA's requirements
 * (ha-requirements.ts), a broker outage during a session with changes meanwhile, the last will on kill -9.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidFrames, relaunch, rig, startSession, unplugToAvailable, type Rig, type RigStation } from '../core/harness.js';
import { Mosquitto, Observer } from '../../support/mosquitto.js';
import { checkHaConfig, stateProblem, type HaEntity } from './ha-requirements.js';

const ID = 'CP-MQTT';
const P = `chargerd/${ID}`;

describe('MQTT bridge', () => {
  let broker: Mosquitto;
  let r: Rig;
  let obs: Observer;
  let station: RigStation;

  before(async () => {
    broker = new Mosquitto();
    await broker.start();
    station = { extra: { mqtt: { url: broker.url, keepaliveS: 5 } } };
    obs = await Observer.connect(broker.url, [`${P}/#`, 'homeassistant/#']);
    r = await rig(ID, station);
  });

  after(async () => {
    if (r) assertValidFrames(r);
    await r?.close();
    await obs?.close();
    await broker?.cleanup();
  });

  test('retained station and EVSE state, online', async () => {
    await obs.waitFor(`${P}/status`, (p) => p === 'online');
    await obs.waitFor(`${P}/ocpp/connection`, (p) => p === 'open');
    await obs.waitFor(`${P}/ocpp/registration`, (p) => p === 'Accepted');
    await obs.waitFor(`${P}/evse/2/status`, (p) => p === 'Available');
    // A late subscriber gets everything retained.
    const late = await Observer.connect(broker.url, [`${P}/#`]);
    try {
      for (const t of ['status', 'version', 'ocpp/version', 'ocpp/connection', 'queue/depth', 'queue/dead_letters', 'evse/1/status', 'evse/1/pilot', 'evse/1/relay', 'evse/1/offered_current', 'evse/1/limit', 'evse/1/limit/source', 'evse/1/enabled', 'evse/1/state', 'state']) {
        const m = await late.waitFor(`${P}/${t}`, () => true, 5000);
        assert.equal(m.retain, true, `${t} is retained`);
      }
      const s = JSON.parse(late.latest.get(`${P}/evse/1/state`)!);
      assert.equal(s.status, 'Available');
      assert.equal(s.limitA, 32);
      assert.equal(s.limitSource, 'evse');
      assert.equal(s.session, null);
      const st = JSON.parse(late.latest.get(`${P}/state`)!);
      assert.equal(st.chargePointId, ID);
      assert.equal(st.registration, 'Accepted');
      assert.equal(late.latest.get(`${P}/queue/depth`), '0');
    } finally {
      await late.close();
    }
  });

  test('Home Assistant discovery: every config meets what HA\'s MQTT integration requires; states are ones HA parses', async () => {
    await obs.waitFor(`homeassistant/binary_sensor/chargerd_${ID}/evse2_fault/config`);
    await obs.waitFor(`${P}/evse/2/enabled`);
    const configs = [...obs.latest].filter(([t, p]) => t.startsWith('homeassistant/') && p !== '');
    const entities: HaEntity[] = [];
    const problems: string[] = [];
    for (const [t, p] of configs) {
      const c = checkHaConfig(t, p);
      problems.push(...c.problems);
      if (c.entity) entities.push(c.entity);
    }
    assert.deepEqual(problems, []);
    // What the issue asks for, per EVSE: sensors, a switch, a number, binary sensors.
    const objects = new Set(entities.map((e) => `${e.component}/${e.topic.split('/')[3]}`));
    for (const n of [1, 2])
      for (const o of ['sensor/status', 'sensor/power', 'sensor/energy', 'sensor/session_energy', 'sensor/current', 'switch/enabled', 'number/current_limit', 'binary_sensor/plugged', 'binary_sensor/charging', 'binary_sensor/fault'])
        assert.ok(objects.has(o.replace('/', `/evse${n}_`)), `${o} of EVSE ${n}`);
    assert.equal(entities.length, 20);
    assert.equal(new Set(entities.map((e) => e.config.unique_id)).size, entities.length, 'unique_id is unique');
    // One device: every entity carries the same identifiers.
    assert.equal(new Set(entities.map((e) => JSON.stringify(e.config.device.identifiers))).size, 1);
    assert.deepEqual(entities[0]!.config.device.identifiers, [`chargerd_${ID}`]);
    // Retained: a Home Assistant that subscribes now gets every state at once. (A live subscriber never sees the
    // retain flag, hence a second one; the probe comes after the retained messages on its connection.)
    const late = await Observer.connect(broker.url, [`${P}/#`, 'test/probe']);
    await late.publish('test/probe', 'x');
    await late.waitFor('test/probe');
    await late.close();
    for (const e of entities) {
      // Availability is the topic the last will sets, with the will's payload as "not available".
      assert.equal(e.config.availability_topic, `${P}/status`);
      assert.equal(e.config.payload_available ?? 'online', 'online');
      assert.equal(e.config.payload_not_available ?? 'offline', 'offline');
      for (const k of ['state_topic', 'command_topic'] as const) if (e.config[k]) assert.ok(e.config[k].startsWith(`${P}/`), `${e.topic} ${k}`);
      if (e.config.command_topic) assert.ok(e.config.command_topic.endsWith('/set'));
      // Every state topic is published (retained) with a value HA accepts.
      if (e.config.state_topic) {
        const m = late.messages.find((x) => x.topic === e.config.state_topic);
        assert.ok(m?.retain, `${e.config.state_topic} retained`);
        assert.equal(stateProblem(e, m.payload), null, `${e.topic}: state ${JSON.stringify(m.payload)}`);
      }
    }
    assert.equal(obs.latest.get(`${P}/status`), 'online');
    const num = entities.find((e) => e.topic.endsWith('/evse1_current_limit/config'))!;
    assert.deepEqual([num.config.min, num.config.max, num.config.unit_of_measurement], [0, 32, 'A']);
  });

  test('a session: started and stopped events with totals; state follows', async () => {
    const from = obs.mark();
    const txId = await startSession(r, 1, 'MQTT-CARD');
    const started = JSON.parse((await obs.waitFor(`${P}/evse/1/event/session_started`, () => true, 10_000, from)).payload);
    assert.equal(started.idToken, 'MQTT-CARD');
    assert.equal(started.evse, 1);
    await obs.waitFor(`${P}/evse/1/status`, (p) => p === 'Charging', 10_000, from);
    await obs.waitFor(`${P}/evse/1/relay`, (p) => p === 'ON', 10_000, from);
    await obs.waitFor(`${P}/evse/1/charging`, (p) => p === 'ON', 10_000, from);
    await obs.waitFor(`${P}/evse/1/session/id_token`, (p) => p === 'MQTT-CARD', 10_000, from);
    await obs.waitFor(`${P}/evse/1/power`, (p) => Number(p) > 0, 10_000, from);
    await obs.waitFor(`${P}/evse/1/session/energy`, (p) => Number(p) > 0, 10_000, from);
    await unplugToAvailable(r, 1);
    const m = await obs.waitFor(`${P}/evse/1/event/session_stopped`, () => true, 10_000, from);
    assert.equal(m.retain, false);
    const stopped = JSON.parse(m.payload);
    assert.equal(stopped.transactionId, String(txId), "the journal's text");
    assert.equal(stopped.idToken, 'MQTT-CARD');
    assert.equal(stopped.reason, 'EVDisconnected');
    assert.ok(stopped.energyWh > 0);
    assert.equal(stopped.energyWh, stopped.meterStopWh - stopped.meterStartWh);
    assert.ok(stopped.durationS >= 1);
    await obs.waitFor(`${P}/evse/1/session/active`, (p) => p === 'OFF', 10_000, from);
  });

  test('a fault: its own non-retained event; fault ON, then OFF once cleared', async () => {
    const from = obs.mark();
    await r.st.ok('sim', 'fault', '1', 'rcd');
    const m = await obs.waitFor(`${P}/evse/1/event/fault`, () => true, 10_000, from);
    assert.equal(m.retain, false);
    const f = JSON.parse(m.payload);
    assert.deepEqual([f.evse, f.status, f.errorCode], [1, 'Faulted', 'GroundFailure']);
    await obs.waitFor(`${P}/evse/1/fault`, (p) => p === 'ON', 5000, from);
    await r.st.ok('sim', 'clear', '1');
    await obs.waitFor(`${P}/evse/1/fault`, (p) => p === 'OFF', 10_000, from);
    await obs.waitFor(`${P}/evse/1/status`, (p) => p === 'Available', 10_000, from);
  });

  test('invalid inputs are answered on the error topic with topic, payload and error, and change nothing', async () => {
    // (A retained command is refused too, but a live subscriber never sees the retain flag: commands.test.ts.)
    const cases: [string, string, boolean?][] = [
      [`${P}/evse/1/limit/set`, 'lots'],
      [`${P}/evse/1/limit/set`, '-3'],
      [`${P}/evse/1/limit/set`, '{"currentA":10,"powerW":2000}'],
      [`${P}/evse/1/limit/set`, '{"currentA":10,"expiresInS":-1}'],
      [`${P}/evse/1/limit/set`, '{"amps":10}'],
      [`${P}/evse/9/limit/set`, '10'],
      [`${P}/site/limit/set`, '[1]'],
      [`${P}/evse/1/enabled/set`, 'maybe'],
      [`${P}/evse/x/enabled/set`, 'OFF'],
      [`${P}/evse/1/limit/set`, '100'],
      [`${P}/evse/1/limit/set`, '{"currentA":"10"}'],
      [`${P}/evse/1/limit/set`, '{"powerW":1e9}'],
      [`${P}/evse/1/limit/set`, '{"currentA":10,"expiresInS":99999999}'],
      [`${P}/evse/1/limit/set`, 'ON'],
      [`${P}/evse/1/limit/set`, 'null'],
      [`${P}/evse/0/limit/set`, '10'],
      [`${P}/evse/1/limit/set`, `[${'1,'.repeat(600)}1]`],
      [`${P}/site/limit/set`, 'twelve'],
      [`${P}/site/limit/set`, '-1'],
      [`${P}/site/limit/set`, '{"powerW":-5}'],
      [`${P}/site/limit/set`, '{"currentA":10,"expiresInS":0}'],
      [`${P}/site/limit/set`, '{}'],
      [`${P}/evse/1/enabled/set`, 'on'],
      [`${P}/evse/1/enabled/set`, '1'],
      [`${P}/evse/1/enabled/set`, ''],
      [`${P}/evse/3/enabled/set`, 'ON'],
    ];
    for (const [topic, payload, retain] of cases) {
      const from = obs.mark();
      await obs.publish(topic, payload, { retain: retain ?? false });
      // A long payload comes back cut (an error is never larger than its cause).
      const shown = payload.length > 256 ? `${payload.slice(0, 256)}…` : payload;
      const m = await obs.waitFor(`${P}/error`, (p) => JSON.parse(p).topic === topic && JSON.parse(p).payload === shown, 5000, from);
      const e = JSON.parse(m.payload);
      assert.deepEqual(Object.keys(e).sort(), ['error', 'payload', 'topic']);
      assert.ok(typeof e.error === 'string' && e.error.length > 5, `${topic} ${payload}: ${e.error}`);
      assert.equal(m.retain, false);
      if (retain) await obs.publish(topic, '', { retain: true });
    }
    const st = await r.st.status();
    for (const e of st.evses) {
      assert.equal(e.limitSource, 'evse');
      assert.equal(e.status, 'Available');
    }
    assert.equal(obs.latest.get(`${P}/site/limit`), 'null');
  });

  test('limit/set reaches the pilot at once and expires; site limit and power limits; empty clears', async () => {
    const from = obs.mark();
    await startSession(r, 1, 'MQTT-LIMIT');
    await obs.publish(`${P}/evse/1/limit/set`, '{"currentA":10,"expiresInS":3}');
    await r.st.until('offered 10 A', (s) => s.evses[0].offeredCurrentA === 10 && s.evses[0].limitSource === 'external');
    await obs.waitFor(`${P}/evse/1/limit`, (p) => p === '10', 5000, from);
    await obs.waitFor(`${P}/evse/1/limit/source`, (p) => p === 'external', 5000, from);
    await r.st.until('limit expired', (s) => s.evses[0].offeredCurrentA === 32 && s.evses[0].limitSource === 'evse', 8000);

    await obs.publish(`${P}/evse/1/limit/set`, '{"powerW":11040}');
    await r.st.until('offered 16 A', (s) => s.evses[0].offeredCurrentA === 16);
    await obs.publish(`${P}/site/limit/set`, '12');
    await r.st.until('site 12 A', (s) => s.evses[0].offeredCurrentA === 12 && s.evses[0].limitSource === 'site');
    await obs.waitFor(`${P}/site/limit`, (p) => JSON.parse(p)?.currentA === 12, 5000, from);
    await obs.publish(`${P}/evse/1/limit/set`, '4');
    await r.st.until('suspended below 6 A', (s) => s.evses[0].offeredCurrentA === 0 && s.evses[0].status === 'SuspendedEVSE');
    await obs.publish(`${P}/evse/1/limit/set`, '');
    await obs.publish(`${P}/site/limit/set`, '');
    await r.st.until('charging at the rating again', (s) => s.evses[0].offeredCurrentA === 32 && s.evses[0].status === 'Charging');
    await unplugToAvailable(r, 1);
  });

  test('enabled/set OFF: Unavailable (the CSMS is told), persisted across a restart; ON again', async () => {
    const from = obs.mark();
    const mark = r.mark();
    await obs.publish(`${P}/evse/2/enabled/set`, 'OFF');
    await r.st.until('EVSE 2 Unavailable', (s) => s.evses[1].status === 'Unavailable');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Unavailable', 10_000, mark);
    await obs.waitFor(`${P}/evse/2/enabled`, (p) => p === 'OFF', 5000, from);
    // A retained command: a live bridge gets it as a normal message; after a restart the broker hands it over
    // retained, and it is refused (a dead energy manager's limit must not come back at every reconnect).
    await obs.publish(`${P}/evse/1/limit/set`, '7', { retain: true });
    await r.st.until('limit 7 A', (s) => s.evses[0].limitA === 7);
    await r.st.stop();
    const restarted = obs.mark();
    await relaunch(r, station);
    await r.st.until('still Unavailable after the restart', (s) => s.evses[1].status === 'Unavailable');
    const refused = JSON.parse((await obs.waitFor(`${P}/error`, (p) => JSON.parse(p).topic === `${P}/evse/1/limit/set`, 10_000, restarted)).payload);
    assert.match(refused.error, /retained/);
    assert.equal((await r.st.evse(1)).limitSource, 'evse');
    await obs.publish(`${P}/evse/1/limit/set`, '', { retain: true });
    await obs.publish(`${P}/evse/2/enabled/set`, 'ON');
    await r.st.until('EVSE 2 Available', (s) => s.evses[1].status === 'Available');
  });

  test('broker stopped during a session: charging goes on; the bridge reconnects and republishes', async () => {
    await startSession(r, 2, 'MQTT-OUTAGE');
    await broker.stop();
    await new Promise((res) => setTimeout(res, 2500));
    const s = await r.st.evse(2);
    assert.equal(s.status, 'Charging');
    assert.equal(s.relayClosed, true);
    // Changes during the outage: the broker must get the state as it is at the reconnect, not as it was.
    await unplugToAvailable(r, 2);
    await broker.start(); // same port, no persistence: every retained message is gone
    const fresh = await Observer.connect(broker.url, [`${P}/#`]);
    try {
      await fresh.waitFor(`${P}/status`, (p) => p === 'online', 15_000);
      await fresh.waitFor(`${P}/evse/2/state`, () => true, 5000);
      const s2 = JSON.parse(fresh.latest.get(`${P}/evse/2/state`)!);
      assert.deepEqual([s2.status, s2.relayClosed, s2.session], ['Available', false, null]);
      await fresh.waitFor(`${P}/evse/2/status`, (p) => p === 'Available', 5000);
      await fresh.waitFor(`${P}/evse/2/session/active`, (p) => p === 'OFF', 5000);
      await fresh.waitFor(`${P}/evse/1/state`, () => true, 5000);
      await fresh.waitFor(`${P}/ocpp/registration`, (p) => p === 'Accepted', 5000);
      assert.ok(![...fresh.messages].some((m) => m.topic === `${P}/evse/2/status` && m.payload === 'Charging'), 'no stale state');
    } finally {
      await fresh.close();
    }
    await obs.client.reconnect();
  });

  test('kill -9: the broker publishes the last will "offline"', async () => {
    const watcher = await Observer.connect(broker.url, [`${P}/status`]);
    try {
      await watcher.waitFor(`${P}/status`, (p) => p === 'online');
      const from = watcher.mark();
      await r.st.kill('SIGKILL');
      // keepalive 5 s: the broker gives up after 1.5 × keepalive at most (a killed process's socket closes at once).
      await watcher.waitFor(`${P}/status`, (p) => p === 'offline', 10_000, from);
      await relaunch(r, station);
      await watcher.waitFor(`${P}/status`, (p) => p === 'online', 10_000, from);
    } finally {
      await watcher.close();
    }
  });

  test('an EVSE no longer configured: its Home Assistant configs are removed (empty retained)', async () => {
    const from = obs.mark();
    await r.st.stop();
    await relaunch(r, { ...station, evses: [{ id: 1, maxCurrentA: 32, phases: 3 }] });
    const evse2 = [...obs.latest.keys()].filter((t) => t.startsWith('homeassistant/') && t.includes('/evse2_'));
    assert.equal(evse2.length, 10);
    for (const t of evse2) await obs.waitFor(t, (p) => p === '', 10_000, from);
    // Removed at the broker too: a Home Assistant started now does not see EVSE 2.
    const late = await Observer.connect(broker.url, ['homeassistant/#', 'test/probe']);
    try {
      // The broker sends the retained messages at the subscription, before anything published after it.
      await late.publish('test/probe', 'x');
      await late.waitFor('test/probe');
      assert.ok(late.latest.has(`homeassistant/sensor/chargerd_CP-MQTT/evse1_power/config`));
      assert.deepEqual([...late.latest.keys()].filter((t) => t.includes('/evse2_')), []);
    } finally {
      await late.close();
    }
    const kept = obs.messages.slice(from).filter((m) => m.topic === 'homeassistant/sensor/chargerd_CP-MQTT/evse1_power/config');
    assert.ok(kept.every((m) => m.payload !== ''), 'EVSE 1 keeps its configs');
  });
});
