/**
 * The station: its EVSEs, station-wide availability (connector 0), clock-aligned metering, resets and the
 * recovery of transactions a power loss left open. Version-neutral: profiles drive it through these methods
 * and listen to its events.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import { Emitter } from '../../hal/emitter.js';
import type { Hal } from '../../hal/types.js';
import type { SettingsStore, TransactionRecord } from '../../offline-queue/types.js';
import type { Logger } from '../log.js';
import { Evse, type EvseConfig, type EvseEvents, type EvseStatusEvent } from './evse.js';
import { PendingWrites } from './pending-writes.js';
import { ExternalLimits, NOMINAL_VOLTAGE_V, type LimitedEvse } from './external-limit.js';
import { CsmsFailsafe, type FailsafeConfig } from './failsafe.js';
import type { SiteSharing } from './site-shares.js';
import { ChargingProfiles, type ProfiledEvse } from './charging-profiles.js';
import type { IdAuthorizer, TransactionLedger } from './ports.js';
import { admit, neededBy, reserveAnswer, unkeepable, type ReservationPort, type ReserveAnswer } from './reservation-gate.js';
import { Reservations, type Reservation } from './reservations.js';
import type { Settings } from './settings.js';
import type { TxPoints } from './tx-points.js';
import type { EvseErrorCode, EvseStatus, IdTokenInfo, MeterSample, ResetKind, StopReason } from './types.js';

export interface StationDeps {
  evses: EvseConfig[];
  hal: Hal;
  clock: Clock;
  log: Logger;
  settings: Settings;
  ledger: TransactionLedger;
  authorizer: IdAuthorizer;
  /** When transactions begin and end (the profile's); omitted: OCPP 1.6's fixed choice. */
  txPoints?: () => TxPoints;
  /** Persistent key/value store for availability and reservations (they must survive reboots). */
  persisted: SettingsStore;
  /** How the site limit is shared (config loadManagement); omitted: equal shares, reallocating, no own limit. */
  siteSharing?: SiteSharing;
  /** The limit that replaces the CSMS's profiles when it has been gone too long (config
   * loadManagement.failsafe); omitted: none. */
  failsafe?: FailsafeConfig | null;
}

export type StationEvents = {
  /** Status of an EVSE (evseId > 0) or of the station as a whole (evseId 0). */
  status: (e: EvseStatusEvent) => void;
  transactionStarted: EvseEvents['transactionStarted'];
  transactionStopped: EvseEvents['transactionStopped'];
  idleSample: (evseId: number, samples: MeterSample[]) => void;
  /** Transactions are stopped; the owner restarts the agent. */
  resetRequested: (kind: ResetKind) => void;
  /** Transactions a power loss left open were closed at start-up. */
  recovered: (records: TransactionRecord[]) => void;
  /** A fault of an EVSE announced or cleared (what a profile reports, e.g. 2.0.1 NotifyEvent). */
  fault: EvseEvents['fault'];
};

const AVAILABILITY_KEY = (id: number) => `availability.${id}`;

export class Station {
  readonly events = new Emitter<StationEvents>();
  /** Limits from an energy manager (MQTT) per EVSE and for the site; one source of each EVSE's offer. */
  readonly limits: ExternalLimits;
  /** Replaces the CSMS's profiles with a configured limit while the CSMS is gone too long. */
  readonly failsafe: CsmsFailsafe;
  /** The CSMS's charging profiles; another source of each EVSE's offer. */
  readonly profiles: ChargingProfiles;
  private readonly evseMap = new Map<number, Evse>();
  private stationOperative = true;
  private alignedTimer: TimerHandle | null = null;
  private readonly offs: (() => void)[] = [];
  private resetting: Promise<void> | null = null;
  private readonly pending: PendingWrites;
  /** ReserveNow / CancelReservation (and 2.0.1's) land here; expiry on the station's clock. */
  readonly reservations: Reservations;
  /** Per EVSE, the reservation its waiting session consumed (rules.consumeOnMatch), for the start to name. */
  private readonly claimed = new Map<number, number>();

