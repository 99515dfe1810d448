/**
 * One EVSE: its inputs (pilot, cable, faults, availability), its status, and the life of its transaction.
 *
 * Order of a start: authorize → lock the cable → read the meter → commit the journal row and queue the start
 * message (ledger.begin, synchronous) → offer current by PWM → the EV goes to C → close the contactor.
 * Order of a normal stop (IEC 61851): PWM off → the EV leaves C (or 6 s pass) → open the contactor → read the
 * meter → commit the stop (ledger.end) → unlock. Faults open the contactor first, in safety.ts.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { CpState, EvseHardware, MeterReading } from '../../hal/types.js';
import { Emitter } from '../../hal/emitter.js';
import { idTagKey, type TransactionRecord } from '../../offline-queue/index.js';
import type { Logger } from '../log.js';
import type { IdAuthorizer, TransactionLedger, TransactionStopArgs } from './ports.js';
import { attachSafety } from './safety.js';
import type { Settings } from './settings.js';
import { deriveStatus, transitionCode } from './status.js';
import type { EvseErrorCode, EvseFault, EvseStatus, IdTokenInfo, MeterSample, ReadingContext, StopReason } from './types.js';
import { thinSamples } from './thin-samples.js';
import { FaultSet, stopReasonFor } from './fault-set.js';

/** IEC 61851-1 sequence 10.2: after PWM off, open the contactor at the latest after 6 s. */
export const EV_LEAVE_C_TIMEOUT_MS = 6000;
/** How often the energy delivered after the CSMS rejected the id is compared with MaxEnergyOnInvalidId. */
export const INVALID_ID_ENERGY_CHECK_MS = 1000;
/** How often a stop that storage refused is tried again. */
export const STORAGE_RETRY_MS = 30_000;

/** While the meter fails, how often it is read again: nothing else reads it while the EVSE is Faulted, so
 * without this a meter that recovers would leave the EVSE Faulted until a restart. */
export const METER_RETRY_MS = 10_000;

export interface EvseConfig {
  id: number;
  maxCurrentA: number;
  phases: 1 | 3;
  connector: 'socket' | 'cable';
  meterFaultAction: 'stop' | 'continue';
}

export interface EvseDeps {
  hw: EvseHardware;
  clock: Clock;
  log: Logger;
  settings: Settings;
  ledger: TransactionLedger;
  authorizer: IdAuthorizer;
}

/**
 * Whose session (or kept cable) it is, for the cards that may end it (§3.10). parentIdTag is the owner's group:
 * null once an idTagInfo for the owner's idTag is known and names none, undefined while none is known (a remote
 * start, an unknown id accepted offline).
 */
interface Owner {
  readonly idTag: string;
  parentIdTag: string | null | undefined;
}

/** idTags and parentIdTags are CiString20: compared without regard to case. */
const sameIdTag = (a: string, b: string): boolean => idTagKey(a) === idTagKey(b);

interface ActiveTransaction extends Owner {
  record: TransactionRecord;
  stopSamples: MeterSample[];
  sampleTimer: TimerHandle | null;
  stopping: Promise<void> | null;
  /** The CSMS or the local authorization said no but StopTransactionOnInvalidId is false: no energy. */
  suspendedByInvalidId: boolean;
  /** Meter register when the CSMS rejected the id (MaxEnergyOnInvalidId counts from there). */
  invalidatedAtWh: number | null;
  invalidEnergyTimer: TimerHandle | null;
}

interface Authorization {
  idTag: string;
  info: IdTokenInfo;
  remoteStartId: number | null;
}

export interface EvseStatusEvent {
  evseId: number;
  status: EvseStatus;
  errorCode: EvseErrorCode;
  info: string | null;
  timestamp: string;
}

export type EvseEvents = {
  status: (e: EvseStatusEvent) => void;
  transactionStarted: (rec: TransactionRecord) => void;
  transactionStopped: (rec: TransactionRecord, reason: StopReason) => void;
  /** A clock-aligned sample with no transaction running (for non-transactional meter values). */
  idleSample: (evseId: number, samples: MeterSample[]) => void;
};

