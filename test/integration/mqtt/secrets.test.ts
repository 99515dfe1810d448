/**
 * The configured MQTT password never leaves chargerd (issue 8, "No secret ever leaves through ... MQTT or logs"):
 * a broker that requires a login (mosquitto password file), chargerd at log level debug through a connection,
 * inputs good and bad, a session, a fault, a broker restart, a wrong password and credentials in the URL; then
 * every topic name and payload the broker carried, every line chargerd wrote and what chargerctl shows are
 * searched for the password.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { relaunch, rig, startSession, unplugToAvailable, type Rig, type RigStation } from '../core/harness.js';
import { Mosquitto, Observer } from '../../support/mosquitto.js';

const ID = 'CP-MQSEC';
const P = `chargerd/${ID}`;
const PASSWORD = 'Zq8-mqtt-SECRET-4711';
const WRONG = 'Wr0ng-mqtt-SECRET-0815';
const OBSERVER = { username: 'observer', password: 'observer-pw' };

describe('MQTT: the password never appears in a topic, a payload or a log line', () => {
  let broker: Mosquitto;
  let obs: Observer;
  let r: Rig;
  /** Output of every chargerd process of this file (a relaunch starts a new one). */
  const outputs: string[] = [];
  const ctlOutputs: string[] = [];
  const mqttCfg = (m: Record<string, unknown>): RigStation => ({ evses: [{ id: 1, maxCurrentA: 32, phases: 3 }], extra: { log: { level: 'debug' }, mqtt: { keepaliveS: 5, ...m } } });
  const restart = async (m: Record<string, unknown>) => {
    await r.st.stop();
    outputs.push(r.st.output);
    await relaunch(r, mqttCfg(m));
  };

  before(async () => {
    broker = new Mosquitto({ users: { [OBSERVER.username]: OBSERVER.password, charger: PASSWORD } });
    await broker.start();
    obs = await Observer.connect(broker.url, ['#'], OBSERVER);
    r = await rig(ID, mqttCfg({ url: broker.url, username: 'charger', password: PASSWORD }));
  });

  after(async () => {
    await r?.close();
    await obs?.close();
    await broker?.cleanup();
  });

  test('logged in with the password: state, inputs, a session, a fault and a broker restart', async () => {
    await obs.waitFor(`${P}/status`, (p) => p === 'online');
    await obs.publish(`${P}/evse/1/limit/set`, 'not a limit');
    await obs.waitFor(`${P}/error`);
    await obs.publish(`${P}/evse/1/limit/set`, '{"currentA":16,"expiresInS":60}');
    await r.st.until('limit 16 A', (s) => s.evses[0].limitA === 16);
    await startSession(r, 1, 'SEC-CARD');
    await obs.waitFor(`${P}/evse/1/event/session_started`);
    await r.st.ok('sim', 'fault', '1', 'rcd');
    await obs.waitFor(`${P}/evse/1/event/fault`);
    await r.st.ok('sim', 'clear', '1');
    await unplugToAvailable(r, 1);
    await obs.waitFor(`${P}/evse/1/event/session_stopped`);
    const from = obs.mark();
    await broker.stop();
    await broker.start();
    await obs.waitFor(`${P}/status`, (p) => p === 'online', 20_000, from);
    ctlOutputs.push(await r.st.ok('status', '--json'), await r.st.ok('config', 'get', '--json'), await r.st.ok('status'));
  });

  test('a wrong password: refused with a log line naming the setting, neither password in it', async () => {
    await restart({ url: broker.url, username: 'charger', password: WRONG });
    const end = Date.now() + 10_000;
    while (!/refused the login/.test(r.st.output)) {
      if (Date.now() > end) throw new Error(`no login refusal logged:\n${r.st.output.slice(-3000)}`);
      await new Promise((res) => setTimeout(res, 20));
    }
    const line = r.st.output.split('\n').find((l) => l.includes('refused the login'))!;
    assert.match(JSON.parse(line).hint, /mqtt\.password/);
    assert.ok(!r.st.output.includes(WRONG), 'the wrong password is not logged either');
  });

  test('credentials in the URL: connected; logs show the URL without them', async () => {
    const from = obs.mark();
    await restart({ url: broker.url.replace('mqtt://', `mqtt://charger:${PASSWORD}@`) });
    await obs.waitFor(`${P}/status`, (p) => p === 'online', 15_000, from);
    await r.st.stop();
    outputs.push(r.st.output);
    const urls = outputs.at(-1)!.split('\n').filter((l) => l.includes('"url"'));
    assert.ok(urls.length > 0, 'the bridge logged its URL (debug level)');
    for (const l of urls) assert.ok(!l.includes('charger:'), `no user info in ${l}`);
    await relaunch(r, mqttCfg({ url: broker.url, username: 'charger', password: PASSWORD }));
  });

  test('nowhere: every topic and payload on the broker, every chargerd output line, chargerctl', () => {
    const needles = [PASSWORD, WRONG, encodeURIComponent(PASSWORD), Buffer.from(PASSWORD).toString('base64')];
    assert.ok(obs.messages.length > 100, `the broker carried the bridge's traffic (${obs.messages.length} messages)`);
    for (const m of obs.messages) for (const n of needles) assert.ok(!m.topic.includes(n) && !m.payload.includes(n), `secret in MQTT message on ${m.topic}`);
    assert.ok(outputs.join('').includes('MQTT broker connected'), 'the logs were captured at a level that shows the bridge');
    for (const o of outputs) {
      o.split('\n').forEach((line, i) => {
        for (const n of needles) assert.ok(!line.includes(n), `secret in chargerd output line ${i}: ${line.slice(0, 200)}`);
      });
    }
    for (const o of ctlOutputs) for (const n of needles) assert.ok(!o.includes(n), 'secret in chargerctl output');
  });
});
