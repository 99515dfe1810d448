/**
 * The MQTT bridge (issue 8) with the real chargerd process, the bundled strict CSMS, a real mosquitto and an
 * MQTT.js observer: retained state, online/offline through the last will, session events with totals, every
 * input (valid and refused), limits reaching the pilot and expiring, enabled/set persisted across a restart,
 * Home Assistant discovery, and a broker outage during a session.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidFrames, relaunch, rig, startSession, unplugToAvailable, type Rig, type RigStation } from '../core/harness.js';
import { Mosquitto, Observer } from '../../support/mosquitto.js';

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

  test('Home Assistant discovery: one device, every entity with the fields HA requires', async () => {
    const cfg = async (component: string, object: string) => JSON.parse((await obs.waitFor(`homeassistant/${component}/chargerd_${ID}/${object}/config`)).payload);
    const power = await cfg('sensor', 'evse1_power');
    assert.deepEqual(power.device.identifiers, [`chargerd_CP-MQTT`]);
    assert.equal(power.device.manufacturer, 'chargerd');
    assert.ok(power.device.model && power.device.name);
    assert.equal(power.unique_id, 'chargerd_CP-MQTT_evse1_power');
    assert.equal(power.state_topic, `${P}/evse/1/power`);
    assert.equal(power.availability_topic, `${P}/status`);
    assert.equal(power.payload_available, 'online');
    assert.equal(power.payload_not_available, 'offline');
    assert.equal(power.device_class, 'power');
    assert.equal(power.unit_of_measurement, 'W');
    assert.equal(power.state_class, 'measurement');
    const energy = await cfg('sensor', 'evse1_energy');
    assert.deepEqual([energy.device_class, energy.unit_of_measurement, energy.state_class], ['energy', 'Wh', 'total_increasing']);
    const sw = await cfg('switch', 'evse2_enabled');
    assert.equal(sw.command_topic, `${P}/evse/2/enabled/set`);
    assert.equal(sw.state_topic, `${P}/evse/2/enabled`);
    const num = await cfg('number', 'evse1_current_limit');
    assert.equal(num.command_topic, `${P}/evse/1/limit/set`);
    assert.deepEqual([num.min, num.max, num.unit_of_measurement], [0, 32, 'A']);
    const fault = await cfg('binary_sensor', 'evse1_fault');
    assert.deepEqual([fault.device_class, fault.payload_on, fault.payload_off], ['problem', 'ON', 'OFF']);
    await cfg('sensor', 'evse1_session_energy');
    await cfg('sensor', 'evse1_current');
    await cfg('sensor', 'evse1_status');
    await cfg('binary_sensor', 'evse1_plugged');
    await cfg('binary_sensor', 'evse1_charging');
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
    assert.equal(stopped.transactionId, txId);
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
    ];
    for (const [topic, payload, retain] of cases) {
      const from = obs.mark();
      await obs.publish(topic, payload, { retain: retain ?? false });
      const e = JSON.parse((await obs.waitFor(`${P}/error`, (p) => JSON.parse(p).topic === topic && JSON.parse(p).payload === payload, 5000, from)).payload);
      assert.equal(typeof e.error, 'string', `${topic} ${payload}`);
      if (retain) await obs.publish(topic, '', { retain: true });
    }
    const e1 = await r.st.evse(1);
    assert.equal(e1.limitSource, 'evse');
    assert.equal(e1.status, 'Available');
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
    await r.st.stop();
    await relaunch(r, station);
    await r.st.until('still Unavailable after the restart', (s) => s.evses[1].status === 'Unavailable');
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
    await broker.start(); // same port, no persistence: every retained message is gone
    const fresh = await Observer.connect(broker.url, [`${P}/#`]);
    try {
      await fresh.waitFor(`${P}/status`, (p) => p === 'online', 15_000);
      await fresh.waitFor(`${P}/evse/2/status`, (p) => p === 'Charging', 5000);
      await fresh.waitFor(`${P}/evse/2/session/id_token`, (p) => p === 'MQTT-OUTAGE', 5000);
      await fresh.waitFor(`${P}/evse/1/state`, () => true, 5000);
    } finally {
      await fresh.close();
    }
    await obs.client.reconnect();
    await unplugToAvailable(r, 2);
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
    const removed = await obs.waitFor(`homeassistant/sensor/chargerd_CP-MQTT/evse2_power/config`, (p) => p === '', 10_000, from);
    assert.equal(removed.payload, '');
    const kept = obs.messages.slice(from).filter((m) => m.topic === 'homeassistant/sensor/chargerd_CP-MQTT/evse1_power/config');
    assert.ok(kept.every((m) => m.payload !== ''), 'EVSE 1 keeps its configs');
  });
});