export class Evse {
  readonly events = new Emitter<EvseEvents>();
  readonly id: number;
  private status: EvseStatus = 'Available';
  private lastError: EvseErrorCode = 'NoError';
  private readonly faults = new FaultSet();
  private operative = true;
  private pendingInoperative = false;
  private reservedFor: string | null = null;
  private authorization: Authorization | null = null;
  private tx: ActiveTransaction | null = null;
  private finishing = false;
  private starting = false;
  private connectionTimer: TimerHandle | null = null;
  private meterRetryTimer: TimerHandle | null = null;
  private lastReading: MeterReading | null = null;
  private detachSafety: (() => void) | null = null;
  private readonly offs: (() => void)[] = [];
  private stopped = false;
  private rcdSelfTesting = false;
  private endRetryTimer: TimerHandle | null = null;
  /** A cable kept locked after a stop, until this owner's card releases it. */
  private lockedFor: Owner | null = null;

  constructor(
    private readonly cfg: EvseConfig,
    private readonly d: EvseDeps,
  ) {
    this.id = cfg.id;
  }

  // ---------------------------------------------------------------------------------------------- lifecycle

  start(opts: { operative: boolean }): void {
    this.operative = opts.operative;
    this.detachSafety = attachSafety(this.d.hw, {
      onFault: (f) => this.raiseFault(f),
      onFaultCleared: (source) => this.clearFault(source),
      onPilot: (state, previous) => this.onPilot(state, previous),
      rcdSelfTestActive: () => this.rcdSelfTesting,
    });
    if (this.d.hw.proximity) this.offs.push(this.d.hw.proximity.events.on('change', () => this.onCable()));
    if (this.d.hw.reader) this.offs.push(this.d.hw.reader.events.on('tag', (idTag) => void this.presentIdTag(idTag)));
    if (this.d.hw.rcd?.tripped) this.raiseFault({ source: 'rcd', errorCode: 'GroundFailure', info: 'residual current monitor tripped', blocking: true });
    if (this.d.hw.pilot.state === 'E') this.raiseFault({ source: 'pilot', errorCode: 'OtherError', info: 'control pilot state E (short to PE or pilot lost)', blocking: true });
    if (this.d.hw.contactor.feedbackClosed === true) {
      this.d.hw.contactor.open();
      this.raiseFault({ source: 'contactor', errorCode: 'PowerSwitchFailure', info: 'contactor closed at start-up', blocking: true });
    }
    // After a restart an EV that is still plugged in shows Preparing; no transaction is resumed.
    this.finishing = false;
    this.update();
    // A meter that does not answer is reported now, not at the first session.
    void this.readMeter();
  }

  stop(): void {
    this.stopped = true;
    this.d.clock.clear(this.endRetryTimer);
    this.d.clock.clear(this.connectionTimer);
    this.d.clock.clear(this.meterRetryTimer);
    this.meterRetryTimer = null;
    if (this.tx) {
      this.d.clock.clear(this.tx.sampleTimer);
      this.d.clock.clear(this.tx.invalidEnergyTimer);
    }
    this.detachSafety?.();
    this.offs.splice(0).forEach((off) => off());
  }

  // ------------------------------------------------------------------------------------------------ queries

  snapshot() {
    const tx = this.tx;
    const rec = this.transaction();
    return {
      id: this.id,
      status: this.status,
      errorCode: this.lastError,
      pilotState: this.d.hw.pilot.state,
      relayClosed: this.d.hw.contactor.commandedClosed,
      offeredCurrentA: this.d.hw.pilot.offeredCurrentA,
      cablePresent: this.cablePresent(),
      operative: this.operative,
      pendingInoperative: this.pendingInoperative,
      faults: this.faults.list(),
      powerW: this.lastReading?.powerW,
      energyWh: this.lastReading?.energyImportWh,
      transaction: tx
        ? {
            localId: tx.record.localId,
            csmsId: rec?.csmsId ?? null,
            idTag: tx.idTag,
            startedAt: tx.record.startedAt,
            energyWh: Math.max(0, (this.lastReading?.energyImportWh ?? tx.record.meterStartWh) - tx.record.meterStartWh),
          }
        : null,
    };
  }

  currentStatus(): { status: EvseStatus; errorCode: EvseErrorCode; info: string | null } {
    return { status: this.status, errorCode: this.lastError, info: this.statusInfo() };
  }

  /** The running transaction's record as stored now (with the CSMS id once it arrived). */
  transaction(): TransactionRecord | null {
    const tx = this.tx;
    if (!tx) return null;
    return this.d.ledger.current(tx.record.localId) ?? tx.record;
  }

  isOperative(): boolean {
    return this.operative;
  }

