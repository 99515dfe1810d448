/**
 * A Station over real small parts: SimStation (simulated hardware and EV), a store (memory or SQLite
 * ':memory:'), the DurableLedger with a tiny message builder, an authorizer answering from a map, FakeClock.
 */
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../agent/log.js';
import type { IdAuthorizer } from '../../../agent/station/ports.js';
import { Settings, type SettingName, type StationSettingValues } from '../../../agent/station/settings.js';
import { Station, type StationDeps } from '../../../agent/station/station.js';
import type { EvseConfig, EvseStatusEvent } from '../../../agent/station/evse.js';
import type { IdTokenInfo, MeterSample, StopReason } from '../../../agent/station/types.js';
import { DurableLedger, type TxMessageBuilder } from '../../../agent/transactions/ledger.js';
import { SimStation, type SimStationOptions } from '../../../hal/sim/index.js';
import type { SimEvse } from '../../../hal/sim/sim-evse.js';
import { createMemoryStore, openSqliteStore, type Store, type TransactionRecord } from '../../../offline-queue/index.js';

export const SOCKET = 1;
export const CABLE = 2;

/** Wire form of the tiny builder: enough to check what was queued and in which order. */
export const builder: TxMessageBuilder = {
  ocppVersion: '1.6',
  start: (rec, a) => ({ action: 'Start', payload: { evseId: rec.evseId, idTag: a.idTag, meterStartWh: a.meterStartWh, at: a.timestamp } }),
  meter: (_rec, samples) => ({
    action: 'Meter',
    payload: { samples: samples.map((s) => ({ context: s.context, wh: s.reading.energyImportWh, at: s.timestamp })) },
  }),
  stop: (_rec, a) => ({
    action: 'Stop',
    payload: { reason: a.reason, meterStopWh: a.meterStopWh, stopIdTag: a.stopIdTag, at: a.timestamp, data: a.transactionData.map((s) => s.context) },
  }),
};

export interface MeterPayload {
  samples: { context: MeterSample['context']; wh: number; at: string }[];
}
export interface StopPayload {
  reason: StopReason;
  meterStopWh: number;
  stopIdTag: string | null;
  at: string;
  data: string[];
}

export class MapAuthorizer implements IdAuthorizer {
  readonly ids = new Map<string, IdTokenInfo>();
  readonly asked: string[] = [];
  /** What known() finds (the station's local list and cache), and the ids it was asked about. */
  readonly held = new Map<string, IdTokenInfo>();
  readonly lookedUp: string[] = [];
  async authorize(idTag: string): Promise<IdTokenInfo> {
    this.asked.push(idTag);
    return this.ids.get(idTag) ?? { status: 'Invalid' };
  }
  known(idTag: string): IdTokenInfo | undefined {
    this.lookedUp.push(idTag);
    return this.held.get(idTag);
  }
}

export interface HarnessOptions {
  sim?: Partial<SimStationOptions>;
  evses?: Partial<EvseConfig>[];
  settings?: Partial<StationSettingValues>;
  store?: 'memory' | 'sqlite' | Store;
  clock?: FakeClock;
  sim2?: SimStation;
  startStation?: boolean;
  /** More station deps (load management, failsafe). */
  station?: Partial<Pick<StationDeps, 'siteSharing' | 'failsafe'>>;
}

export interface Harness {
  clock: FakeClock;
  sim: SimStation;
  store: Store;
  settings: Settings;
  ledger: DurableLedger;
  auth: MapAuthorizer;
  station: Station;
  /** Every status event, in order. */
  statuses: EvseStatusEvent[];
  stopped: { rec: TransactionRecord; reason: StopReason }[];
  hw(id?: number): SimEvse;
  /** Statuses of one EVSE, in order. */
  seq(id?: number): string[];
  /** Let time pass in small steps so promises chained to timers run. */
  run(ms: number, stepMs?: number): Promise<void>;
  /** Let pending promise callbacks run without moving time. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const simEvses = (): SimStationOptions['evses'] => [
  { id: SOCKET, connector: 'socket', maxCurrentA: 32, phases: 3 },
  { id: CABLE, connector: 'cable', maxCurrentA: 16, phases: 1 },
];

export async function harness(o: HarnessOptions = {}): Promise<Harness> {
  const clock = o.clock ?? new FakeClock();
  const sim = o.sim2 ?? new SimStation({ evses: simEvses(), ...o.sim }, clock);
  if (!sim.started) await sim.start();
  const store: Store = typeof o.store === 'object' ? o.store : o.store === 'sqlite' ? openSqliteStore(':memory:') : createMemoryStore();
  const settings = new Settings(store.settings);
  for (const [k, v] of Object.entries(o.settings ?? {})) settings.set(k as SettingName, v as never);
  const ledger = new DurableLedger(store, builder, () => undefined, () => 10_000);
  const auth = new MapAuthorizer();
  const evseCfgs: EvseConfig[] = [
    { id: SOCKET, maxCurrentA: 32, phases: 3, connector: 'socket', meterFaultAction: 'stop', ...o.evses?.[0] },
    { id: CABLE, maxCurrentA: 16, phases: 1, connector: 'cable', meterFaultAction: 'stop', ...o.evses?.[1] },
  ];
  const station = new Station({ evses: evseCfgs, hal: sim, clock, log: silentLogger(), settings, ledger, authorizer: auth, persisted: store.settings, ...o.station });
  const statuses: EvseStatusEvent[] = [];
  const stopped: { rec: TransactionRecord; reason: StopReason }[] = [];
  station.events.on('status', (e) => statuses.push(e));
  station.events.on('transactionStopped', (rec, reason) => stopped.push({ rec, reason }));
  if (o.startStation !== false) station.start();
  const flush = () => new Promise<void>((r) => setImmediate(r));
  return {
    clock,
    sim,
    store,
    settings,
    ledger,
    auth,
    station,
    statuses,
    stopped,
    hw: (id = SOCKET) => sim.evses.get(id)!,
    seq: (id = SOCKET) => statuses.filter((s) => s.evseId === id).map((s) => s.status),
    run: (ms, stepMs = 10) => clock.advanceAsync(ms, stepMs),
    flush: async () => {
      for (let i = 0; i < 5; i++) await flush();
    },
    close: async () => {
      station.stop();
      await sim.stop();
    },
  };
}

/** Plug in, present an accepted card, wait until the EV charges; returns the transaction record. */
export async function chargingSession(h: Harness, id = SOCKET, idTag = 'CARD-A'): Promise<TransactionRecord> {
  if (!h.auth.ids.has(idTag)) h.auth.ids.set(idTag, { status: 'Accepted' });
  h.sim.plug(id);
  h.sim.presentTag(id, idTag);
  await h.run(1000);
  const evse = h.station.evse(id)!;
  const rec = evse.transaction();
  if (!rec) throw new Error('no transaction started');
  if (evse.currentStatus().status !== 'Charging') throw new Error(`not charging: ${evse.currentStatus().status}`);
  return rec;
}

/** Queued messages as "Action" strings in order. */
export function queuedActions(store: Store): string[] {
  return store.queue.list().map((m) => m.action);
}
