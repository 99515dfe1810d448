/**
 * The session of one EVSE and the life of its transaction: a card presented or a remote start (the
 * authorization), the start point, the start and stop sequences, the cards that may end it (owner and group),
 * ConnectionTimeOut, the invalid-id energy limit, and the close of what a power loss left open.
 *
 * Why apart from evse.ts (issue 9): the lifecycle is one object behind a narrow port to its EVSE (SessionPort:
 * the EVSE state it reads, the commands it gives), testable with the EVSE's small parts alone; and when a
 * transaction begins and ends is a value it is given (tx-points.ts), the one thing OCPP 2.0.1 configures where
 * 1.6 fixes it. The EVSE keeps the inputs, the status, availability and the offer; the contactor is opened
 * through it (safety.ts's helper, which turns a failing driver into a fault).
 *
 * Order of a start: authorize → lock the cable → read the meter → commit the journal row and queue the start
 * message (ledger.begin, synchronous) → offer current by PWM → the EV goes to C → the EVSE closes the contactor.
 * Order of a normal stop (IEC 61851): PWM off → the EV leaves C (or 6 s pass) → open the contactor → read the
 * meter → commit the stop (ledger.end) → unlock. Faults open the contactor first, in safety.ts.
 */
import type { TransactionRecord } from '../../offline-queue/index.js';
import { stopReasonFor } from './fault-set.js';
import { ConnectionTimeout } from './connection-timeout.js';
import { outcome, whyNoStart, type IdTagOutcome, type IdTagResult } from './id-tag-outcome.js';
import { InvalidIdEnergy } from './invalid-id-energy.js';
import { inOwnersGroup, noteOwnersIdTagInfo, sameIdTag } from './owner.js';
import type { TransactionStopArgs } from './ports.js';
import { closePowerLossTransactions, RECOVERY_METER_WAIT_MS } from './power-loss.js';
import { rcdSelfTest, waitEvLeavesC } from './safety.js';
import type { ActiveTransaction, Authorization, SessionDeps } from './session-types.js';
import { makeSample, TxMetering, type TxPhase } from './tx-metering.js';
import { checkTxPoints, endsTransaction, startReached, type TxPoint } from './tx-points.js';
import type { EvseFault, IdTokenInfo, StopReason } from './types.js';

export type { ActiveTransaction, Authorization, SessionDeps, SessionPort } from './session-types.js';

export class Session {
  private authorization: Authorization | null = null;
  private tx: ActiveTransaction | null = null;
  private startingNow = false;
  /** Transactions a power loss left open are being closed: no new session until they are. */
  private recovering = false;
  private selfTesting = false;
  private readonly connectionTimeout: ConnectionTimeout;

  constructor(private readonly d: SessionDeps) {
    const errors = checkTxPoints(d.points());
    if (errors.length) throw new Error(`EVSE ${d.evseId}: transaction points not supported: ${errors.join('; ')}`);
    this.connectionTimeout = new ConnectionTimeout(d.clock, d.settings);
  }

  /** The running (or stopping) transaction. */
  get active(): Readonly<ActiveTransaction> | null {
    return this.tx;
  }

  /** An id was accepted (or a remote start arrived) and the session waits for the EV. */
  get authorizedWaiting(): boolean {
    return this.authorization !== null;
  }

  get starting(): boolean {
    return this.startingNow;
  }

  /** The RCD's own test before a session runs: its trip is expected. */
  get rcdSelfTesting(): boolean {
    return this.selfTesting;
  }

  stop(): void {
    this.connectionTimeout.cancel();
    if (this.tx) {
      this.tx.metering.stop();
      this.tx.invalidId.stop();
    }
  }

  // ------------------------------------------------------------------------------------------ authorization

  /** A card at this EVSE: starts, or stops a transaction of the same id or the same group. */
  async presentIdTag(idTag: string): Promise<IdTagResult> {
    const o = await this.decideIdTag(idTag);
    this.d.events.emit('idTagPresented', { evseId: this.d.evseId, idTag, ...o });
    return o.result;
  }

