/**
 * One CSMS and one chargerd process per test file, with cleanup; the small helpers every core test needs
 * (CSMS calls, status waits, sessions, restarts, raw frames), written once so the test files only say what they test.
 */
import assert from 'node:assert/strict';
import { DemoCsms, type DemoCsmsOptions } from '../../../agent/demo/csms.js';
import { StationProcess, type StationOptions } from '../../support/station-process.js';

/** What a test may choose about its station (evses, ocppKeys, sim, extra, dataDir); the rig supplies URL and id. */
export type RigStation = Omit<StationOptions, 'csmsUrl' | 'id'>;

export interface Rig {
  csms: DemoCsms;
  /** Replaced by relaunch(); read it through the rig after a restart. */
  st: StationProcess;
  id: string;
  /** The options the station was started with, reused by relaunch(). */
  station: RigStation;
  /** Index into csms.records: only look at what happened after this. */
  mark(): number;
  /** A CSMS-initiated call to this station. */
  call(action: string, params?: unknown): Promise<any>;
  close(): Promise<void>;
}

/**
 * `beforeStart` runs before the CSMS listens, for listeners that must see the first connection and every frame
 * (trackConnections, captureRaw): attached later they would miss the boot.
 */
export async function rig(id: string, station: RigStation = {}, csmsOpts: DemoCsmsOptions = {}, beforeStart?: (csms: DemoCsms) => void): Promise<Rig> {
  const csms = new DemoCsms(csmsOpts);
  beforeStart?.(csms);
  const url = await csms.start();
  const st = new StationProcess({ ...station, csmsUrl: url, id }).start();
  await st.ready();
  await csms.waitFor('StatusNotification', (p) => p.connectorId === (station.evses?.length ?? 2));
  const r: Rig = {
    csms,
    st,
    id,
    station,
    mark: () => csms.records.length,
    call: (action, params = {}) => csms.call(id, action, params),
    // r.st, not st: a test may replace the process (restart on the same data directory).
    close: async () => {
      await r.st.stop();
      await csms.stop();
      r.st.cleanup();
    },
  };
  return r;
}

/**
 * Start chargerd again on the rig's data directory (after the test stopped or killed it) and wait until its control
 * socket answers. The config file is written again from `station` (default: the rig's own options).
 */
export async function relaunch(r: Rig, station: RigStation = r.station): Promise<StationProcess> {
  r.st = new StationProcess({ ...station, csmsUrl: r.csms.url, id: r.id, dataDir: r.st.dataDir }).start();
  await r.st.ready();
  return r.st;
}

/** After a (re)start from `from`: a BootNotification, then a StatusNotification of each of `connectors`. */
export async function booted(r: Rig, from: number, connectors: number[]): Promise<void> {
  await r.csms.waitFor('BootNotification', () => true, 10_000, from);
  for (const c of connectors) await r.csms.waitFor('StatusNotification', (p) => p.connectorId === c, 10_000, from);
}

/** Status notifications of one connector after `from`, in order. */
export function statuses(r: Rig, connectorId: number, from = 0): string[] {
  return r.csms.records
    .slice(from)
    .filter((x) => x.dir === 'in' && x.kind === 'call' && x.action === 'StatusNotification' && (x.payload as any).connectorId === connectorId)
    .map((x) => (x.payload as any).status);
}

/**
 * The first StatusNotification of `connectorId` since `from` whose status is `status` (or satisfies it, when a
 * predicate) and, when given, whose errorCode is `errorCode`.
 */
export function statusFrom(r: Rig, from: number, connectorId: number, status: string | ((status: string) => boolean), errorCode?: string) {
  const ok = typeof status === 'string' ? (s: string) => s === status : status;
  return r.csms.waitFor('StatusNotification', (p) => p.connectorId === connectorId && ok(p.status) && (errorCode === undefined || p.errorCode === errorCode), 10_000, from);
}

/** One configuration key as GetConfiguration lists it, or undefined when the station does not know it. */
export async function getKey(r: Rig, key: string): Promise<{ key: string; readonly: boolean; value?: string } | undefined> {
  const res = await r.call('GetConfiguration', { key: [key] });
  return res.configurationKey?.find((k: { key: string }) => k.key === key);
}

/** The RPC error code of a call that must fail with a CALLERROR. */
export async function callErrorCode(p: Promise<unknown>): Promise<string> {
  try {
    const res = await p;
    assert.fail(`expected a CALLERROR, got CALLRESULT ${JSON.stringify(res)}`);
  } catch (err) {
    const code = (err as { rpcErrorCode?: string }).rpcErrorCode;
    if (code === undefined) throw err;
    return code;
  }
}

/** For afterEach: every frame chargerd sent so far passed the OCA schemas. */
export function assertValidFrames(r: Rig): void {
  assert.deepEqual(r.csms.validationFailures, [], 'every frame chargerd sent passes the OCA schemas');
}

/** Plug and present a card; resolves with the CSMS's transactionId once the EVSE charges. */
export async function startSession(r: Rig, evse: number, idTag: string): Promise<number> {
  const mark = r.mark();
  await r.st.ok('sim', 'plug', String(evse));
  await r.st.ok('sim', 'tag', String(evse), idTag);
  await r.csms.waitFor('StartTransaction', (p) => p.connectorId === evse && p.idTag === idTag, 10_000, mark);
  const s = await r.st.until(`EVSE ${evse} charging with a transactionId`, (s) => {
    const e = s.evses.find((x: any) => x.id === evse);
    return e?.status === 'Charging' && typeof e.transaction?.csmsId === 'string';
  });
  // The status shows the journal's text; a 1.6 id is an integer, as the CSMS's frames carry it.
  return Number(s.evses.find((x: any) => x.id === evse).transaction.csmsId);
}

/** Unplug and wait until the EVSE is Available again with no transaction. */
export async function unplugToAvailable(r: Rig, evse: number): Promise<void> {
  await r.st.ok('sim', 'unplug', String(evse));
  await r.st.until(`EVSE ${evse} Available`, (s) => {
    const e = s.evses.find((x: any) => x.id === evse);
    return e?.status === 'Available' && e.transaction === null;
  });
}

/**
 * Connections of one charge point as the CSMS sees them: records.length at each connect (where that connection's
 * messages begin) and the number of disconnects. Pass to rig() through beforeStart so the first connection counts.
 */
export interface ConnectionLog {
  starts: number[];
  disconnects: number;
}

export function trackConnections(csms: DemoCsms, id: string): ConnectionLog {
  const log: ConnectionLog = { starts: [], disconnects: 0 };
  csms.on('connected', (cp: string) => {
    if (cp === id) log.starts.push(csms.records.length);
  });
  csms.on('disconnected', (cp: string) => {
    if (cp === id) log.disconnects++;
  });
  return log;
}

/** One text frame as sent on the wire, and its JSON (undefined when it is not JSON). */
export interface RawFrame {
  dir: 'in' | 'out';
  text: string;
  parsed: unknown;
}

/** Every text frame of one charge point, both ways, appended as it passes; attach through rig()'s beforeStart. */
export function captureRaw(csms: DemoCsms, id: string): RawFrame[] {
  const raw: RawFrame[] = [];
  csms.on('raw', (cp: string, dir: 'in' | 'out', text: string) => {
    if (cp !== id) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    raw.push({ dir, text, parsed });
  });
  return raw;
}