  hasBlockingFault(): boolean {
    return this.faults.blocking();
  }

  // ----------------------------------------------------------------------------------------------- commands

  /** A card at this EVSE: starts, or stops a transaction of the same id or the same group. */
  async presentIdTag(idTag: string): Promise<'started' | 'stopped' | 'authorized' | 'rejected' | 'ignored'> {
    if (this.stopped) return 'ignored';
    const tx = this.tx;
    if (tx) {
      if (tx.stopping) return 'ignored';
      if (!sameIdTag(idTag, tx.idTag)) {
        const group = await this.inOwnersGroup(tx, idTag);
        // The transaction may have ended (or another begun) while the CSMS was asked.
        if (this.tx !== tx || tx.stopping) return 'ignored';
        if (!group) {
          this.d.log.info({ evse: this.id, idTag, ownerGroup: tx.parentIdTag ?? (tx.parentIdTag === null ? 'none' : 'unknown') }, 'id presented during a transaction of another user: ignored');
          return 'rejected';
        }
      }
      await this.stopTransaction('Local', idTag);
      return 'stopped';
    }
    const owner = this.lockedFor;
    if (owner) {
      // The cable was kept locked for its owner: only their card (or their group's) releases it (errata 3.5).
      if (!sameIdTag(idTag, owner.idTag) && !(await this.inOwnersGroup(owner, idTag))) return 'rejected';
      if (this.lockedFor !== owner) return 'ignored';
      await this.releaseCable();
      return 'ignored';
    }
    if (!this.canStartSession()) return 'rejected';
    const info = await this.d.authorizer.authorize(idTag);
    if (info.status !== 'Accepted') {
      this.d.log.info({ evse: this.id, idTag, status: info.status }, 'id not accepted');
      return 'rejected';
    }
    return this.authorized({ idTag, info, remoteStartId: null });
  }

  /**
   * §3.10: whether another card belongs to the owner's group. Its own idTagInfo is needed only when a match is
   * possible: an owner known to have no group is matched by no card, so no Authorize.req goes out for it.
   */
  private async inOwnersGroup(owner: Owner, idTag: string): Promise<boolean> {
    this.learnOwnersGroup(owner);
    if (owner.parentIdTag === null) return false;
    const info = await this.d.authorizer.authorize(idTag);
    // Authorize.conf, or the owner's StartTransaction.conf, may have told the station the owner's group meanwhile.
    this.learnOwnersGroup(owner);
    const group = owner.parentIdTag;
    return info.status === 'Accepted' && typeof group === 'string' && info.parentIdTag !== undefined && sameIdTag(info.parentIdTag, group);
  }

  /** An owner whose group is not known yet takes it from the local list or the cache, where the station has it. */
  private learnOwnersGroup(owner: Owner): void {
    if (owner.parentIdTag !== undefined) return;
    const info = this.d.authorizer.known(owner.idTag);
    if (info) owner.parentIdTag = info.parentIdTag ?? null;
  }

  /** The CSMS asked for a start (authorization already decided by the caller per AuthorizeRemoteTxRequests). */
  remoteStart(idTag: string, info: IdTokenInfo, remoteStartId: number | null): boolean {
    if (!this.canStartSession() || this.tx || this.starting) return false;
    void this.authorized({ idTag, info, remoteStartId });
    return true;
  }

  canStartSession(): boolean {
    return !this.stopped && this.operative && !this.pendingInoperative && !this.hasBlockingFault() && !this.tx && !this.starting;
  }

  /** Stop the running transaction (no-op without one). Resolves when the stop is committed. */
  stopTransaction(reason: StopReason, stopIdTag: string | null = null): Promise<void> {
    const tx = this.tx;
    if (!tx) return Promise.resolve();
    if (!tx.stopping) tx.stopping = this.runStop(tx, reason, stopIdTag);
    return tx.stopping;
  }