  private async decideIdTag(idTag: string): Promise<IdTagOutcome> {
    if (this.d.evse.stopped()) return outcome('ignored', 'the station is shutting down');
    const tx = this.tx;
    if (tx) {
      if (tx.stopping) return outcome('ignored', 'the transaction is already stopping');
      if (!sameIdTag(idTag, tx.idTag)) {
        const group = await inOwnersGroup(this.d.authorizer, tx, idTag);
        // The transaction may have ended (or another begun) while the CSMS was asked.
        if (this.tx !== tx || tx.stopping) return outcome('ignored', 'the transaction ended while the card was checked');
        if (!group) {
          this.d.log.info({ evse: this.d.evseId, idTag, ownerGroup: tx.parentIdTag ?? (tx.parentIdTag === null ? 'none' : 'unknown') }, 'id presented during a transaction of another user: ignored');
          return outcome('rejected', "another user's transaction is running and this card is not in its group");
        }
      }
      // The owner's card ends the authorization: stop point Authorized, in every choice checkTxPoints accepts.
      await this.stopTransaction('Local', idTag);
      return outcome('stopped');
    }
    const owner = this.d.cable.keptFor;
    if (owner) {
      // The cable was kept locked for its owner: only their card (or their group's) releases it (errata 3.5).
      if (!sameIdTag(idTag, owner.idTag) && !(await inOwnersGroup(this.d.authorizer, owner, idTag))) return outcome('rejected', "the cable is kept locked for its owner's card");
      if (this.d.cable.keptFor !== owner) return outcome('ignored', 'the cable was released meanwhile');
      await this.d.cable.release();
      return outcome('ignored', "released the cable kept locked for this card's owner; no session started");
    }
    // A lock fault alone does not refuse the card: an accepted one tries the lock again (a jammed pin freed by
    // hand needs no CSMS); a refused one leaves the fault as it is.
    if (!this.canStartSession({ despiteLockFault: true })) return outcome('rejected', this.whyNoStart());
    // A reservation that names no group is decided without asking the CSMS about a card it refuses anyway.
    const early = this.d.reservations.any() ? this.d.reservations.admit(idTag, this.d.authorizer.known(idTag)?.parentIdTag) : null;
    if (early && !early.ok && !early.byGroup) return this.notReserved(idTag, early.why, null);
    const info = await this.d.authorizer.authorize(idTag);
    if (info.status !== 'Accepted') {
      this.d.log.info({ evse: this.d.evseId, idTag, status: info.status }, 'id not accepted');
      return outcome('rejected', `not authorized (${info.status})`, info.status);
    }
    // §5.13: the card's group from its idTagInfo (local list, cache or Authorize.conf).
    const admission = this.d.reservations.admit(idTag, info.parentIdTag);
    if (!admission.ok) return this.notReserved(idTag, admission.why, info.status);
    this.d.cable.retryAfterFault();
    if (!this.canStartSession()) return outcome('rejected', this.whyNoStart(), info.status);
    if (admission.reservationId !== null) this.d.reservations.claim(admission.reservationId);
    const r = await this.authorized({ idTag, info, remoteStartId: null, reservationId: admission.reservationId });
    return outcome(r, r === 'rejected' ? 'authorized, but the transaction could not start (lock, RCD self-test, meter or storage: see the log)' : null, info.status);
  }

  private notReserved(idTag: string, why: string, status: string | null): IdTagOutcome {
    this.d.log.info({ evse: this.d.evseId, idTag, why }, 'id refused: reserved');
    return outcome('rejected', why, status);
  }

  private whyNoStart(): string {
    return whyNoStart({
      stopped: this.d.evse.stopped(),
      recovering: this.recovering,
      operative: this.d.evse.operative(),
      pendingInoperative: this.d.evse.pendingInoperative(),
      blockingFaults: this.d.faults.list().filter((f) => f.blocking).map((f) => (f.info ? `${f.errorCode} (${f.info})` : f.errorCode)),
      transaction: this.tx !== null,
      starting: this.startingNow,
    });
  }

  /** The CSMS asked for a start (authorization already decided by the caller per AuthorizeRemoteTxRequests). */
  remoteStart(idTag: string, info: IdTokenInfo, remoteStartId: number | null): boolean {
    if (!this.canStartSession() || this.tx || this.startingNow) return false;
    const reserved = this.d.reservations.any();
    const admission = reserved ? this.d.reservations.admit(idTag, info.parentIdTag ?? this.d.authorizer.known(idTag)?.parentIdTag) : ({ ok: true, reservationId: null } as const);
    if (!admission.ok) {
      this.d.log.info({ evse: this.d.evseId, idTag, why: admission.why }, 'remote start refused: reserved');
      return false;
    }
    if (admission.reservationId !== null) this.d.reservations.claim(admission.reservationId);
    void this.authorized({ idTag, info, remoteStartId, reservationId: admission.reservationId });
    return true;
  }

