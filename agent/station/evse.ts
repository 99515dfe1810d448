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
import { PendingWrites } from './pending-writes.js';
import { attachSafety, pilotSignalFault } from './safety.js';
import type { Settings } from './settings.js';
import { deriveStatus, transitionCode } from './status.js';
import type { EvseErrorCode, EvseFault, EvseStatus, IdTokenInfo, MeterSample, ReadingContext, StopReason } from './types.js';
import { thinSamples } from './thin-samples.js';
import { FaultSet, stopReasonFor } from './fault-set.js';

/** IEC 61851-1 sequence 10.2: after PWM off, open the contactor at the latest after 6 s. */
export const EV_LEAVE_C_TIMEOUT_MS = 6000;
/** How often the energy delivered after the CSMS rejected the id is compared with MaxEnergyOnInvalidId. */
export const INVALID_ID_ENERGY_CHECK_MS = 1000;
export { STORAGE_RETRY_MS } from './pending-writes.js';

/** While the meter fails, how often it is read again: nothing else reads it while the EVSE is Faulted, so
 * without this a meter that recovers would leave the EVSE Faulted until a restart. */
export const METER_RETRY_MS = 10_000;

/**
 * While a transaction runs the meter is read this often whatever MeterValueSampleInterval says: the meter's
 * supervision (failuresBeforeFault) only sees reads, and a meter nobody reads cannot fail on the safety path.
 */
export const METER_WATCH_MS = 5_000;

/**
 * Most age of the register the journal holds while a transaction runs (besides every status change): what a
 * power loss bills when the meter cannot be read at the restart. Independent of the OCPP sample interval.
 */
export const JOURNAL_READING_MS = 60_000;

/** How long a recovery after a power loss waits for the meter before it bills the journaled register. */
export const RECOVERY_METER_WAIT_MS = 5_000;

export interface EvseConfig {
  id: number;
  maxCurrentA: number;
  phases: 1 | 3;
  connector: 'socket' | 'cable';
  meterFaultAction: 'stop' | 'continue';
  /** The site ventilates: IEC 61851 state D may draw energy (else D is a fault). */
  ventilation?: boolean;
}

export interface EvseDeps {
  hw: EvseHardware;
  clock: Clock;
  log: Logger;
  settings: Settings;
  ledger: TransactionLedger;
  authorizer: IdAuthorizer;
  /** The station's writes that storage refused (shared by its EVSEs); one of its own when absent. */
  pending?: PendingWrites;
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
  /** Reads the meter every METER_WATCH_MS and journals the register every JOURNAL_READING_MS. */
  watchTimer: TimerHandle | null;
  journaledAtMs: number;
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
  /** Transactions a power loss left open were closed at start-up. */
  recovered: (records: TransactionRecord[]) => void;
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
  private probeTimer: TimerHandle | null = null;
  private lastReading: MeterReading | null = null;
  private detachSafety: (() => void) | null = null;
  private readonly offs: (() => void)[] = [];
  private stopped = false;
  private rcdSelfTesting = false;
  /** Faults noted by the safety path whose announcement (log, stop, status) is still to come. */
  private readonly unannounced = new Set<EvseFault['source']>();
  private readonly pending: PendingWrites;
  /** Transactions a power loss left open are being closed: no new session until they are. */
  private recovering = false;
  /** A cable kept locked after a stop, until this owner's card releases it. */
  private lockedFor: Owner | null = null;

  constructor(
    private readonly cfg: EvseConfig,
    private readonly d: EvseDeps,
  ) {
    this.id = cfg.id;
    this.pending = d.pending ?? new PendingWrites(d.clock);
  }

  // ---------------------------------------------------------------------------------------------- lifecycle