  /**
   * The CSMS's idTagInfo for the owner of a running transaction (StartTransaction.conf, whatever its status): the
   * owner's group from now on, and its verdict.
   */
  transactionAuthorization(localId: string, info: IdTokenInfo): void {
    const tx = this.tx;
    if (!tx || tx.record.localId !== localId) return;
    // parentIdTag is optional in every idTagInfo, and CSMSs often name it only in Authorize.conf: an answer without
    // one says "no group" only while none is known, and does not undo a group named at the start.
    if (info.parentIdTag !== undefined) tx.parentIdTag = info.parentIdTag;
    else if (tx.parentIdTag === undefined) tx.parentIdTag = null;
    if (info.status === 'Accepted') return;
    if (this.d.settings.get('stopTransactionOnInvalidId')) {
      void this.stopTransaction('DeAuthorized');
    } else if (this.d.settings.get('maxEnergyOnInvalidIdWh') > 0 && !tx.suspendedByInvalidId) {
      // MaxEnergyOnInvalidId: the session may still deliver this much from now on, then the EVSE suspends it.
      tx.invalidatedAtWh = this.lastReading?.energyImportWh ?? tx.record.lastMeterWh;
      void this.readMeter().then((r) => {
        if (r && this.tx === tx) tx.invalidatedAtWh = r.energyImportWh; // the register at the rejection itself
      });
      this.d.clock.clear(tx.invalidEnergyTimer);
      tx.invalidEnergyTimer = this.d.clock.setInterval(() => void this.checkInvalidIdEnergy(tx), INVALID_ID_ENERGY_CHECK_MS);
    } else {
      this.suspendForInvalidId(tx);
    }
  }

  private suspendForInvalidId(tx: ActiveTransaction): void {
    this.d.clock.clear(tx.invalidEnergyTimer);
    tx.invalidEnergyTimer = null;
    tx.suspendedByInvalidId = true;
    this.applyOffer();
    this.update();
  }

  private async checkInvalidIdEnergy(tx: ActiveTransaction): Promise<void> {
    if (this.tx !== tx || tx.stopping || tx.invalidatedAtWh === null) return;
    const reading = await this.readMeter();
    if (!reading || this.tx !== tx || tx.stopping || tx.suspendedByInvalidId) return;
    if (reading.energyImportWh - tx.invalidatedAtWh >= this.d.settings.get('maxEnergyOnInvalidIdWh')) {
      this.d.log.info({ evse: this.id, tx: tx.record.localId }, 'MaxEnergyOnInvalidId reached: energy suspended');
      this.suspendForInvalidId(tx);
    }
  }

  /** ChangeAvailability. Returns 'Scheduled' when a transaction runs. */
  setAvailability(operative: boolean): 'Accepted' | 'Scheduled' {
    if (operative) {
      this.operative = true;
      this.pendingInoperative = false;
      this.update();
      return 'Accepted';
    }
    if (this.tx) {
      this.pendingInoperative = true;
      return 'Scheduled';
    }
    this.operative = false;
    this.cancelAuthorization();
    this.update();
    return 'Accepted';
  }

  /** UnlockConnector: stop a running transaction first, then release the cable. */
  async unlock(): Promise<'Unlocked' | 'UnlockFailed' | 'NotSupported'> {
    const lock = this.d.hw.lock;
    if (!lock || this.cfg.connector === 'cable') return 'NotSupported';
    if (this.tx) await this.stopTransaction('UnlockCommand');
    return (await this.releaseCable()) ? 'Unlocked' : 'UnlockFailed';
  }

  /** Take one sample now (clock-aligned or triggered). */
  async sample(context: ReadingContext): Promise<void> {
    const reading = await this.readMeter();
    if (!reading) return;
    const s = this.makeSample(context, reading);
    const tx = this.tx;
    if (tx && !tx.stopping) {
      this.recordSample(tx, s);
      if (context === 'Sample.Clock' && this.d.settings.get('stopTxnAlignedMeasurands').length > 0) this.keepStopSample(tx, s);
    } else {
      this.events.emit('idleSample', this.id, [s]);
    }
  }

  // ---------------------------------------------------------------------------------------------- internals

  private cablePresent(): boolean {
    const p = this.d.hw.proximity;
    return p ? p.cablePresent : true;
  }

  private evPlugged(): boolean {
    const s = this.d.hw.pilot.state;
    return s === 'B' || s === 'C' || s === 'D';
  }

  private async authorized(a: Authorization): Promise<'started' | 'authorized' | 'rejected'> {
    this.cancelAuthorization();
    this.authorization = a;
    this.finishing = false;
    if (this.evPlugged()) {
      const ok = await this.beginTransaction();
      return ok ? 'started' : 'rejected';
    }
    this.armConnectionTimeout();
    this.update();
    return 'authorized';
  }

  private cancelAuthorization(): void {
    this.authorization = null;
    this.d.clock.clear(this.connectionTimer);
    this.connectionTimer = null;
  }

