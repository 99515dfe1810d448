/**
 * The bridge's transports against a real mosquitto: mqtts:// with a CA of the test's own (right CA connects, a
 * wrong one is refused with a log line that names the setting), a broker that requires a client certificate, and
 * MQTT over WebSocket (ws://, wss://). One chargerd, relaunched with each `mqtt` config; a plain listener lets the
 * observer see what the station published whatever transport it used.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relaunch, rig, type Rig, type RigStation } from '../core/harness.js';
import { freePort, Mosquitto, Observer, WsRelay } from '../../support/mosquitto.js';
import { StationProcess } from '../../support/station-process.js';
import { makePki, type TestPki } from './certs.js';

const ID = 'CP-MQTLS';
const P = `chargerd/${ID}`;

/** Log lines (pino JSON) of the process since `from` whose msg matches. */
function logLines(output: string, from: number, msg: RegExp): Record<string, unknown>[] {
  return output
    .slice(from)
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => typeof l.msg === 'string' && msg.test(l.msg));
}

async function untilLog(r: Rig, from: number, msg: RegExp, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const l = logLines(r.st.output, from, msg)[0];
    if (l) return l;
    if (Date.now() > end) throw new Error(`no log line matching ${msg} within ${timeoutMs} ms:\n${r.st.output.slice(from).slice(-3000)}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

describe('MQTT transports', () => {
  let broker: Mosquitto;
  let pki: TestPki;
  let tlsPort: number;
  let mtlsPort: number;
  let obs: Observer;
  let r: Rig;
  const pkiDir = mkdtempSync(join(tmpdir(), 'chargerd-pki-'));
  const relays: WsRelay[] = [];

  const station = (mqtt: Record<string, unknown>): RigStation => ({ evses: [{ id: 1, maxCurrentA: 32, phases: 3 }], extra: { mqtt: { keepaliveS: 5, homeAssistant: false, ...mqtt } } });

  /** chargerd again with this `mqtt`; resolves at the "online" it then publishes (or rejects after `ms`). */
  async function online(mqtt: Record<string, unknown>, ms = 15_000): Promise<void> {
    const from = obs.mark();
    await r.st.stop();
    await relaunch(r, station(mqtt));
    await obs.waitFor(`${P}/status`, (p) => p === 'online', ms, from);
    await obs.waitFor(`${P}/evse/1/status`, (p) => p === 'Available', 5000, from);
  }

  before(async () => {
    tlsPort = await freePort();
    mtlsPort = await freePort();
    pki = makePki(pkiDir);
    const tlsFiles = `cafile ${pki.ca}\ncertfile ${pki.serverCert}\nkeyfile ${pki.serverKey}`;
    broker = new Mosquitto({ extraConf: [`listener ${tlsPort} 127.0.0.1`, tlsFiles, `listener ${mtlsPort} 127.0.0.1`, tlsFiles, 'require_certificate true'].join('\n') });
    await broker.start();
    obs = await Observer.connect(broker.url, [`${P}/#`]);
    r = await rig(ID, station({ url: broker.url }));
    await obs.waitFor(`${P}/status`, (p) => p === 'online');
  });

  after(async () => {
    await r?.close();
    for (const x of relays) await x.stop();
    await obs?.close();
    await broker?.cleanup();
    rmSync(pkiDir, { recursive: true, force: true });
  });

  test('mqtts:// with the CA that signed the broker certificate: connected, state published', async () => {
    await online({ url: `mqtts://127.0.0.1:${tlsPort}`, tls: { ca: pki.ca } });
  });

  test('mqtts:// with a wrong CA: refused, a log line names mqtt.tls.ca, nothing published, OCPP unaffected', async () => {
    const from = obs.mark();
    await r.st.stop();
    await relaunch(r, station({ url: `mqtts://127.0.0.1:${tlsPort}`, tls: { ca: pki.wrongCa } }));
    const line = await untilLog(r, 0, /TLS certificate is not trusted/);
    assert.equal(line.module, 'mqtt');
    assert.match(String(line.hint), /mqtt\.tls\.ca/);
    assert.match(String(line.url), /^mqtts:\/\/127\.0\.0\.1:/);
    // The refusal is logged once, not at every retry: wait past two retries and count.
    await new Promise((res) => setTimeout(res, 3500));
    assert.equal(logLines(r.st.output, 0, /TLS certificate is not trusted/).length, 1);
    assert.equal(obs.messages.slice(from).filter((m) => m.topic === `${P}/status` && m.payload === 'online').length, 0);
    const s = await r.st.status();
    assert.equal(s.evses[0].status, 'Available');
  });

  test('mqtts:// with rejectUnauthorized false: a bench broker with an unknown CA is accepted', async () => {
    await online({ url: `mqtts://127.0.0.1:${tlsPort}`, tls: { ca: pki.wrongCa, rejectUnauthorized: false } });
  });

  test('a broker that requires a client certificate: refused without one (log), connected with cert and key', async () => {
    await r.st.stop();
    await relaunch(r, station({ url: `mqtts://127.0.0.1:${mtlsPort}`, tls: { ca: pki.ca } }));
    const line = await untilLog(r, 0, /^MQTT broker (refused the TLS handshake|error|unreachable)/);
    assert.equal(line.module, 'mqtt');
    await online({ url: `mqtts://127.0.0.1:${mtlsPort}`, tls: { ca: pki.ca, cert: pki.clientCert, key: pki.clientKey } });
  });

  test('ws:// and wss://: MQTT over WebSocket', async () => {
    const ws = await new WsRelay(broker.port).start();
    relays.push(ws);
    await online({ url: ws.url });
    const wss = await new WsRelay(broker.port, { cert: pki.serverCert, key: pki.serverKey }).start();
    relays.push(wss);
    await online({ url: wss.url, tls: { ca: pki.ca } });
  });

  test('an unreadable tls file is a config error naming the field (exit 2)', async () => {
    await r.st.stop();
    const missing = join(pkiDir, 'no-such-ca.pem');
    const p = new StationProcess({ ...station({ url: `mqtts://127.0.0.1:${tlsPort}`, tls: { ca: missing } }), csmsUrl: r.csms.url, id: ID, dataDir: r.st.dataDir }).start();
    assert.equal(await p.exitCode(), 2);
    assert.match(p.output, /\/mqtt\/tls\/ca/);
    assert.match(p.output, /cannot be read/);
    await online({ url: broker.url });
  });
});
