/**
 * One EVSE: its inputs (pilot, cable, faults, availability), its status, and the life of its transaction.
 *
 * Order of a start: authorize → lock the cable → read the meter → commit the journal row and queue the start
 * message (ledger.begin, synchronous) → offer current by PWM → the EV goes to C → close the contactor.
 * Order of a normal stop (IEC 61851): PWM off → the EV leaves C (or 6 s pass) → open the contactor → read the
 * meter → commit the stop (ledger.end) → unlock. Faults open the contactor first, in safety.ts.
 */
import type { CpState } from '../../hal/types.js';
import { Emitter } from '../../hal/emitter.js';
import type { TransactionRecord } from '../../offline-queue/index.js';
import type { TransactionStopArgs } from './ports.js';
import { PendingWrites } from './pending-writes.js';
import { attachSafety, checkAtStartUp, openContactorOrFault, rcdSelfTest, waitEvLeavesC } from './safety.js';
import { deriveStatus, transitionCode } from './status.js';
import type { EvseErrorCode, EvseFault, EvseStatus, IdTokenInfo, ReadingContext, StopReason } from './types.js';
import type { EvseConfig, EvseDeps, EvseEvents } from './evse-types.js';
import { FaultSet, stopReasonFor, type FaultPort } from './fault-set.js';
import { CableLock } from './cable-lock.js';
import { ConnectionTimeout } from './connection-timeout.js';
import { TxRecords } from './tx-records.js';
import { EvseMeter } from './evse-meter.js';
import { makeSample, TxMetering, type TxMeteringDeps, type TxPhase } from './tx-metering.js';
import { InvalidIdEnergy, type InvalidIdEnergyDeps } from './invalid-id-energy.js';
import { closePowerLossTransactions, RECOVERY_METER_WAIT_MS, type PowerLossDeps } from './power-loss.js';
import { outcome, whyNoStart, type IdTagOutcome, type IdTagResult } from './id-tag-outcome.js';
import { inOwnersGroup, noteOwnersIdTagInfo, sameIdTag, type Owner } from './owner.js';
import { effectiveLimit, type EffectiveLimit } from './external-limit.js';

export { EV_LEAVE_C_TIMEOUT_MS } from './safety.js';
export { STORAGE_RETRY_MS } from './pending-writes.js';
export { METER_RETRY_MS, METER_WATCH_MS } from './evse-meter.js';
export { JOURNAL_READING_MS } from './tx-metering.js';
export { INVALID_ID_ENERGY_CHECK_MS } from './invalid-id-energy.js';
export { RECOVERY_METER_WAIT_MS } from './power-loss.js';
export type { EvseConfig, EvseDeps, EvseEvents, EvseStatusEvent } from './evse-types.js';

/** Whose session it is: the owner, for the cards that may end it (§3.10). */
interface ActiveTransaction extends Owner {
  record: TransactionRecord;
  metering: TxMetering;
  stopping: Promise<void> | null;
  invalidId: InvalidIdEnergy;
}