  private armConnectionTimeout(): void {
    this.d.clock.clear(this.connectionTimer);
    const s = this.d.settings.get('connectionTimeOutS');
    if (s <= 0) return;
    this.connectionTimer = this.d.clock.setTimeout(() => {
      this.connectionTimer = null;
      if (this.tx) return;
      if (this.authorization) {
        this.d.log.info({ evse: this.id }, 'no EV plugged in within ConnectionTimeOut: authorization dropped');
        this.authorization = null;
      } else if (this.evPlugged()) {
        // Plugged but no id within ConnectionTimeOut: Finishing, so a later id cannot start on this cable (B6).
        this.d.log.info({ evse: this.id }, 'no id presented within ConnectionTimeOut');
        this.finishing = true;
      }
      this.update();
    }, s * 1000);
  }

  private async beginTransaction(): Promise<boolean> {
    const a = this.authorization;
    if (!a || this.tx || this.starting) return false;
    this.starting = true;
    this.d.clock.clear(this.connectionTimer);
    this.connectionTimer = null;
    try {
      const lock = this.cfg.connector === 'socket' ? this.d.hw.lock : null;
      if (lock) {
        try {
          await lock.lock();
          this.clearFault('lock');
        } catch (err) {
          this.raiseFault({ source: 'lock', errorCode: 'ConnectorLockFailure', info: `lock failed: ${(err as Error).message}`, blocking: true });
          this.authorization = null;
          return false;
        }
      }
      if (!(await this.rcdSelfTest())) {
        this.authorization = null;
        return this.abandonStart(lock !== null);
      }
      const reading = await this.readMeter();
      if (!reading || this.stopped) return this.abandonStart(lock !== null);
      if (!this.evPlugged() || this.hasBlockingFault() || !this.operative || this.authorization !== a) {
        this.d.log.info({ evse: this.id }, 'start abandoned: conditions changed while preparing');
        return this.abandonStart(lock !== null);
      }
      const timestamp = this.d.clock.now().toISOString();
      // Committed before any energy can flow: the journal row and the start message (DESIGN "No energy without a record").
      let record: TransactionRecord;
      try {
        record = this.d.ledger.begin({
          evseId: this.id,
          idTag: a.idTag,
          parentIdTag: a.info.parentIdTag ?? null,
          meterStartWh: reading.energyImportWh,
          timestamp,
          remoteStartId: a.remoteStartId,
          reservationId: null,
          authStatus: a.info.status,
        });
        this.storageOk();
      } catch (err) {
        this.storageFailed('no record for a new session', err);
        this.authorization = null;
        return this.abandonStart(lock !== null);
      }
      this.authorization = null;
      this.tx = {
        record,
        idTag: a.idTag,
        // A group named at start is known; an answer without one may be a stand-in (a remote start, an unknown
        // id accepted offline), so "none" waits for a real idTagInfo (list, cache, StartTransaction.conf).
        parentIdTag: a.info.parentIdTag,
        stopSamples: [],
        sampleTimer: null,
        stopping: null,
        suspendedByInvalidId: false,
        invalidatedAtWh: null,
        invalidEnergyTimer: null,
      };
      const begin = this.makeSample('Transaction.Begin', reading, timestamp);
      this.keepStopSample(this.tx, begin);
      this.armSampling(this.tx);
      this.applyOffer();
      this.d.log.info({ evse: this.id, tx: record.localId, idTag: a.idTag, meterStartWh: reading.energyImportWh }, 'transaction started');
      this.events.emit('transactionStarted', record);
      this.update();
      return true;
    } finally {
      this.starting = false;
    }
  }

