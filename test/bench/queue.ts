/**
 * Benchmarks of the durable queue (issue "Never lose a transaction"): durable enqueue rate with the shipped
 * synchronous mode, bytes written to disk per queued MeterValues, replay throughput of 10,000 queued messages
 * to a loopback CSMS, and how long a live StatusNotification waits behind that replay.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent } from '../../agent/agent.js';
import { PROTOCOLS } from '../../profiles/index.js';
import { createConfigValidator } from '../../agent/config/load.js';
import { DemoCsms } from '../../agent/demo/csms.js';
import { silentLogger } from '../../agent/log.js';
import { openSqliteStore } from '../../offline-queue/index.js';
import { sleep } from '../support/station-process.js';

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function writeBytes(): number {
  return Number(/write_bytes:\s+(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
}

/** A 1.6 MeterValues payload like the station queues every sample interval (energy, power, 3 × current, 3 × voltage). */
function meterPayload(i: number): unknown {
  const ts = new Date(Date.UTC(2026, 10, 21, 12, 0, 0) + i * 1000).toISOString();
  const sv = (measurand: string, value: string, unit: string, phase?: string) => ({ context: 'Sample.Periodic', measurand, location: 'Outlet', value, unit, ...(phase ? { phase } : {}) });
  return {
    connectorId: 1,
    meterValue: [
      {
        timestamp: ts,
        sampledValue: [
          sv('Energy.Active.Import.Register', String(1000 + i * 6), 'Wh'),
          sv('Power.Active.Import', '22080.0', 'W'),
          ...['L1', 'L2', 'L3'].map((p) => sv('Current.Import', '32.00', 'A', p)),
          ...['L1-N', 'L2-N', 'L3-N'].map((p) => sv('Voltage', '230.0', 'V', p)),
        ],
      },
    ],
  };
}

export async function benchEnqueue(n = 2000): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'chargerd-bench-q-'));
  const store = openSqliteStore(join(dir, 'chargerd.db'));
  store.journal.open({ localId: 'tx-1', evseId: 1, idTag: 'BENCH', startedAt: new Date().toISOString(), meterStartWh: 1000, extra: {} }, { action: 'StartTransaction', payload: { connectorId: 1, idTag: 'BENCH', meterStart: 1000, timestamp: new Date().toISOString() } });
  const w0 = writeBytes();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    // What the ledger does per sample: journal the last reading and queue the message, in one commit.
    store.atomically(() => {
      store.journal.updateMeter('tx-1', 1000 + i * 6, new Date().toISOString());
      store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: meterPayload(i), txLocalId: 'tx-1', createdAt: new Date().toISOString() });
    });
  }
  const s = (performance.now() - t0) / 1000;
  const written = writeBytes() - w0;
  const mode = store.info.synchronous;
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    'SQLite synchronous mode (WAL)': mode,
    [`durable enqueue of a MeterValues + journal update, ${n} samples (per s)`]: round(n / s, 0),
    'bytes written to disk per queued MeterValues (KiB)': round(written / n / 1024, 2),
  };
}

export async function benchReplay(n = 10_000): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargerd-bench-replay-'));
  // A station that was offline for a long time: one transaction and n queued MeterValues.
  const store = openSqliteStore(join(dataDir, 'chargerd.db'));
  const start = new Date(Date.UTC(2026, 10, 21, 12)).toISOString();
  store.journal.open({ localId: 'tx-offline', evseId: 1, idTag: 'BENCH', startedAt: start, meterStartWh: 1000, extra: {} }, { action: 'StartTransaction', payload: { connectorId: 1, idTag: 'BENCH', meterStart: 1000, timestamp: start } });
  for (let i = 0; i < n; i++) store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: meterPayload(i), txLocalId: 'tx-offline', createdAt: start });
  store.close();

  const csms = new DemoCsms();
  const url = await csms.start();
  const config = createConfigValidator()({
    chargePointId: 'CP-REPLAY',
    ocpp: { csmsUrl: url, reconnectMinS: 0.2 },
    dataDir,
    controlSocket: join(dataDir, 'control.sock'),
    hal: { driver: 'sim', sim: { evReactionMs: 50 } },
    evses: [{ id: 1 }, { id: 2 }],
  });
  const agent = new Agent({ config, protocols: PROTOCOLS, log: silentLogger(), control: false });
  const t0 = performance.now();
  await agent.start();
  const { store: live, sim } = agent.parts;
  while (live!.queue.stats().depth > n * 0.8) await sleep(5);
  // Mid-replay: a driver plugs in at EVSE 2; the StatusNotification must not wait for the backlog.
  const mark = csms.records.length;
  const plugAt = performance.now();
  sim!.plug(2);
  await csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Preparing', 30_000, mark);
  const statusWaitMs = performance.now() - plugAt;
  const depthWhenSeen = live!.queue.stats().depth;
  while (live!.queue.stats().depth > 0) await sleep(5);
  const s = (performance.now() - t0) / 1000;
  const delivered = csms.received('MeterValues').length;
  await agent.stop();
  await csms.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (delivered < n) throw new Error(`bench: only ${delivered} of ${n} MeterValues arrived`);
  return {
    [`replay of ${n} queued messages to a loopback CSMS, incl. start-up (messages/s)`]: round((n + 2) / s, 0),
    'live StatusNotification during the replay: plug-in → at the CSMS (ms)': round(statusWaitMs, 1),
    'queued messages still waiting when it arrived': depthWhenSeen,
  };
}