  constructor(private readonly d: StationDeps) {
    this.pending = new PendingWrites(d.clock);
    this.limits = new ExternalLimits(d.clock, d.siteSharing);
    this.failsafe = new CsmsFailsafe(d.clock, d.failsafe ?? null, (engaged) => {
      d.log.warn({ engaged, limitA: d.failsafe?.limitA }, engaged ? 'the CSMS is out of reach: failsafe limit replaces its profiles' : 'the CSMS is back: its profiles count again');
      for (const e of this.evseMap.values()) e.limitsChanged();
    });
    this.reservations = new Reservations({ clock: d.clock, store: d.persisted, log: d.log.child({ module: 'reservations' }), changed: (r) => this.reservationsChanged(r.evseId) });
    this.profiles = new ChargingProfiles({ clock: d.clock, log: d.log.child({ module: 'smart-charging' }), persisted: d.persisted });
  }

  /** Transactions a power loss left open are closed by their EVSE (it reads its meter first) before it starts a
   * session; those of an EVSE no longer configured are closed here with the journal's register. */
  start(): void {
    const unfinished = this.d.ledger.unfinished();
    this.closeOrphans(unfinished.filter((r) => !this.d.evses.some((e) => e.id === r.evseId)));
    const saved = this.d.persisted.getAll();
    this.stationOperative = saved[AVAILABILITY_KEY(0)] !== 'Inoperative';
    const limited: LimitedEvse[] = [];
    const profiled: ProfiledEvse[] = [];
    const limits = {
      forEvse: (id: number) => {
        const failsafe = this.failsafe.limitA();
        return { ...this.limits.forEvse(id), profile: failsafe === null ? this.profiles.limitFor(id) : null, failsafe };
      },
    };
    for (const cfg of this.d.evses) {
      const hw = this.d.hal.evses.get(cfg.id);
      if (!hw) throw new Error(`no hardware configured for EVSE ${cfg.id}`);
      const evse = new Evse(cfg, {
        hw,
        clock: this.d.clock,
        log: this.d.log.child({ module: `evse:${cfg.id}` }),
        settings: this.d.settings,
        ledger: this.d.ledger,
        authorizer: this.d.authorizer,
        pending: this.pending,
        limits,
        reservations: this.reservationPort(cfg.id),
        ...(this.d.txPoints ? { txPoints: this.d.txPoints } : {}),
      });
      const nominalVoltageV = cfg.nominalVoltageV ?? NOMINAL_VOLTAGE_V;
      limited.push({
        id: cfg.id,
        phases: cfg.phases,
        nominalVoltageV,
        maxCurrentA: cfg.maxCurrentA,
        runningSince: () => evse.runningSince(),
        drawA: () => evse.drawA(),
        limitsChanged: () => evse.limitsChanged(),
      });
      profiled.push({
        id: cfg.id,
        phases: cfg.phases,
        nominalVoltageV,
        maxCurrentA: cfg.maxCurrentA,
        transaction: () => {
          const r = evse.transaction();
          return r ? { id: r.localId, startedAt: new Date(r.startedAt) } : null;
        },
        limitsChanged: () => evse.limitsChanged(),
      });
      this.evseMap.set(cfg.id, evse);
      this.offs.push(
        evse.events.on('status', (e) => {
          if (e.status === 'Available') this.profiles.sessionAbandoned(e.evseId);
          this.events.emit('status', e);
          this.statusForReservation(e.evseId, e.status);
          // One EVSE busy or free again changes which the reservations without EVSE need (2.0.1 shows them).
          if (this.reservations.rules.showNeeded && this.reservations.station().length > 0) this.refreshReserved(e.evseId);
        }),
      );
      this.offs.push(
        evse.events.on('transactionStarted', (r) => (this.profiles.transactionStarted(r.evseId, r.localId), this.limits.sharesChanged(), this.events.emit('transactionStarted', r))),
      );
      this.offs.push(
        evse.events.on('transactionStopped', (r, why) => (this.profiles.transactionEnded(r.evseId, r.localId), this.limits.sharesChanged(), this.events.emit('transactionStopped', r, why))),
      );
      this.offs.push(evse.events.on('idleSample', (id, s) => this.events.emit('idleSample', id, s)));
      this.offs.push(evse.events.on('recovered', (recs) => this.events.emit('recovered', recs)));
      this.offs.push(evse.events.on('fault', (e) => this.events.emit('fault', e)));
      evse.start({ operative: this.stationOperative && saved[AVAILABILITY_KEY(cfg.id)] !== 'Inoperative', unfinished: unfinished.filter((r) => r.evseId === cfg.id) });
    }
    this.limits.start(limited);
    this.failsafe.start();
    this.reservations.start(this.d.evses.map((e) => e.id));
    if (!this.stationOperative) this.endStationReservations('unavailable');
    this.profiles.start(profiled);
    this.armAligned();
    this.offs.push(
      this.d.settings.events.on('change', (name) => {
        if (name === 'clockAlignedDataIntervalS') this.armAligned();
      }),
    );
  }