  /** `unfinished`: this EVSE's transactions a power loss left open, closed before any new session. */
  start(opts: { operative: boolean; unfinished?: TransactionRecord[] }): void {
    this.operative = opts.operative;
    this.detachSafety = attachSafety(
      this.d.hw,
      {
        noteFault: (f) => this.noteFault(f),
        onFault: (f) => this.announceFault(f),
        onFaultCleared: (source) => this.clearFault(source),
        onPilot: (state, previous) => this.onPilot(state, previous),
        rcdSelfTestActive: () => this.rcdSelfTesting,
      },
      { ventilation: this.cfg.ventilation === true, meterFaultStops: this.cfg.meterFaultAction === 'stop' },
    );
    if (this.d.hw.proximity) this.offs.push(this.d.hw.proximity.events.on('change', () => this.onCable()));
    if (this.d.hw.reader) this.offs.push(this.d.hw.reader.events.on('tag', (idTag) => void this.presentIdTag(idTag)));
    if (this.d.hw.rcd?.tripped) this.raiseFault({ source: 'rcd', errorCode: 'GroundFailure', info: 'residual current monitor tripped', blocking: true });
    if (this.d.hw.pilot.state === 'E') this.raiseFault({ source: 'pilot', errorCode: 'OtherError', info: 'control pilot state E (short to PE or pilot lost)', blocking: true });
    const readError = this.d.hw.pilot.readError;
    if (this.d.hw.pilot.state === 'F' && readError) {
      this.d.hw.pilot.setOfferedCurrent(0);
      this.raiseFault(pilotSignalFault(readError));
    }
    if (this.d.hw.contactor.feedbackClosed === true) {
      this.openContactor();
      this.raiseFault({ source: 'contactor', errorCode: 'PowerSwitchFailure', info: 'contactor closed at start-up', blocking: true });
    }
    // After a restart an EV that is still plugged in shows Preparing; no transaction is resumed.
    this.finishing = false;
    this.update();
    // A meter that does not answer is reported now, not at the first session.
    if (opts.unfinished?.length) void this.recover(opts.unfinished);
    else this.probeMeter();
  }