  private async runStop(tx: ActiveTransaction, reason: StopReason, stopIdTag: string | null): Promise<void> {
    const hw = this.d.hw;
    this.d.clock.clear(tx.sampleTimer);
    tx.sampleTimer = null;
    this.d.clock.clear(tx.invalidEnergyTimer);
    tx.invalidEnergyTimer = null;
    // A fault has already put the pilot in F; a normal stop switches PWM off (X1) and lets the EV react.
    if (!this.hasBlockingFault()) hw.pilot.setOfferedCurrent(0);
    if (hw.contactor.commandedClosed) await this.waitEvLeavesC();
    if (hw.contactor.commandedClosed) hw.contactor.open();
    const reading = (await this.readMeter()) ?? this.lastReading;
    const meterStopWh = Math.max(reading?.energyImportWh ?? tx.record.lastMeterWh, tx.record.lastMeterWh, tx.record.meterStartWh);
    const timestamp = this.d.clock.now().toISOString();
    if (reading) this.keepStopSample(tx, this.makeSample('Transaction.End', reading, timestamp));
    const stop: TransactionStopArgs = { timestamp, meterStopWh, reason, stopIdTag, transactionData: tx.stopSamples };
    let done = false;
    try {
      done = this.d.ledger.end(tx.record, stop);
      this.storageOk();
    } catch (err) {
      this.storageFailed('stop not recorded yet', err);
      this.retryEnd(tx.record, stop);
    }
    this.d.log.info({ evse: this.id, tx: tx.record.localId, reason, meterStopWh, energyWh: meterStopWh - tx.record.meterStartWh }, 'transaction stopped');
    this.tx = null;
    const stillConnected = this.evPlugged() || (this.cfg.connector === 'socket' && this.cablePresent());
    this.finishing = stillConnected;
    if (this.pendingInoperative) {
      this.pendingInoperative = false;
      this.operative = false;
    }
    if (done) this.events.emit('transactionStopped', { ...tx.record, stoppedAt: timestamp, meterStopWh, stopReason: reason }, reason);
    this.update();
    // The cable stays locked for its owner after a deauthorization (§4.8) and, with
    // UnlockConnectorOnEVSideDisconnect false, after an EV-side disconnect (§4.10): their card releases it.
    const keepLocked = reason === 'DeAuthorized' || (reason === 'EVDisconnected' && !this.d.settings.get('unlockConnectorOnEVSideDisconnect'));
    if (this.cfg.connector !== 'socket' || !hw.lock) return;
    if (keepLocked) {
      this.lockedFor = { idTag: tx.idTag, parentIdTag: tx.parentIdTag };
      return;
    }
    await this.releaseCable();
  }

  /** A start that did not happen releases the cable it locked; the next attempt locks it again. */
  private async abandonStart(locked: boolean): Promise<false> {
    if (locked && !this.stopped) await this.releaseCable();
    return false;
  }

  private async releaseCable(): Promise<boolean> {
    const lock = this.d.hw.lock;
    if (!lock) return false;
    this.lockedFor = null;
    try {
      await lock.unlock();
      this.clearFault('lock');
      return true;
    } catch (err) {
      this.raiseFault({ source: 'lock', errorCode: 'ConnectorLockFailure', info: `unlock failed: ${(err as Error).message}`, blocking: false });
      return false;
    }
  }

  private recordSample(tx: ActiveTransaction, sample: MeterSample): void {
    try {
      this.d.ledger.meter(tx.record, [sample]);
      this.storageOk();
    } catch (err) {
      // The session goes on: the energy is in the meter register, and the stop will carry it.
      this.storageFailed('meter sample not recorded', err);
    }
  }

  /**
   * Storage failed (disk full, I/O error). No session starts without its record; a running one goes on; a stop
   * that could not be recorded is retried. Reported as a warning (InternalError) until a write succeeds.
   */
  private storageFailed(what: string, err: unknown): void {
    this.d.log.error({ evse: this.id, err: (err as Error).message, code: (err as { code?: string }).code }, `storage failed: ${what}`);
    this.raiseFault({ source: 'internal', errorCode: 'InternalError', info: `storage failed: ${what}`, blocking: false });
  }

  private storageOk(): void {
    if (this.faults.has('internal')) this.clearFault('internal');
  }

  /** Record a stop that storage refused, until it accepts it (a restart would close it as PowerLoss instead). */
  private retryEnd(rec: TransactionRecord, stop: TransactionStopArgs): void {
    this.d.clock.clear(this.endRetryTimer);
    this.endRetryTimer = this.d.clock.setTimeout(() => {
      this.endRetryTimer = null;
      try {
        if (this.d.ledger.end(rec, stop)) this.events.emit('transactionStopped', { ...rec, stoppedAt: stop.timestamp, meterStopWh: stop.meterStopWh, stopReason: stop.reason }, stop.reason);
        this.storageOk();
      } catch (err) {
        this.storageFailed('stop not recorded yet', err);
        this.retryEnd(rec, stop);
      }
    }, STORAGE_RETRY_MS);
  }