  stop(): void {
    this.d.clock.clear(this.alignedTimer);
    this.alignedTimer = null;
    this.limits.stop();
    this.failsafe.stop();
    this.reservations.stop();
    this.profiles.stop();
    for (const e of this.evseMap.values()) e.stop();
    this.pending.stop();
    this.offs.splice(0).forEach((off) => off());
  }

  evse(id: number): Evse | undefined {
    return this.evseMap.get(id);
  }

  evses(): Evse[] {
    return [...this.evseMap.values()];
  }

  /** Status of connector 0 (the station as a whole). */
  stationStatus(): { status: EvseStatus; errorCode: EvseErrorCode } {
    return { status: this.stationOperative ? 'Available' : 'Unavailable', errorCode: 'NoError' };
  }

  /**
   * Pick an EVSE for a remote start without a connector id: the first that can start, the one reserved for this
   * idTag first, then plugged ones; never one whose reservation refuses it.
   */
  pickEvseForRemoteStart(idTag?: string, parentIdTag?: string | null): Evse | undefined {
    const candidates = this.evses().filter((e) => e.canStartSession() && (idTag === undefined || e.admits(idTag, parentIdTag)));
    const reserved = idTag === undefined ? undefined : candidates.find((e) => this.reservations.forEvse(e.id) !== undefined);
    return reserved ?? candidates.find((e) => ['B', 'C', 'D'].includes(e.snapshot().pilotState)) ?? candidates[0];
  }

  /**
   * A new reservation (or one replacing the reservation of the same id) for an EVSE or (evseId 0) any EVSE; the
   * profile has checked what its version refuses (an unknown EVSE, connector 0 not supported, the expiry).
   */
  reserve(r: Reservation): ReserveAnswer {
    const answer = reserveAnswer(r, this.reservable(), this.stationOperative, this.reservations);
    if (answer === 'Accepted') this.reservations.put(r);
    else this.d.log.info({ reservation: r.id, evse: r.evseId, answer }, 'reservation refused');
    return answer;
  }

  /** CancelReservation: false when no reservation has that id. */
  cancelReservation(id: number): boolean {
    return this.reservations.remove(id, 'cancelled');
  }

  findByTransaction(pred: (r: TransactionRecord) => boolean): Evse | undefined {
    return this.evses().find((e) => {
      const r = e.transaction();
      return r !== null && pred(r);
    });
  }

  /** ChangeAvailability for one EVSE or (id 0) the station. Persisted, so it survives reboots. */
  changeAvailability(evseId: number, operative: boolean): 'Accepted' | 'Rejected' | 'Scheduled' {
    const type = operative ? 'Operative' : 'Inoperative';
    if (evseId === 0) {
      this.d.persisted.set(AVAILABILITY_KEY(0), type);
      this.stationOperative = operative;
      let scheduled = false;
      for (const e of this.evses()) {
        this.d.persisted.set(AVAILABILITY_KEY(e.id), type);
        if (e.setAvailability(operative) === 'Scheduled') scheduled = true;
      }
      if (!operative) this.endStationReservations('unavailable');
      const s = this.stationStatus();
      this.events.emit('status', { evseId: 0, status: s.status, errorCode: s.errorCode, info: null, timestamp: this.d.clock.now().toISOString() });
      return scheduled ? 'Scheduled' : 'Accepted';
    }
    const evse = this.evseMap.get(evseId);
    if (!evse) return 'Rejected';
    if (operative && !this.stationOperative) return 'Rejected';
    this.d.persisted.set(AVAILABILITY_KEY(evseId), type);
    return evse.setAvailability(operative);
  }

  /** On the way down: every running transaction's register goes into the journal (bounded by `waitMs`). */
  async journalReadings(waitMs = 2000): Promise<void> {
    await Promise.all(this.evses().map((e) => e.journalCurrentReading(waitMs)));
  }

  /** Stop every running transaction with `reason`; resolves when all stops are committed. */
  async stopAllTransactions(reason: StopReason): Promise<void> {
    await Promise.all(this.evses().map((e) => e.stopTransaction(reason)));
  }

