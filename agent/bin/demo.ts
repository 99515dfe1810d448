#!/usr/bin/env node
/**
 * `npm start`: a simulated two-EVSE charge point against the bundled CSMS (or any CSMS with --csms), running
 * one charging session and printing its timeline: boot, plug, card, start, meter values, stop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from '../agent.js';
import { PROTOCOLS } from '../../profiles/index.js';
import { createConfigValidator } from '../config/load.js';
import { DemoCsms, type CsmsRecord } from '../demo/csms.js';
import { createLogger } from '../log.js';

const USAGE = `usage: npm start [-- --csms URL] [--id CP-ID] [--seconds N] [--keep]

  --csms URL    run against this CSMS instead of the bundled one (its OCPP-J endpoint; the id is appended)
  --id ID       charge point identity (default CP-DEMO)
  --seconds N   how long the EV charges (default 8)
  --keep        keep running after the session (chargerctl can then drive it; Ctrl-C ends)`;

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const externalUrl = opt('--csms');
const identity = opt('--id') ?? 'CP-DEMO';
const chargeSeconds = Number(opt('--seconds') ?? 8);
const keep = argv.includes('--keep');

const t0 = Date.now();
const stamp = () => `${((Date.now() - t0) / 1000).toFixed(3).padStart(7)}s`;
const line = (who: string, text: string) => console.log(`${stamp()}  ${who.padEnd(11)} ${text}`);

function summarize(r: CsmsRecord): string {
  const p = r.payload as Record<string, any>;
  switch (`${r.kind}:${r.action}`) {
    case 'call:BootNotification':
      return `vendor=${p.chargePointVendor} model=${p.chargePointModel}`;
    case 'result:BootNotification':
      return `${p.status}, heartbeat every ${p.interval} s`;
    case 'call:StatusNotification':
      return `connector ${p.connectorId}: ${p.status}${p.errorCode !== 'NoError' ? ` (${p.errorCode})` : ''}`;
    case 'call:Authorize':
      return `idTag ${p.idTag}`;
    case 'result:Authorize':
      return p.idTagInfo.status;
    case 'call:StartTransaction':
      return `connector ${p.connectorId}, idTag ${p.idTag}, meterStart ${p.meterStart} Wh`;
    case 'result:StartTransaction':
      return `transactionId ${p.transactionId}, ${p.idTagInfo.status}`;
    case 'call:MeterValues': {
      const sv = p.meterValue?.[0]?.sampledValue ?? [];
      const e = sv.find((s: any) => s.measurand === undefined || s.measurand === 'Energy.Active.Import.Register');
      const w = sv.find((s: any) => s.measurand === 'Power.Active.Import');
      return `tx ${p.transactionId ?? '-'}: ${e ? `${e.value} Wh` : ''}${w ? `, ${(Number(w.value) / 1000).toFixed(2)} kW` : ''}`;
    }
    case 'call:StopTransaction':
      return `tx ${p.transactionId}, meterStop ${p.meterStop} Wh, reason ${p.reason ?? 'Local'}`;
    default:
      return r.kind === 'error' ? `${p.code}: ${p.message}` : r.kind === 'result' ? 'ok' : JSON.stringify(p).slice(0, 80);
  }
}

let csms: DemoCsms | null = null;
let url = externalUrl;
if (!url) {
  csms = new DemoCsms({ heartbeatIntervalS: 60 });
  url = await csms.start();
  line('csms', `bundled CSMS (ocpp-rpc, strict schema validation) listening on ${url}`);
  csms.on('record', (r: CsmsRecord) => {
    if (r.kind === 'result' && ['StatusNotification', 'MeterValues', 'Heartbeat', 'StopTransaction'].includes(r.action)) return;
    const arrow = r.dir === 'in' ? (r.kind === 'call' ? 'CP → CSMS' : 'CP ← ...') : r.kind === 'call' ? 'CSMS → CP' : 'CSMS ← ...';
    line(arrow, `${r.kind === 'call' ? r.action : `  ${r.action}.conf`}  ${summarize(r)}`);
  });
  csms.on('validationFailure', (e: { method: string; error: Error }) => line('csms', `SCHEMA VIOLATION in ${e.method}: ${e.error.message}`));
}

const dataDir = mkdtempSync(join(tmpdir(), 'chargerd-demo-'));
const config = createConfigValidator()({
  chargePointId: identity,
  ocpp: { version: '1.6', csmsUrl: url, reconnectMinS: 0.5, reconnectMaxS: 5 },
  identity: { vendor: 'chargerd', model: 'demo-2x22kW' },
  dataDir,
  controlSocket: join(dataDir, 'control.sock'),
  log: { level: 'warn', pretty: true },
  hal: { driver: 'sim', sim: { cableLingerMs: 1500, evReactionMs: 200, evMaxCurrentA: 16 } },
  evses: [
    { id: 1, maxCurrentA: 32, phases: 3 },
    { id: 2, maxCurrentA: 32, phases: 3 },
  ],
  ocppKeys: { MeterValueSampleInterval: 2, MeterValuesSampledData: 'Energy.Active.Import.Register,Power.Active.Import', HeartbeatInterval: 60 },
});
const log = createLogger({ level: 'warn', pretty: false });
const agent = new Agent({ config, protocols: PROTOCOLS, log });
await agent.start();
line('chargerd', `station ${identity} started; chargerctl --socket ${config.control.adminSocket} status`);
const { station, profile, sim } = agent.parts;
if (!csms) {
  station!.events.on('status', (e) => line('station', `connector ${e.evseId}: ${e.status}${e.errorCode !== 'NoError' ? ` (${e.errorCode})` : ''}`));
  station!.events.on('transactionStarted', (r) => line('station', `transaction ${r.localId} started at ${r.meterStartWh} Wh`));
  station!.events.on('transactionStopped', (r, why) => line('station', `transaction stopped (${why}) at ${r.meterStopWh} Wh`));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, pred: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
const step = (text: string) => line('▶ demo', text);

let failed = false;
try {
  await until('BootNotification Accepted', () => profile!.registrationStatus() === 'Accepted');
  await sleep(300);
  step('driver plugs the car into EVSE 1');
  sim!.plug(1);
  await sleep(800);
  step('driver presents card DEMO-CARD-1');
  sim!.presentTag(1, 'DEMO-CARD-1');
  await until('charging', () => station!.evse(1)!.snapshot().status === 'Charging');
  step(`car charges for ${chargeSeconds} s (meter values every 2 s)`);
  await sleep(chargeSeconds * 1000);
  step('driver presents the same card again to stop');
  sim!.presentTag(1, 'DEMO-CARD-1');
  await until('transaction end', () => station!.evse(1)!.transaction() === null);
  await sleep(500);
  step('driver unplugs the car and takes the cable');
  sim!.unplug(1);
  await until('Available', () => station!.evse(1)!.snapshot().status === 'Available', 10_000);
  await until('queue drained', () => agent.parts.store!.queue.stats().depth === 0, 10_000);
  await sleep(300);
  step('session complete');
  if (csms && csms.validationFailures.length) {
    failed = true;
    step(`${csms.validationFailures.length} schema violation(s) seen by the CSMS`);
  }
} catch (err) {
  failed = true;
  step(`failed: ${(err as Error).message}`);
}

if (keep && !failed) {
  step('still running; Ctrl-C to end');
  await new Promise<void>((r) => process.once('SIGINT', () => r()));
}
await agent.stop();
await csms?.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