interface Authorization {
  idTag: string;
  info: IdTokenInfo;
  remoteStartId: number | null;
}

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
  private readonly connectionTimeout: ConnectionTimeout;
  private readonly meter: EvseMeter;
  /** What the EVSE's parts share: each transaction's metering and invalid-id limit, the power-loss recovery. */
  private readonly parts: TxMeteringDeps & InvalidIdEnergyDeps & PowerLossDeps;
  private detachSafety: (() => void) | null = null;
  private readonly offs: (() => void)[] = [];
  private stopped = false;
  private rcdSelfTesting = false;
  /** Faults noted by the safety path whose announcement (log, stop, status) is still to come. */
  private readonly unannounced = new Set<EvseFault['source']>();
  private readonly pending: PendingWrites;
  /** Transactions a power loss left open are being closed: no new session until they are. */
  private recovering = false;
  private readonly records: TxRecords;
  private readonly cable: CableLock;

  constructor(
    private readonly cfg: EvseConfig,
    private readonly d: EvseDeps,
  ) {
    this.id = cfg.id;
    this.pending = d.pending ?? new PendingWrites(d.clock);
    this.connectionTimeout = new ConnectionTimeout(d.clock, d.settings);
    const faults: FaultPort = {
      raise: (f) => this.raiseFault(f),
      clear: (source) => this.clearFault(source),
      active: (source) => this.faults.list().find((f) => f.source === source),
    };
    const stopped = (rec: TransactionRecord, reason: StopReason) => this.events.emit('transactionStopped', rec, reason);
    this.records = new TxRecords({ pending: this.pending, ledger: d.ledger, log: d.log, evseId: cfg.id, faults, stopped });
    this.cable = new CableLock({ lock: d.hw.lock, log: d.log, evseId: cfg.id, faults, busy: () => this.tx !== null || this.starting });
    const meterFault = { held: () => this.faults.has('meter'), clear: () => this.clearFault('meter') };
    this.meter = new EvseMeter({ meter: d.hw.meter, clock: d.clock, log: d.log, evseId: cfg.id, fault: meterFault });
    const rating = { maxCurrentA: cfg.maxCurrentA, phases: cfg.phases };
    this.parts = { clock: d.clock, settings: d.settings, ledger: d.ledger, log: d.log, evseId: cfg.id, meter: this.meter, pilot: d.hw.pilot, storage: this.records, rating };
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
    const reader = this.d.hw.reader;
    if (reader) {
      this.offs.push(reader.events.on('tag', (idTag) => void this.presentIdTag(idTag)));
      // A reader that cannot read is a warning to the CSMS (ReaderFailure), never a reason to stop charging.
      const readerFault = (reason: string): void => this.raiseFault({ source: 'reader', errorCode: 'ReaderFailure', info: `reader: ${reason}`, blocking: false });
      this.offs.push(reader.events.on('fault', readerFault));
      this.offs.push(reader.events.on('recovered', () => this.clearFault('reader')));
      if (reader.fault !== null) readerFault(reader.fault);
    }
    checkAtStartUp(this.d.hw, { raise: (f) => this.raiseFault(f), openContactor: () => this.openContactor() });
    // After a restart an EV that is still plugged in shows Preparing; no transaction is resumed.
    this.finishing = false;
    this.update();
    // A meter that does not answer is reported now, not at the first session.
    if (opts.unfinished?.length) void this.recover(opts.unfinished);
    else this.meter.probe();
  }

  stop(): void {
    this.stopped = true;
    this.connectionTimeout.cancel();
    this.meter.stop();
    if (this.tx) {
      this.tx.metering.stop();
      this.tx.invalidId.stop();
    }
    if (!this.d.pending) this.pending.stop();
    this.detachSafety?.();
    this.offs.splice(0).forEach((off) => off());
  }

  // ------------------------------------------------------------------------------------------------ queries

  snapshot() {
    const tx = this.tx;
    const rec = this.transaction();
    const limit = this.limit();
    return {
      id: this.id,
      status: this.status,
      errorCode: this.lastError,
      pilotState: this.d.hw.pilot.state,
      relayClosed: this.d.hw.contactor.commandedClosed,
      offeredCurrentA: this.d.hw.pilot.offeredCurrentA,
      limitA: limit.limitA,
      limitSource: limit.source,
      cablePresent: this.cablePresent(),
      operative: this.operative,
      pendingInoperative: this.pendingInoperative,
      faults: this.faults.list(),
      powerW: this.meter.last?.powerW,
      energyWh: this.meter.last?.energyImportWh,
      transaction: tx
        ? {
            localId: tx.record.localId,
            csmsId: rec?.csmsId ?? null,
            idTag: tx.idTag,
            startedAt: tx.record.startedAt,
            energyWh: Math.max(0, (this.meter.last?.energyImportWh ?? tx.record.meterStartWh) - tx.record.meterStartWh),
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

  /** The smallest of this EVSE's limits (external-limit.ts); offerA is what the pilot may offer. */
  limit(): EffectiveLimit {
    const cable = this.d.hw.proximity?.cableMaxCurrentA;
    return effectiveLimit({ evse: this.cfg.maxCurrentA, cable, ...this.d.limits?.forEvse(this.id) });
  }

  /** When its transaction began (ms), for the site share's order; null without one running. */
  runningSince(): number | null {
    return this.tx && !this.tx.stopping ? Date.parse(this.tx.record.startedAt) : null;
  }

  /** A limit changed: the pilot follows at once; a zero offer runs the IEC stop of energy in applyOffer. */
  limitsChanged(): void {
    if (this.stopped || !this.tx || this.tx.stopping || this.hasBlockingFault()) return;
    this.applyOffer();
    this.update();
  }

  isOperative(): boolean {
    return this.operative;
  }

  hasBlockingFault(): boolean {
    return this.faults.blocking();
  }

  // ----------------------------------------------------------------------------------------------- commands

  /** A card at this EVSE: starts, or stops a transaction of the same id or the same group. */
  async presentIdTag(idTag: string): Promise<IdTagResult> {
    const o = await this.decideIdTag(idTag);
    this.events.emit('idTagPresented', { evseId: this.id, idTag, ...o });
    return o.result;
  }

  private async decideIdTag(idTag: string): Promise<IdTagOutcome> {
    if (this.stopped) return outcome('ignored', 'the station is shutting down');
    const tx = this.tx;
    if (tx) {
      if (tx.stopping) return outcome('ignored', 'the transaction is already stopping');
      if (!sameIdTag(idTag, tx.idTag)) {
        const group = await inOwnersGroup(this.d.authorizer, tx, idTag);
        // The transaction may have ended (or another begun) while the CSMS was asked.
        if (this.tx !== tx || tx.stopping) return outcome('ignored', 'the transaction ended while the card was checked');
        if (!group) {
          this.d.log.info({ evse: this.id, idTag, ownerGroup: tx.parentIdTag ?? (tx.parentIdTag === null ? 'none' : 'unknown') }, 'id presented during a transaction of another user: ignored');
          return outcome('rejected', "another user's transaction is running and this card is not in its group");
        }
      }
      await this.stopTransaction('Local', idTag);
      return outcome('stopped');
    }
    const owner = this.cable.keptFor;
    if (owner) {
      // The cable was kept locked for its owner: only their card (or their group's) releases it (errata 3.5).
      if (!sameIdTag(idTag, owner.idTag) && !(await inOwnersGroup(this.d.authorizer, owner, idTag))) return outcome('rejected', "the cable is kept locked for its owner's card");
      if (this.cable.keptFor !== owner) return outcome('ignored', 'the cable was released meanwhile');
      await this.cable.release();
      return outcome('ignored', "released the cable kept locked for this card's owner; no session started");
    }
    // A lock fault alone does not refuse the card: an accepted one tries the lock again (a jammed pin freed by
    // hand needs no CSMS); a refused one leaves the fault as it is.
    if (!this.canStartSession({ despiteLockFault: true })) return outcome('rejected', this.whyNoStart());
    const info = await this.d.authorizer.authorize(idTag);
    if (info.status !== 'Accepted') {
      this.d.log.info({ evse: this.id, idTag, status: info.status }, 'id not accepted');
      return outcome('rejected', `not authorized (${info.status})`, info.status);
    }
    this.cable.retryAfterFault();
    if (!this.canStartSession()) return outcome('rejected', this.whyNoStart(), info.status);
    const r = await this.authorized({ idTag, info, remoteStartId: null });
    return outcome(r, r === 'rejected' ? 'authorized, but the transaction could not start (lock, RCD self-test, meter or storage: see the log)' : null, info.status);
  }

  private whyNoStart(): string {
    return whyNoStart({
      stopped: this.stopped,
      recovering: this.recovering,
      operative: this.operative,
      pendingInoperative: this.pendingInoperative,
      blockingFaults: this.faults.list().filter((f) => f.blocking).map((f) => (f.info ? `${f.errorCode} (${f.info})` : f.errorCode)),
      transaction: this.tx !== null,
      starting: this.starting,
    });
  }

  /** The CSMS asked for a start (authorization already decided by the caller per AuthorizeRemoteTxRequests). */
  remoteStart(idTag: string, info: IdTokenInfo, remoteStartId: number | null): boolean {
    if (!this.canStartSession() || this.tx || this.starting) return false;
    void this.authorized({ idTag, info, remoteStartId });
    return true;
  }

  canStartSession(opts: { despiteLockFault?: boolean } = {}): boolean {
    const blocked = opts.despiteLockFault ? this.faults.list().some((f) => f.blocking && f.source !== 'lock') : this.hasBlockingFault();
    return !this.stopped && !this.recovering && this.operative && !this.pendingInoperative && !blocked && !this.tx && !this.starting;
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
    noteOwnersIdTagInfo(tx, info);
    if (info.status === 'Accepted') return;
    if (this.d.settings.get('stopTransactionOnInvalidId')) void this.stopTransaction('DeAuthorized');
    else tx.invalidId.rejected();
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
    return (await this.cable.release()) ? 'Unlocked' : 'UnlockFailed';
  }

  /** Take one sample now (clock-aligned or triggered). */
  async sample(context: ReadingContext): Promise<void> {
    const reading = await this.meter.read();
    if (!reading) return;
    const s = makeSample(this.parts, context, reading);
    const tx = this.tx;
    if (tx && !tx.stopping) tx.metering.sampleTaken(s);
    else this.events.emit('idleSample', this.id, [s]);
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
    this.connectionTimeout.cancel();
  }

  private armConnectionTimeout(): void {
    this.connectionTimeout.arm(() => {
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
    });
  }

  private async beginTransaction(): Promise<boolean> {
    const a = this.authorization;
    if (!a || this.tx || this.starting) return false;
    this.starting = true;
    this.connectionTimeout.cancel();
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
      if (!(await rcdSelfTest(this.d.hw.rcd, (active) => (this.rcdSelfTesting = active), (f) => this.raiseFault(f)))) {
        this.authorization = null;
        return this.abandonStart(lock !== null);
      }
      const reading = await this.meter.read();
      if (!reading || this.stopped) {
        // No meter, no record, no session: the user presents again once the EVSE can start.
        if (this.authorization === a) this.authorization = null;
        return this.abandonStart(lock !== null);
      }
      if (!this.evPlugged() || this.hasBlockingFault() || !this.operative || this.authorization !== a) {
        this.d.log.info({ evse: this.id }, 'start abandoned: conditions changed while preparing');
        if (this.authorization === a) {
          // An EV that left while preparing may come back within ConnectionTimeOut, as before a first plug; any
          // other change ends the authorization. Never one left without a timer (a later EV would start on it).
          if (!this.evPlugged() && !this.hasBlockingFault() && this.operative && this.d.settings.get('connectionTimeOutS') > 0) this.armConnectionTimeout();
          else this.authorization = null;
        }
        return this.abandonStart(lock !== null);
      }
      // A stop that storage refused goes into the queue before this start, or this start does not happen.
      if (!this.pending.flush()) {
        this.records.failed('an earlier stop is not recorded yet', null);
        this.authorization = null;
        return this.abandonStart(lock !== null);
      }
      const timestamp = this.d.clock.now().toISOString();
      // Committed before any energy can flow: the journal row and the start message (DESIGN "No energy without a record").
      const record = this.records.begin({
        evseId: this.id,
        idTag: a.idTag,
        parentIdTag: a.info.parentIdTag ?? null,
        meterStartWh: reading.energyImportWh,
        timestamp,
        remoteStartId: a.remoteStartId,
        reservationId: null,
        authStatus: a.info.status,
      });
      if (!record) {
        this.authorization = null;
        return this.abandonStart(lock !== null);
      }
      this.authorization = null;
      const phase = (): TxPhase => (this.tx !== tx ? 'gone' : tx.stopping ? 'stopping' : 'running');
      const tx: ActiveTransaction = {
        record,
        idTag: a.idTag,
        // A group named at start is known; an answer without one may be a stand-in (a remote start, an unknown
        // id accepted offline), so "none" waits for a real idTagInfo (list, cache, StartTransaction.conf).
        parentIdTag: a.info.parentIdTag,
        metering: new TxMetering(this.parts, record, phase),
        stopping: null,
        invalidId: new InvalidIdEnergy(this.parts, record, phase, () => {
          this.applyOffer();
          this.update();
        }),
      };
      this.tx = tx;
      tx.metering.start(makeSample(this.parts, 'Transaction.Begin', reading, timestamp));
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
    tx.metering.stop();
    tx.invalidId.stop();
    // A fault has already put the pilot in F; a normal stop switches PWM off (X1) and lets the EV react.
    if (!this.hasBlockingFault()) hw.pilot.setOfferedCurrent(0);
    if (hw.contactor.commandedClosed) await this.waitEvLeavesC();
    if (hw.contactor.commandedClosed) this.openContactor();
    const reading = (await this.meter.read()) ?? this.meter.last;
    const meterStopWh = Math.max(reading?.energyImportWh ?? tx.record.lastMeterWh, tx.record.lastMeterWh, tx.record.meterStartWh);
    const timestamp = this.d.clock.now().toISOString();
    if (reading) tx.metering.keepStopSample(makeSample(this.parts, 'Transaction.End', reading, timestamp));
    const stop: TransactionStopArgs = { timestamp, meterStopWh, reason, stopIdTag, transactionData: tx.metering.samplesForStop() };
    const done = this.records.end(tx.record, stop);
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
      this.cable.keepFor({ idTag: tx.idTag, parentIdTag: tx.parentIdTag });
      return;
    }
    await this.cable.release();
  }

  /** A start that did not happen releases the cable it locked; the next attempt locks it again. */
  private async abandonStart(locked: boolean): Promise<false> {
    if (locked && !this.stopped) await this.cable.release();
    this.update();
    return false;
  }

  /** Resolves once the pilot is out of C/D, or after the IEC limit. */
  private waitEvLeavesC(): Promise<void> {
    return waitEvLeavesC(this.d.hw.pilot, this.d.clock, () => this.d.log.warn({ evse: this.id }, 'EV did not leave state C within 6 s of PWM off: opening the contactor'));
  }

  /** On the way down (SIGTERM, upgrade, reset): the journal takes the register, so a restart bills it. */
  async journalCurrentReading(waitMs: number): Promise<void> {
    const tx = this.tx;
    if (!tx || tx.stopping) return;
    const r = await this.meter.readWithin(waitMs);
    if (r) tx.metering.journalReading(r);
  }

  /** Close what a power loss left open (power-loss.ts); no new session until that is done. */
  private async recover(open: TransactionRecord[]): Promise<void> {
    this.recovering = true;
    const reading = await this.meter.readWithin(RECOVERY_METER_WAIT_MS);
    if (this.stopped) return; // the agent stopped meanwhile: the next start recovers them
    const closed = closePowerLossTransactions(this.parts, open, reading);
    this.recovering = false;
    if (closed.length) this.events.emit('recovered', closed);
    this.update();
    if (!reading) this.meter.probe();
  }

  /** The current the pilot should offer now. */
  private offerA(): number {
    const tx = this.tx;
    if (!tx || tx.stopping || tx.invalidId.suspended || this.hasBlockingFault()) return 0;
    return this.limit().offerA;
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
        this.connectionTimeout.cancel();
      }
    } else if (state === 'B' && previous === 'A') {
      this.finishing = false;
      this.cable.retryAfterFault();
      if (this.authorization) void this.beginTransaction();
      else if (!tx) this.armConnectionTimeout();
    } else if (state === 'C' || state === 'D') {
      if (tx && !tx.stopping && this.offerA() > 0 && !this.hasBlockingFault() && !this.d.hw.contactor.commandedClosed) {
        this.d.hw.contactor.close();
      }
    }
    // Free vend: the plug-in is the card. Only on a plug-in, so a session stopped by the CSMS or the EV is not
    // started again while the same EV stays plugged in.
    const freeVend = this.cfg.freeVend;
    if (freeVend && previous === 'A' && (state === 'B' || state === 'C' || state === 'D') && !this.tx && !this.starting && !this.authorization) {
      void this.presentIdTag(freeVend).then((outcome) => this.d.log.info({ evse: this.id, outcome }, 'free vend: idTag presented at plug-in'));
    }
    this.update();
  }

  private onCable(): void {
    if (!this.cablePresent()) this.cable.forget();
    else this.cable.retryAfterFault();
    if (!this.cablePresent() && !this.tx && !this.evPlugged()) this.finishing = false;
    this.update();
  }

  /** A relay driver that throws leaves the relay state unknown: a fault, and the pilot tells the EV to stop. */
  private openContactor(): void {
    const failed = openContactorOrFault(this.d.hw.contactor);
    if (!failed) return;
    this.noteFault(failed);
    this.d.hw.pilot.setFault();
    this.announceFault(failed);
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
    if (f.source === 'meter') this.meter.retryWhileFaulted();
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
    if (source === 'meter') this.meter.stopRetry();
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
      evseSuspended: tx !== null && (tx.invalidId.suspended || this.offerA() === 0) && !tx.stopping,
      energyFlowing: this.d.hw.contactor.commandedClosed,
      finishing: this.finishing,
    });
    const errorCode = this.faults.primary()?.errorCode ?? 'NoError';
    if (status === this.status && errorCode === this.lastError) return;
    // Every status change of a running transaction journals the register (power-loss billing, issue 7).
    if (tx && !tx.stopping && status !== this.status) void this.meter.read().then((r) => r && tx.metering.journalReading(r));
    if (status !== this.status && !transitionCode(this.status, status))
      this.d.log.warn({ evse: this.id, from: this.status, to: status }, 'status change not in the OCPP transition table');
    this.status = status;
    this.lastError = errorCode;
    this.events.emit('status', { evseId: this.id, status, errorCode, info: this.statusInfo(), timestamp: this.d.clock.now().toISOString() });
  }
}
