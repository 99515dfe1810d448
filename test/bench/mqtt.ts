/**
 * The MQTT bridge against a real mosquitto: how fast a state change reaches a subscriber, and proof that the
 * bridge does not move the fault-to-contactor figure, with the broker up (publishing every second while a
 * session runs), with the broker stopped (the bridge reconnecting meanwhile) and with the broker frozen (connected
 * but answering nothing, the slow-broker extreme).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent } from '../../agent/agent.js';
import { PROTOCOLS } from '../../profiles/index.js';
import { createConfigValidator } from '../../agent/config/load.js';
import { DemoCsms } from '../../agent/demo/csms.js';
import { silentLogger } from '../../agent/log.js';
import type { SimStation } from '../../hal/sim/sim-station.js';
import { Mosquitto, Observer } from '../support/mosquitto.js';
import { sleep } from '../support/station-process.js';
import { benchLatencies } from './station.js';

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Plug / unplug on a fixed-cable EVSE: each status event → the subscriber has the retained status topic. */
async function stateToBroker(broker: Mosquitto, n: number): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargerd-bench-'));
  const csms = new DemoCsms();
  const url = await csms.start();
  const config = createConfigValidator()({
    chargePointId: 'CP-MQ',
    ocpp: { csmsUrl: url },
    dataDir,
    controlSocket: join(dataDir, 'control.sock'),
    hal: { driver: 'sim' },
    evses: [{ id: 1, connector: 'cable' }],
    mqtt: { url: broker.url, homeAssistant: false },
  });
  const agent = new Agent({ config, protocols: PROTOCOLS, log: silentLogger(), control: false });
  await agent.start();
  const obs = await Observer.connect(broker.url, ['chargerd/CP-MQ/evse/1/status']);
  const sim = agent.parts.sim as SimStation;
  const station = agent.parts.station!;
  await obs.waitFor('chargerd/CP-MQ/evse/1/status', (p) => p === 'Available');
  let changedAt = 0;
  let want = '';
  station.events.on('status', (e) => {
    if (e.evseId === 1 && e.status === want) changedAt = performance.now();
  });
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    want = i % 2 === 0 ? 'Preparing' : 'Available';
    const from = obs.mark();
    changedAt = 0;
    if (want === 'Preparing') sim.plug(1);
    else sim.unplug(1);
    const m = await obs.waitFor('chargerd/CP-MQ/evse/1/status', (p) => p === want, 5000, from);
    if (!changedAt) throw new Error('bench: no status event');
    out.push(m.at - changedAt);
    await sleep(5);
  }
  await obs.close();
  await agent.stop();
  await csms.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return out.sort((a, b) => a - b);
}

const rcd = (r: Record<string, number>) => {
  const k = Object.keys(r);
  const get = (s: string) => r[k.find((x) => x.startsWith(s))!]!;
  return `p50 ${get('RCD trip due (timer)')} ms, p99 ${get('RCD trip due → contactor open, p99')} ms, max ${get('RCD trip due → contactor open, max')} ms; code path p99 ${get('RCD trip event')} ms`;
};

export async function benchMqtt(trips = 1000): Promise<Record<string, number | string>> {
  const broker = new Mosquitto();
  await broker.start();
  try {
    const lat = await stateToBroker(broker, 200);
    const mqtt = { mqtt: { url: broker.url, keepaliveS: 5 } };
    const baseline = await benchLatencies(trips);
    const up = await benchLatencies(trips, { extra: mqtt });
    let downRow = '';
    const down = await benchLatencies(trips, {
      extra: mqtt,
      beforeTrips: async () => {
        await broker.stop();
        await sleep(500);
      },
    });
    downRow = rcd(down);
    await broker.start();
    // A broker that is there but answers nothing (SIGSTOP): the TCP connection stays up until the keepalive
    // gives up, acknowledgements never come, the bridge's window of in-flight publishes fills.
    const frozen = await benchLatencies(trips, { extra: mqtt, beforeTrips: async () => broker.freeze() });
    broker.thaw();
    return {
      'status change → subscriber (retained topic), p50 of 200 (ms)': round(pct(lat, 50), 3),
      'status change → subscriber, p99 (ms)': round(pct(lat, 99), 3),
      'RCD trip → contactor open, no bridge': rcd(baseline),
      'RCD trip → contactor open, bridge publishing every 1 s': rcd(up),
      'RCD trip → contactor open, broker stopped (bridge reconnecting)': downRow,
      'RCD trip → contactor open, broker frozen (SIGSTOP, nothing acknowledged)': rcd(frozen),
    };
  } finally {
    await broker.cleanup();
  }
}