  /** The residual current device's own test before each session, where the hardware has one. */
  private async rcdSelfTest(): Promise<boolean> {
    const rcd = this.d.hw.rcd;
    if (!rcd || !rcd.canSelfTest) return true;
    this.rcdSelfTesting = true;
    let ok = false;
    try {
      ok = await rcd.selfTest();
    } catch {
      ok = false;
    } finally {
      this.rcdSelfTesting = false;
    }
    // A device that passed its test but is still tripped has a real fault, which the suppressed trip event did
    // not report: both cases refuse the session and show why.
    if (ok && rcd.tripped) ok = false;
    if (!ok) this.raiseFault({ source: 'rcd', errorCode: 'GroundFailure', info: 'RCD self-test failed before the session', blocking: true });
    return ok;
  }

  /** Resolves once the pilot is out of C/D, or after the IEC limit. */
  private waitEvLeavesC(): Promise<void> {
    return new Promise((resolve) => {
      const pilot = this.d.hw.pilot;
      if (pilot.state !== 'C' && pilot.state !== 'D') return resolve();
      const finish = () => {
        off();
        this.d.clock.clear(timer);
        resolve();
      };
      const off = pilot.events.on('state', (s) => {
        if (s !== 'C' && s !== 'D') finish();
      });
      const timer = this.d.clock.setTimeout(() => {
        this.d.log.warn({ evse: this.id }, 'EV did not leave state C within 6 s of PWM off: opening the contactor');
        finish();
      }, EV_LEAVE_C_TIMEOUT_MS);
    });
  }

  private armSampling(tx: ActiveTransaction): void {
    const s = this.d.settings.get('meterValueSampleIntervalS');
    if (s <= 0) return;
    tx.sampleTimer = this.d.clock.setInterval(() => {
      if (this.tx !== tx || tx.stopping) return;
      void this.readMeter().then((reading) => {
        if (!reading || this.tx !== tx || tx.stopping) return;
        const sample = this.makeSample('Sample.Periodic', reading);
        this.recordSample(tx, sample);
        if (this.d.settings.get('stopTxnSampledMeasurands').length > 0) this.keepStopSample(tx, sample);
      });
    }, s * 1000);
  }

  private keepStopSample(tx: ActiveTransaction, s: MeterSample): void {
    tx.stopSamples.push(s);
    const max = this.d.settings.get('stopTransactionMaxMeterValues');
    if (tx.stopSamples.length > max) tx.stopSamples = thinSamples(tx.stopSamples, max);
  }

  /** `timestamp`: the instant of the event the sample belongs to (start, stop), so both carry the same time. */
  private makeSample(context: ReadingContext, reading: MeterReading, timestamp = this.d.clock.now().toISOString()): MeterSample {
    return { timestamp, context, reading, offeredCurrentA: this.d.hw.pilot.offeredCurrentA };
  }

  private async readMeter(): Promise<MeterReading | null> {
    try {
      const r = await this.d.hw.meter.read();
      this.lastReading = r;
      if (this.faults.has('meter')) this.clearFault('meter');
      return r;
    } catch (err) {
      const blocking = this.cfg.meterFaultAction === 'stop';
      if (!this.faults.has('meter')) {
        if (blocking) {
          // As in safety.ts: contactor open and pilot F; runStop leaves the pilot alone when a blocking fault
          // is active, so without F here the PWM would keep offering current on a Faulted EVSE.
          if (this.d.hw.contactor.commandedClosed) this.d.hw.contactor.open();
          this.d.hw.pilot.setFault();
        }
        this.raiseFault({ source: 'meter', errorCode: 'PowerMeterFailure', info: `meter read failed: ${(err as Error).message}`, blocking });
        if (!this.stopped && !this.meterRetryTimer) this.meterRetryTimer = this.d.clock.setInterval(() => void this.readMeter(), METER_RETRY_MS);
      }
      return null;
    }
  }

  /** The current the pilot should offer now. */
  private offerA(): number {
    const tx = this.tx;
    if (!tx || tx.stopping || tx.suspendedByInvalidId || this.hasBlockingFault()) return 0;
    const cable = this.d.hw.proximity?.cableMaxCurrentA;
    return Math.min(this.cfg.maxCurrentA, cable ?? Infinity);
  }

