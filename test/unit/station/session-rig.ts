/**
 * A Session (agent/station/session.ts) without an Evse: its real parts (simulated hardware of one socket EVSE,
 * the memory store under the DurableLedger, the EVSE's meter, fault set, cable lock and records, FakeClock) and,
 * for its port, a few lines of EVSE: the pilot's plug and unplug go to the session, C closes the contactor while
 * a transaction runs, and what the session commands (finishing, offer, status updates) is kept to be checked.
 */
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../agent/log.js';
import { CableLock } from '../../../agent/station/cable-lock.js';
import { EvseFaults } from '../../../agent/station/evse-faults.js';
import { EvseMeter } from '../../../agent/station/evse-meter.js';
import type { EvseEvents } from '../../../agent/station/evse-types.js';
import type { IdTagPresentedEvent } from '../../../agent/station/id-tag-outcome.js';
import { PendingWrites } from '../../../agent/station/pending-writes.js';
import { openContactorOrFault } from '../../../agent/station/safety.js';
import { Session, type SessionPort } from '../../../agent/station/session.js';
import { Settings, type StationSettingValues, type SettingName } from '../../../agent/station/settings.js';
import { ocpp16TxPoints, type TxPoints } from '../../../agent/station/tx-points.js';
import { TxRecords } from '../../../agent/station/tx-records.js';
import type { StopReason } from '../../../agent/station/types.js';
import { DurableLedger } from '../../../agent/transactions/ledger.js';
import { Emitter } from '../../../hal/emitter.js';
import { SimStation } from '../../../hal/sim/index.js';
import type { SimEvse } from '../../../hal/sim/sim-evse.js';
import { createMemoryStore, type Store, type TransactionRecord } from '../../../offline-queue/index.js';
import { builder, MapAuthorizer } from './harness.js';
import { NO_RESERVATIONS } from '../../../agent/station/reservation-gate.js';

export const EVSE = 1;

export interface SessionRig {
  clock: FakeClock;
  sim: SimStation;
  hw: SimEvse;
  store: Store;
  settings: Settings;
  ledger: DurableLedger;
  auth: MapAuthorizer;
  faults: EvseFaults;
  session: Session;
  /** What the port was told: Finishing, and how often the status was to be recomputed. */
  port: { finishing: boolean; operative: boolean; pendingInoperative: boolean; updates: number };
  started: TransactionRecord[];
  stopped: { rec: TransactionRecord; reason: StopReason }[];
  recovered: TransactionRecord[][];
  presented: IdTagPresentedEvent[];
  /** Let fake time pass in small steps so promises chained to timers run. */
  run(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface RigOptions {
  settings?: Partial<StationSettingValues>;
  points?: () => TxPoints;
  store?: Store;
}

export async function sessionRig(o: RigOptions = {}): Promise<SessionRig> {
  const clock = new FakeClock();
  const sim = new SimStation({ evses: [{ id: EVSE, connector: 'socket', maxCurrentA: 32, phases: 3 }] }, clock);
  await sim.start();
  const hw = sim.evses.get(EVSE)!;
  const store = o.store ?? createMemoryStore();
  const settings = new Settings(store.settings);
  for (const [k, v] of Object.entries(o.settings ?? {})) settings.set(k as SettingName, v as never);
  const ledger = new DurableLedger(store, builder, () => undefined, () => 10_000);
  const auth = new MapAuthorizer();
  const log = silentLogger();
  const events = new Emitter<EvseEvents>();
  const pending = new PendingWrites(clock);
  const port = { finishing: false, operative: true, pendingInoperative: false, updates: 0 };
  let session: Session | null = null;
  const s = (): Session => session!;
  const meter: EvseMeter = new EvseMeter({ meter: hw.meter, clock, log, evseId: EVSE, fault: { held: () => faults.has('meter'), clear: () => faults.clear('meter') } });
  const faults: EvseFaults = new EvseFaults({
    log,
    evseId: EVSE,
    meter,
    react: { blocking: (f) => s().blockingFault(f), unblocked: () => undefined, update: () => port.updates++ },
  });
  const offerA = (): number => {
    const tx = s().active;
    return tx && !tx.stopping && !tx.invalidId.suspended && !faults.blocking() ? 16 : 0;
  };
  const evse: SessionPort = {
    evPlugged: () => ['B', 'C', 'D'].includes(hw.pilot.state),
    cablePresent: () => hw.proximity?.cablePresent ?? true,
    operative: () => port.operative,
    pendingInoperative: () => port.pendingInoperative,
    stopped: () => false,
    applyOffer: () => hw.pilot.setOfferedCurrent(offerA()),
    openContactor: () => {
      const failed = openContactorOrFault(hw.contactor);
      if (failed) faults.raise(failed);
    },
    update: () => port.updates++,
    setFinishing: (on) => (port.finishing = on),
    transactionEnded: () => {
      if (!port.pendingInoperative) return;
      port.pendingInoperative = false;
      port.operative = false;
    },
  };
  const storage = new TxRecords({ pending, ledger, log, evseId: EVSE, faults, stopped: (rec, reason) => events.emit('transactionStopped', rec, reason) });
  const cable = new CableLock({ lock: hw.lock, log, evseId: EVSE, faults, busy: () => s().active !== null || s().starting });
  const rating = { maxCurrentA: 32, phases: 3 } as const;
  const points = o.points ?? (() => ocpp16TxPoints(settings.get('stopTransactionOnEVSideDisconnect')));
  const { pilot, contactor, lock, rcd } = hw;
  try {
    session = new Session({ evseId: EVSE, connector: 'socket', rating, clock, log, settings, ledger, meter, pilot, contactor, lock, rcd, storage, pending, faults, cable, events, evse, points, authorizer: auth, reservations: NO_RESERVATIONS });
  } catch (err) {
    await sim.stop(); // a refused choice of points: nothing to run
    throw err;
  }
  const offs = [
    hw.pilot.events.on('state', (state, previous) => {
      if (state === 'A') s().evDisconnected();
      else if (state === 'B' && previous === 'A') s().evConnected();
      else if (state === 'C' && offerA() > 0 && !hw.contactor.commandedClosed) hw.contactor.close();
      // What the EVSE's safety path does when the EV stops drawing: no energy outside C.
      if (state !== 'C' && hw.contactor.commandedClosed) hw.contactor.open();
    }),
    hw.reader.events.on('tag', (idTag) => void s().presentIdTag(idTag)),
  ];
  const rig: SessionRig = {
    clock,
    sim,
    hw,
    store,
    settings,
    ledger,
    auth,
    faults,
    session,
    port,
    started: [],
    stopped: [],
    recovered: [],
    presented: [],
    run: (ms) => clock.advanceAsync(ms, 10),
    close: async () => {
      offs.forEach((off) => off());
      session!.stop();
      meter.stop();
      pending.stop();
      await sim.stop();
    },
  };
  events.on('transactionStarted', (rec) => rig.started.push(rec));
  events.on('transactionStopped', (rec, reason) => rig.stopped.push({ rec, reason }));
  events.on('recovered', (recs) => rig.recovered.push(recs));
  events.on('idTagPresented', (e) => rig.presented.push(e));
  return rig;
}

/** Present a card and let fake time run until the session decided (a stop waits for the EV to leave C). */
export async function present(r: SessionRig, idTag: string, ms = 1000): Promise<string> {
  let result: string | null = null;
  void r.session.presentIdTag(idTag).then((x) => (result = x));
  await r.run(ms);
  if (result === null) throw new Error(`presentIdTag(${idTag}) still pending after ${ms} ms of fake time`);
  return result;
}