  stop(): void {
    this.stopped = true;
    this.d.clock.clear(this.connectionTimer);
    this.d.clock.clear(this.meterRetryTimer);
    this.meterRetryTimer = null;
    this.d.clock.clear(this.probeTimer);
    this.probeTimer = null;
    if (this.tx) {
      this.d.clock.clear(this.tx.sampleTimer);
      this.d.clock.clear(this.tx.watchTimer);
      this.d.clock.clear(this.tx.invalidEnergyTimer);
    }
    if (!this.d.pending) this.pending.stop();
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
    this.retryLockAfterFault();
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
    return !this.stopped && !this.recovering && this.operative && !this.pendingInoperative && !this.hasBlockingFault() && !this.tx && !this.starting;
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
      // A stop that storage refused goes into the queue before this start, or this start does not happen.
      if (!this.pending.flush()) {
        this.storageFailed('an earlier stop is not recorded yet', null);
        this.authorization = null;
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
        watchTimer: null,
        journaledAtMs: this.d.clock.monotonicMs(),
        stopping: null,
        suspendedByInvalidId: false,
        invalidatedAtWh: null,
        invalidEnergyTimer: null,
      };
      const begin = this.makeSample('Transaction.Begin', reading, timestamp);
      this.keepStopSample(this.tx, begin);
      this.armSampling(this.tx);
      this.armWatch(this.tx);
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
    this.d.clock.clear(tx.watchTimer);
    tx.watchTimer = null;
    this.d.clock.clear(tx.invalidEnergyTimer);
    tx.invalidEnergyTimer = null;
    // A fault has already put the pilot in F; a normal stop switches PWM off (X1) and lets the EV react.
    if (!this.hasBlockingFault()) hw.pilot.setOfferedCurrent(0);
    if (hw.contactor.commandedClosed) await this.waitEvLeavesC();
    if (hw.contactor.commandedClosed) this.openContactor();
    const reading = (await this.readMeter()) ?? this.lastReading;
    const meterStopWh = Math.max(reading?.energyImportWh ?? tx.record.lastMeterWh, tx.record.lastMeterWh, tx.record.meterStartWh);
    const timestamp = this.d.clock.now().toISOString();
    if (reading) this.keepStopSample(tx, this.makeSample('Transaction.End', reading, timestamp));
    const stop: TransactionStopArgs = { timestamp, meterStopWh, reason, stopIdTag, transactionData: tx.stopSamples };
    let done = false;
    try {
      // Behind an older stop that storage refused, never ahead of it: the queue keeps the order of events.
      if (!this.pending.flush()) throw new Error('an earlier stop is not recorded yet');
      done = this.d.ledger.end(tx.record, stop);
      this.storageOk();
    } catch (err) {
      this.storageFailed('stop not recorded yet', err);
      this.keepStop(tx.record, stop);
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
      tx.journaledAtMs = this.d.clock.monotonicMs();
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
    this.d.log.error({ evse: this.id, err: (err as Error | null)?.message, code: (err as { code?: string } | null)?.code }, `storage failed: ${what}`);
    this.raiseFault({ source: 'internal', errorCode: 'InternalError', info: `storage failed: ${what}`, blocking: false });
  }

  private storageOk(): void {
    // Storage works again: what it refused earlier (on any EVSE of the station) is written now, oldest first.
    if (!this.pending.flush()) return;
    if (this.faults.has('internal')) this.clearFault('internal');
  }

  /** Record a stop that storage refused as soon as it accepts writes again (a restart would close it as PowerLoss). */
  private keepStop(rec: TransactionRecord, stop: TransactionStopArgs): void {
    this.pending.add(`stop of ${rec.localId}`, () => {
      const done = this.d.ledger.end(rec, stop);
      this.d.log.info({ evse: this.id, tx: rec.localId }, 'stop recorded after storage failed');
      if (done) this.events.emit('transactionStopped', { ...rec, stoppedAt: stop.timestamp, meterStopWh: stop.meterStopWh, stopReason: stop.reason }, stop.reason);
      this.storageOk();
    });
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

  /**
   * Failures are the meter driver's to judge (its supervision counts them against failuresBeforeFault and emits
   * `fault`, which safety.ts handles): one CRC glitch is a retry, not a stopped session. Null on a failed read.
   */
  private async readMeter(): Promise<MeterReading | null> {
    try {
      const r = await this.d.hw.meter.read();
      this.lastReading = r;
      if (this.faults.has('meter')) this.clearFault('meter');
      return r;
    } catch (err) {
      this.d.log.debug({ evse: this.id, err: (err as Error).message }, 'meter read failed');
      return null;
    }
  }

  /** A read bounded in time (the meter's own timeouts are the driver's; this bounds a start-up or shutdown). */
  private readMeterWithin(ms: number): Promise<MeterReading | null> {
    return new Promise((resolve) => {
      const timer = this.d.clock.setTimeout(() => resolve(null), ms);
      void this.readMeter().then((r) => {
        this.d.clock.clear(timer);
        resolve(r);
      });
    });
  }

  /** While a transaction runs: feed the meter's supervision, and keep the journal's register young. */
  private armWatch(tx: ActiveTransaction): void {
    tx.watchTimer = this.d.clock.setInterval(() => {
      if (this.tx !== tx || tx.stopping) return;
      void this.readMeter().then((r) => {
        if (r && this.d.clock.monotonicMs() - tx.journaledAtMs >= JOURNAL_READING_MS) this.journalReading(tx, r);
      });
    }, METER_WATCH_MS);
  }

  private journalReading(tx: ActiveTransaction, reading: MeterReading): void {
    if (this.tx !== tx || tx.stopping) return;
    try {
      this.d.ledger.noteReading(tx.record, reading.energyImportWh, this.d.clock.now().toISOString());
      tx.journaledAtMs = this.d.clock.monotonicMs();
      this.storageOk();
    } catch (err) {
      this.storageFailed('meter register not journaled', err);
    }
  }

  /** On the way down (SIGTERM, upgrade, reset): the journal takes the register, so a restart bills it. */
  async journalCurrentReading(waitMs: number): Promise<void> {
    const tx = this.tx;
    if (!tx || tx.stopping) return;
    const r = await this.readMeterWithin(waitMs);
    if (r) this.journalReading(tx, r);
  }

  /**
   * Close what a power loss left open, with reason PowerLoss. Energy flowed after the last journaled reading
   * (up to JOURNAL_READING_MS, more if the process died and the contactor stayed closed for a while), so the
   * register the meter shows now is billed when it answers in time and is plausible: not below the journal (a
   * replaced meter) and not more than this EVSE could have delivered since. Otherwise the journal's register.
   * The stop time is the journal's: the last moment the agent is known to have run.
   */
  private async recover(open: TransactionRecord[]): Promise<void> {
    this.recovering = true;
    const reading = await this.readMeterWithin(RECOVERY_METER_WAIT_MS);
    const closed: TransactionRecord[] = [];
    for (const rec of open) {
      const journaled = Math.max(rec.lastMeterWh, rec.meterStartWh);
      const hours = Math.max(0, this.d.clock.now().getTime() - Date.parse(rec.lastMeterAt)) / 3_600_000;
      const mostWh = journaled + this.cfg.maxCurrentA * this.cfg.phases * 250 * hours + 1;
      const measured = reading?.energyImportWh;
      const meterStopWh = measured !== undefined && measured >= journaled && measured <= mostWh ? measured : journaled;
      if (measured !== undefined && meterStopWh !== measured)
        this.d.log.warn({ evse: this.id, tx: rec.localId, measuredWh: measured, journaledWh: journaled }, 'meter register implausible for this transaction: the journal is billed');
      try {
        const ok = this.d.ledger.end(rec, { timestamp: rec.lastMeterAt, meterStopWh, reason: 'PowerLoss', stopIdTag: null, transactionData: [] });
        if (ok) closed.push({ ...rec, stoppedAt: rec.lastMeterAt, meterStopWh, stopReason: 'PowerLoss' });
        this.d.log.warn({ tx: rec.localId, evse: this.id, meterStopWh, measured: meterStopWh === measured, at: rec.lastMeterAt }, 'transaction left open by a power loss: stopped');
      } catch (err) {
        this.storageFailed('power-loss stop not recorded yet', err);
        this.keepStop(rec, { timestamp: rec.lastMeterAt, meterStopWh, reason: 'PowerLoss', stopIdTag: null, transactionData: [] });
      }
    }
    this.recovering = false;
    if (closed.length) this.events.emit('recovered', closed);
    this.update();
    if (!reading) this.probeMeter();
  }

  /**
   * At start-up the meter is read until it answers once or its driver declares it failed, so a missing meter is
   * reported now and not at the first session (one failed read is not a fault by itself).
   */
  private probeMeter(): void {
    void this.readMeter().then((r) => {
      if (r || this.stopped || this.faults.has('meter')) return;
      this.d.clock.clear(this.probeTimer);
      this.probeTimer = this.d.clock.setTimeout(() => this.probeMeter(), METER_WATCH_MS);
    });
  }

  /**
   * A connector-lock fault is retried locally: the next plug, cable or card tries the lock again (a failure
   * raises the fault again), so a jammed pin cleared by hand does not need the CSMS's UnlockConnector.
   */
  private retryLockAfterFault(): void {
    const f = this.faults.list().find((x) => x.source === 'lock');
    if (!f || this.tx || this.starting) return;
    this.d.log.info({ evse: this.id, fault: f.info }, 'connector lock fault: trying the lock again');
    this.clearFault('lock');
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
        if (this.offerA() === 0 && this.d.hw.contactor.commandedClosed) this.openContactor();
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
      this.retryLockAfterFault();
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
    else this.retryLockAfterFault();
    if (!this.cablePresent() && !this.tx && !this.evPlugged()) this.finishing = false;
    this.update();
  }

  /** A relay driver that throws leaves the relay state unknown: a fault, and the pilot tells the EV to stop. */
  private openContactor(): void {
    try {
      this.d.hw.contactor.open();
    } catch (err) {
      this.noteFault({ source: 'contactor', errorCode: 'PowerSwitchFailure', info: `contactor open failed: ${(err as Error).message}`, blocking: true });
      this.d.hw.pilot.setFault();
      this.announceFault(this.faults.list().find((f) => f.source === 'contactor')!);
    }
  }

  private raiseFault(f: EvseFault): void {
    this.noteFault(f);
    this.announceFault(f);
  }

  /** Safety path, step 2 (safety.ts): the fault is state before the pilot command that follows it. */
  private noteFault(f: EvseFault): void {
    if (this.faults.raise(f)) this.unannounced.add(f.source);
  }

  private announceFault(f: EvseFault): void {
    if (!this.unannounced.delete(f.source)) return;
    this.d.log.warn({ evse: this.id, fault: f }, 'fault raised');
    if (f.source === 'meter' && !this.stopped && !this.meterRetryTimer) this.meterRetryTimer = this.d.clock.setInterval(() => void this.readMeter(), METER_RETRY_MS);
    if (f.blocking) {
      this.cancelAuthorization();
      const tx = this.tx;
      if (tx && !tx.stopping) void this.stopTransaction(stopReasonFor(f));
      // Pilot and ventilation faults chose their pilot output in safety.ts (PWM off, so the EV stays readable).
      else if (!tx && f.source !== 'pilot' && f.source !== 'ventilation') this.d.hw.pilot.setFault();
    }
    this.update();
  }

  private clearFault(source: EvseFault['source']): void {
    this.unannounced.delete(source);
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
    // Every status change of a running transaction journals the register (power-loss billing, issue 7).
    if (tx && !tx.stopping && status !== this.status) void this.readMeter().then((r) => r && this.journalReading(tx, r));
    if (status !== this.status && !transitionCode(this.status, status))
      this.d.log.warn({ evse: this.id, from: this.status, to: status }, 'status change not in the OCPP transition table');
    this.status = status;
    this.lastError = errorCode;
    this.events.emit('status', { evseId: this.id, status, errorCode, info: this.statusInfo(), timestamp: this.d.clock.now().toISOString() });
  }
}