  private applyOffer(): void {
    if (this.hasBlockingFault()) return; // the pilot stays in F until the fault clears
    const a = this.offerA();
    this.d.hw.pilot.setOfferedCurrent(a);
    if (a === 0 && this.d.hw.contactor.commandedClosed && !this.tx?.stopping) {
      // Without an offer the EV must stop within 3 s; a running stop sequence handles its own wait.
      void this.waitEvLeavesC().then(() => {
        if (this.offerA() === 0 && this.d.hw.contactor.commandedClosed) this.d.hw.contactor.open();
        this.update();
      });
    }
  }

  private onPilot(state: CpState, previous: CpState): void {
    if (this.stopped) return;
    const tx = this.tx;
    if (state === 'A') {
      if (tx && !tx.stopping) {
        if (this.d.settings.get('stopTransactionOnEVSideDisconnect')) void this.stopTransaction('EVDisconnected');
        else this.d.log.info({ evse: this.id }, 'EV side disconnected: transaction continues (StopTransactionOnEVSideDisconnect=false)');
      }
      if (!tx && this.cfg.connector === 'cable') this.finishing = false;
      if (!tx && !this.authorization) {
        this.d.clock.clear(this.connectionTimer);
        this.connectionTimer = null;
      }
    } else if (state === 'B' && previous === 'A') {
      this.finishing = false;
      if (this.authorization) void this.beginTransaction();
      else if (!tx) this.armConnectionTimeout();
    } else if (state === 'C' || state === 'D') {
      if (tx && !tx.stopping && this.offerA() > 0 && !this.hasBlockingFault() && !this.d.hw.contactor.commandedClosed) {
        this.d.hw.contactor.close();
      }
    }
    this.update();
  }

  private onCable(): void {
    if (!this.cablePresent()) this.lockedFor = null; // nothing left to keep for its owner
    if (!this.cablePresent() && !this.tx && !this.evPlugged()) this.finishing = false;
    this.update();
  }

  private raiseFault(f: EvseFault): void {
    if (!this.faults.raise(f)) return;
    this.d.log.warn({ evse: this.id, fault: f }, 'fault raised');
    if (f.blocking) {
      this.cancelAuthorization();
      const tx = this.tx;
      if (tx && !tx.stopping) void this.stopTransaction(stopReasonFor(f));
      else if (!tx) this.d.hw.pilot.setFault();
    }
    this.update();
  }

  private clearFault(source: EvseFault['source']): void {
    if (!this.faults.clear(source)) return;
    if (source === 'meter') {
      this.d.clock.clear(this.meterRetryTimer);
      this.meterRetryTimer = null;
    }
    this.d.log.info({ evse: this.id, source }, 'fault cleared');
    if (!this.hasBlockingFault()) this.d.hw.pilot.setOfferedCurrent(this.offerA());
    this.update();
  }

  /** The status's info text: the fault, or §4.10's note when the EV left but the transaction goes on. */
  private statusInfo(): string | null {
    const f = this.faults.info();
    if (f) return f;
    const tx = this.tx;
    return tx && !tx.stopping && this.d.hw.pilot.state === 'A' ? 'EV side disconnected' : null;
  }

  /** Recompute the status and announce a change. */
  private update(): void {
    if (this.stopped) return;
    const tx = this.tx;
    // A stop in progress goes straight from the running status to Finishing/Available (C6/C1), not through
    // SuspendedEV while the EV reacts to PWM off; a fault still shows at once.
    if (tx?.stopping && !this.hasBlockingFault()) return;
    const status = deriveStatus({
      faulted: this.hasBlockingFault(),
      operative: this.operative,
      reserved: this.reservedFor !== null,
      pilot: this.d.hw.pilot.state,
      cablePresent: this.cablePresent(),
      transactionRunning: tx !== null,
      authorizedWaiting: this.authorization !== null,
      evseSuspended: tx !== null && (tx.suspendedByInvalidId || this.offerA() === 0) && !tx.stopping,
      energyFlowing: this.d.hw.contactor.commandedClosed,
      finishing: this.finishing,
    });
    const errorCode = this.faults.primary()?.errorCode ?? 'NoError';
    if (status === this.status && errorCode === this.lastError) return;
    if (status !== this.status && !transitionCode(this.status, status))
      this.d.log.warn({ evse: this.id, from: this.status, to: status }, 'status change not in the OCPP transition table');
    this.status = status;
    this.lastError = errorCode;
    this.events.emit('status', { evseId: this.id, status, errorCode, info: this.statusInfo(), timestamp: this.d.clock.now().toISOString() });
  }
}