  /** Whether a card (or a remote start) with this idTag may start here as far as reservations go. */
  admits(idTag: string, parentIdTag?: string | null): boolean {
    if (!this.d.reservations.any()) return true;
    return this.d.reservations.admit(idTag, parentIdTag ?? this.d.authorizer.known(idTag)?.parentIdTag).ok;
  }

  canStartSession(opts: { despiteLockFault?: boolean } = {}): boolean {
    const e = this.d.evse;
    const blocked = opts.despiteLockFault ? this.d.faults.list().some((f) => f.blocking && f.source !== 'lock') : this.d.faults.blocking();
    return !e.stopped() && !this.recovering && e.operative() && !e.pendingInoperative() && !blocked && !this.tx && !this.startingNow;
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

  /** No id waits for an EV any more (a fault, Inoperative, another authorization). */
  cancelAuthorization(): void {
    this.authorization = null;
    this.connectionTimeout.cancel();
  }

  private async authorized(a: Authorization): Promise<'started' | 'authorized' | 'rejected'> {
    this.cancelAuthorization();
    this.authorization = a;
    this.d.evse.setFinishing(false);
    if (this.startReached()) {
      const ok = await this.beginTransaction('Authorized');
      return ok ? 'started' : 'rejected';
    }
    this.armConnectionTimeout();
    this.d.evse.update();
    return 'authorized';
  }

  private armConnectionTimeout(): void {
    this.connectionTimeout.arm(() => {
      if (this.tx) return;
      if (this.authorization) {
        this.d.log.info({ evse: this.d.evseId }, 'no EV plugged in within ConnectionTimeOut: authorization dropped');
        this.authorization = null;
      } else if (this.d.evse.evPlugged()) {
        // Plugged but no id within ConnectionTimeOut: Finishing, so a later id cannot start on this cable (B6).
        this.d.log.info({ evse: this.d.evseId }, 'no id presented within ConnectionTimeOut');
        this.d.evse.setFinishing(true);
      }
      this.d.evse.update();
    });
  }

  // ------------------------------------------------------------------------------------------- the EV's side

  /** The EV was plugged in (pilot A → B): the start point may be reached now, else ConnectionTimeOut runs. */
  evConnected(): void {
    // The transaction that began at Authorized has its EV: its EVConnectionTimeOut is over.
    if (this.tx) this.connectionTimeout.cancel();
    if (this.startReached()) void this.beginTransaction('EVConnected');
    else if (!this.tx) this.armConnectionTimeout();
  }

  /** The EV was unplugged (pilot A): stop point EVConnected. */
  evDisconnected(): void {
    const tx = this.tx;
    if (tx && !tx.stopping) {
      if (endsTransaction(this.d.points(), 'EVConnected')) void this.stopTransaction('EVDisconnected');
      else this.d.log.info({ evse: this.d.evseId }, 'EV side disconnected: transaction continues (StopTransactionOnEVSideDisconnect=false)');
    }
    if (!tx && !this.authorization) this.connectionTimeout.cancel();
  }

  /** Free vend: the plug-in is the card, unless a session is already there or on its way. */
  presentAtPlugIn(idTag: string): void {
    if (this.tx || this.startingNow || this.authorization) return;
    void this.presentIdTag(idTag).then((outcome) => this.d.log.info({ evse: this.d.evseId, outcome }, 'free vend: idTag presented at plug-in'));
  }

  /** A blocking fault was announced: no id waits for the EV any more, and a running transaction stops. */
  blockingFault(f: EvseFault): void {
    this.cancelAuthorization();
    const tx = this.tx;
    if (tx && !tx.stopping) void this.stopTransaction(stopReasonFor(f));
  }

  // --------------------------------------------------------------------------------------------- the start

  /** The start and stop points that hold now; the others (tx-points.ts) are never observed here. */
  private holding(): Set<TxPoint> {
    const s = new Set<TxPoint>();
    if (this.authorization) s.add('Authorized');
    if (this.d.evse.evPlugged()) s.add('EVConnected');
    return s;
  }

  private startReached(): boolean {
    return startReached(this.d.points(), this.holding());
  }

  private async beginTransaction(startedBy: 'Authorized' | 'EVConnected'): Promise<boolean> {
    const a = this.authorization;
    if (!a || this.tx || this.startingNow) return false;
    this.startingNow = true;
    this.connectionTimeout.cancel();
    const f = this.d.faults;
    try {
      const lock = this.d.connector === 'socket' ? this.d.lock : null;
      if (lock) {
        try {
          await lock.lock();
          f.clear('lock');
        } catch (err) {
          f.raise({ source: 'lock', errorCode: 'ConnectorLockFailure', info: `lock failed: ${(err as Error).message}`, blocking: true });
          this.authorization = null;
          return false;
        }
      }
      if (!(await rcdSelfTest(this.d.rcd, (active) => (this.selfTesting = active), (fault) => f.raise(fault)))) {
        this.authorization = null;
        return this.abandonStart(lock !== null);
      }
      const reading = await this.d.meter.read();
      if (!reading || this.d.evse.stopped()) {
        // No meter, no record, no session: the user presents again once the EVSE can start.
        if (this.authorization === a) this.authorization = null;
        return this.abandonStart(lock !== null);
      }
      if (!this.startReached() || f.blocking() || !this.d.evse.operative() || this.authorization !== a) {
        this.d.log.info({ evse: this.d.evseId }, 'start abandoned: conditions changed while preparing');
        if (this.authorization === a) {
          // An EV that left while preparing may come back within ConnectionTimeOut, as before a first plug; any
          // other change ends the authorization. Never one left without a timer (a later EV would start on it).
          if (!this.d.evse.evPlugged() && !f.blocking() && this.d.evse.operative() && this.d.settings.get('connectionTimeOutS') > 0) this.armConnectionTimeout();
          else this.authorization = null;
        }
        return this.abandonStart(lock !== null);
      }
      // A stop that storage refused goes into the queue before this start, or this start does not happen.
      if (!this.d.pending.flush()) {
        this.d.storage.failed('an earlier stop is not recorded yet', null);
        this.authorization = null;
        return this.abandonStart(lock !== null);
      }
      const timestamp = this.d.clock.now().toISOString();
      // A reservation that expired or was cancelled while the EV came is no longer named (nor ended) by this start.
      const reservationId = this.d.reservations.holding(a.reservationId);
      // Committed before any energy can flow: the journal row and the start message (DESIGN "No energy without a record").
      const record = this.d.storage.begin({
        evseId: this.d.evseId,
        idTag: a.idTag,
        parentIdTag: a.info.parentIdTag ?? null,
        meterStartWh: reading.energyImportWh,
        timestamp,
        remoteStartId: a.remoteStartId,
        reservationId,
        authStatus: a.info.status,
        startedBy,
      });
      if (!record) {
        this.authorization = null;
        return this.abandonStart(lock !== null);
      }
      // The start message names it, so the CSMS learns it ended (§5.13): it ends with the journal row.
      if (reservationId !== null) this.d.reservations.used(reservationId);
      this.authorization = null;
      const phase = (): TxPhase => (this.tx !== tx ? 'gone' : tx.stopping ? 'stopping' : 'running');
      const tx: ActiveTransaction = {
        record,
        idTag: a.idTag,
        // A group named at start is known; an answer without one may be a stand-in (a remote start, an unknown
        // id accepted offline), so "none" waits for a real idTagInfo (list, cache, StartTransaction.conf).
        parentIdTag: a.info.parentIdTag,
        metering: new TxMetering(this.d, record, phase),
        stopping: null,
        invalidId: new InvalidIdEnergy(this.d, record, phase, () => {
          this.d.evse.applyOffer();
          this.d.evse.update();
        }),
      };
      this.tx = tx;
      tx.metering.start(makeSample(this.d, 'Transaction.Begin', reading, timestamp));
      this.d.evse.applyOffer();
      this.d.log.info({ evse: this.d.evseId, tx: record.localId, idTag: a.idTag, meterStartWh: reading.energyImportWh }, 'transaction started');
      this.d.events.emit('transactionStarted', record);
      if (!this.d.evse.evPlugged()) this.armEvConnectTimeout(tx);
      this.d.evse.update();
      return true;
    } finally {
      this.startingNow = false;
    }
  }

  /**
   * A transaction begun at Authorized before the EV (2.0.1 TxStartPoint Authorized) ends with reason Timeout when
   * no EV plugs in within EVConnectionTimeOut (E03.FR.05, C01.FR.26); 1.6's start points never get here.
   */
  private armEvConnectTimeout(tx: ActiveTransaction): void {
    this.connectionTimeout.arm(() => {
      if (this.tx !== tx || tx.stopping || this.d.evse.evPlugged()) return;
      this.d.log.info({ evse: this.d.evseId, tx: tx.record.localId }, 'no EV plugged in within EVConnectionTimeOut: transaction ended');
      void this.stopTransaction('Timeout');
    });
  }

  /** A start that did not happen releases the cable it locked; the next attempt locks it again. */
  private async abandonStart(locked: boolean): Promise<false> {
    if (locked && !this.d.evse.stopped()) await this.d.cable.release();
    this.d.evse.update();
    return false;
  }

  // ---------------------------------------------------------------------------------------------- the stop

  /** Stop the running transaction (no-op without one). Resolves when the stop is committed. */
  stopTransaction(reason: StopReason, stopIdTag: string | null = null): Promise<void> {
    const tx = this.tx;
    if (!tx) return Promise.resolve();
    if (!tx.stopping) tx.stopping = this.runStop(tx, reason, stopIdTag);
    return tx.stopping;
  }

  private async runStop(tx: ActiveTransaction, reason: StopReason, stopIdTag: string | null): Promise<void> {
    this.connectionTimeout.cancel();
    tx.metering.stop();
    tx.invalidId.stop();
    // A fault has already put the pilot in F; a normal stop switches PWM off (X1) and lets the EV react.
    if (!this.d.faults.blocking()) this.d.pilot.setOfferedCurrent(0);
    if (this.d.contactor.commandedClosed) await this.waitEvLeavesC();
    if (this.d.contactor.commandedClosed) this.d.evse.openContactor();
    const reading = (await this.d.meter.read()) ?? this.d.meter.last;
    const meterStopWh = Math.max(reading?.energyImportWh ?? tx.record.lastMeterWh, tx.record.lastMeterWh, tx.record.meterStartWh);
    const timestamp = this.d.clock.now().toISOString();
    if (reading) tx.metering.keepStopSample(makeSample(this.d, 'Transaction.End', reading, timestamp));
    const stop: TransactionStopArgs = { timestamp, meterStopWh, reason, stopIdTag, transactionData: tx.metering.samplesForStop() };
    const done = this.d.storage.end(tx.record, stop);
    this.d.log.info({ evse: this.d.evseId, tx: tx.record.localId, reason, meterStopWh, energyWh: meterStopWh - tx.record.meterStartWh }, 'transaction stopped');
    this.tx = null;
    this.d.evse.setFinishing(this.d.evse.evPlugged() || (this.d.connector === 'socket' && this.d.evse.cablePresent()));
    this.d.evse.transactionEnded();
    if (done) this.d.events.emit('transactionStopped', { ...tx.record, stoppedAt: timestamp, meterStopWh, stopReason: reason }, reason);
    this.d.evse.update();
    // The cable stays locked for its owner after a deauthorization (§4.8) and, with
    // UnlockConnectorOnEVSideDisconnect false, after an EV-side disconnect (§4.10): their card releases it.
    const keepLocked = reason === 'DeAuthorized' || (reason === 'EVDisconnected' && !this.d.settings.get('unlockConnectorOnEVSideDisconnect'));
    if (this.d.connector !== 'socket' || !this.d.lock) return;
    if (keepLocked) {
      this.d.cable.keepFor({ idTag: tx.idTag, parentIdTag: tx.parentIdTag });
      return;
    }
    await this.d.cable.release();
  }

  /** Resolves once the pilot is out of C/D, or after the IEC limit. */
  private waitEvLeavesC(): Promise<void> {
    return waitEvLeavesC(this.d.pilot, this.d.clock, () => this.d.log.warn({ evse: this.d.evseId }, 'EV did not leave state C within 6 s of PWM off: opening the contactor'));
  }

  // ------------------------------------------------------------------------------------------ shutdown, restart

  /** On the way down (SIGTERM, upgrade, reset): the journal takes the register, so a restart bills it. */
  async journalCurrentReading(waitMs: number): Promise<void> {
    const tx = this.tx;
    if (!tx || tx.stopping) return;
    const r = await this.d.meter.readWithin(waitMs);
    if (r) tx.metering.journalReading(r);
  }

  /** Close what a power loss left open (power-loss.ts); no new session until that is done. */
  async recover(open: TransactionRecord[]): Promise<void> {
    this.recovering = true;
    const reading = await this.d.meter.readWithin(RECOVERY_METER_WAIT_MS);
    if (this.d.evse.stopped()) return; // the agent stopped meanwhile: the next start recovers them
    const closed = closePowerLossTransactions(this.d, open, reading);
    this.recovering = false;
    if (closed.length) this.d.events.emit('recovered', closed);
    this.d.evse.update();
    if (!reading) this.d.meter.probe();
  }
}