  /** Reset: stop transactions (gracefully for Soft), then ask the owner to restart. */
  reset(kind: ResetKind): Promise<void> {
    if (!this.resetting) {
      this.resetting = (async () => {
        if (kind === 'Hard') this.d.hal.safeState();
        await this.stopAllTransactions(kind === 'Soft' ? 'SoftReset' : 'HardReset');
        this.events.emit('resetRequested', kind);
      })();
    }
    return this.resetting;
  }

  /** The CSMS's verdict on the id of a running transaction. */
  transactionAuthorization(localId: string, info: IdTokenInfo): void {
    this.findByTransaction((r) => r.localId === localId)?.transactionAuthorization(localId, info);
  }

  private reservable() {
    return this.evses().map((e) => ({ id: e.id, status: e.currentStatus().status }));
  }

  private reservationPort(evseId: number): ReservationPort {
    return {
      own: () => this.reservations.forEvse(evseId) ?? (this.reservations.rules.showNeeded ? neededBy(evseId, this.reservable(), this.reservations) : undefined),
      any: () => this.reservations.forEvse(evseId) !== undefined || this.reservations.station().length > 0,
      admit: (idTag, parentIdTag) => admit(evseId, idTag, parentIdTag, this.reservable(), this.reservations),
      claim: (id) => {
        if (this.reservations.rules.consumeOnMatch && this.reservations.remove(id, 'used')) this.claimed.set(evseId, id);
      },
      holding: (id) => (id !== null && (this.reservations.get(id) || this.claimed.get(evseId) === id) ? id : null),
      used: (id) => {
        if (this.claimed.get(evseId) === id) this.claimed.delete(evseId);
        else this.reservations.remove(id, 'used');
      },
    };
  }

  /** §5.13 (3): an EVSE that becomes Faulted or Unavailable loses its reservation. After the status went out. */
  private statusForReservation(evseId: number, status: EvseStatus): void {
    if (status !== 'Faulted' && status !== 'Unavailable') return;
    const why = status === 'Faulted' ? 'faulted' : 'unavailable';
    const r = this.reservations.forEvse(evseId);
    if (r) this.reservations.remove(r.id, why);
    // 2.0.1 H01.FR.16 / FR.17: a reservation without EVSE that this EVSE's loss leaves without one ends too.
    if (this.reservations.rules.endUnkeepable) for (const x of unkeepable(this.reservable(), this.reservations)) this.reservations.remove(x.id, why);
  }

  /** The set changed: the EVSE's status follows, and with rules.showNeeded every EVSE's (which are needed moved). */
  private reservationsChanged(evseId: number): void {
    if (this.reservations.rules.showNeeded) this.refreshReserved(null);
    else this.evseMap.get(evseId)?.reservationChanged();
  }

  private refreshReserved(except: number | null): void {
    for (const e of this.evseMap.values()) if (e.id !== except) e.reservationChanged();
  }

  private endStationReservations(why: 'unavailable'): void {
    for (const r of this.reservations.station()) this.reservations.remove(r.id, why);
  }

  /** Transactions of an EVSE that is no longer configured: no meter to ask, the journal's register is billed. */
  private closeOrphans(open: TransactionRecord[]): void {
    const closed: TransactionRecord[] = [];
    for (const rec of open) {
      const meterStopWh = Math.max(rec.lastMeterWh, rec.meterStartWh);
      const ok = this.d.ledger.end(rec, { timestamp: rec.lastMeterAt, meterStopWh, reason: 'PowerLoss', stopIdTag: null, transactionData: [] });
      if (ok) closed.push({ ...rec, stoppedAt: rec.lastMeterAt, meterStopWh, stopReason: 'PowerLoss' });
      this.d.log.warn({ tx: rec.localId, evse: rec.evseId, meterStopWh, at: rec.lastMeterAt }, 'transaction of an EVSE no longer configured, left open by a power loss: stopped');
    }
    if (closed.length) this.events.emit('recovered', closed);
  }

  private armAligned(): void {
    this.d.clock.clear(this.alignedTimer);
    this.alignedTimer = null;
    const s = this.d.settings.get('clockAlignedDataIntervalS');
    if (s <= 0) return;
    const every = s * 1000;
    // Aligned to midnight: 900 s means xx:00, xx:15, xx:30, xx:45 (OCPP 1.6 §9.1.5).
    const now = this.d.clock.now();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const sinceMidnight = now.getTime() - midnight;
    const wait = every - (sinceMidnight % every);
    this.alignedTimer = this.d.clock.setTimeout(() => {
      for (const e of this.evses()) void e.sample('Sample.Clock');
      this.armAligned();
    }, wait);
  }
}
