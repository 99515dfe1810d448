/**
 * One EVSE: the composition of its parts, its inputs (pilot, cable, reader and safety events → handlers), its
 * status, its availability and the current it offers.
 *
 * Split along its concerns (issue 9) so that each part reads and tests alone: the session and the life of its
 * transaction are session.ts, behind SessionPort (the few things it reads of this class and has it do), and when
 * a transaction begins and ends is a value (tx-points.ts; 1.6's pair is handed in below); the fault set and its
 * announcement are evse-faults.ts; the safety reactions, which open the contactor before anything here runs, are
 * safety.ts. What stays here is what every part reads or drives: availability, the status derived from all of
 * them, and the offer to the pilot.
 */
import type { CpState } from '../../hal/types.js';
import { Emitter } from '../../hal/emitter.js';
import type { TransactionRecord } from '../../offline-queue/index.js';
import { PendingWrites } from './pending-writes.js';
import { attachSafety, checkAtStartUp, openContactorOrFault, waitEvLeavesC } from './safety.js';
import { deriveStatus, transitionCode } from './status.js';
import type { EvseErrorCode, EvseFault, EvseStatus, IdTokenInfo, MeterSample, ReadingContext, StopReason } from './types.js';
import type { EvseConfig, EvseDeps, EvseEvents } from './evse-types.js';
import { EvseFaults, type FaultReactions } from './evse-faults.js';
import { CableLock } from './cable-lock.js';
import { TxRecords } from './tx-records.js';
import { EvseMeter } from './evse-meter.js';
import { makeSample } from './tx-metering.js';
import type { IdTagResult } from './id-tag-outcome.js';
import { effectiveLimit, NOMINAL_VOLTAGE_V, type EffectiveLimit } from './external-limit.js';
import { Session, type SessionPort } from './session.js';
import { NO_RESERVATIONS, type ReservationPort } from './reservation-gate.js';
import type { Reservation } from './reservations.js';
import { ocpp16TxPoints } from './tx-points.js';

export { EV_LEAVE_C_TIMEOUT_MS } from './safety.js';
export { STORAGE_RETRY_MS } from './pending-writes.js';
export { METER_RETRY_MS, METER_WATCH_MS } from './evse-meter.js';
export { JOURNAL_READING_MS } from './tx-metering.js';
export { INVALID_ID_ENERGY_CHECK_MS } from './invalid-id-energy.js';
export { RECOVERY_METER_WAIT_MS } from './power-loss.js';
export type { EvseConfig, EvseDeps, EvseEvents, EvseFaultEvent, EvseStatusEvent } from './evse-types.js';

export class Evse {
  readonly events = new Emitter<EvseEvents>();
  readonly id: number;
  private status: EvseStatus = 'Available';
  private lastError: EvseErrorCode = 'NoError';
  private readonly faults: EvseFaults;
  private operative = true;
  private pendingInoperative = false;
  private readonly reservations: ReservationPort;
  private finishing = false;
  private readonly meter: EvseMeter;
  private readonly session: Session;
  private detachSafety: (() => void) | null = null;
  private readonly offs: (() => void)[] = [];
  private stopped = false;
  private readonly pending: PendingWrites;
  private readonly cable: CableLock;

  constructor(
    private readonly cfg: EvseConfig,
    private readonly d: EvseDeps,
  ) {
    const { hw, clock, log } = d;
    this.id = cfg.id;
    this.pending = d.pending ?? new PendingWrites(clock);
    this.reservations = d.reservations ?? NO_RESERVATIONS;
    const meterFault = { held: () => this.faults.has('meter'), clear: () => this.faults.clear('meter') };
    this.meter = new EvseMeter({ meter: hw.meter, clock, log, evseId: cfg.id, fault: meterFault });
    const react: FaultReactions = {
      blocking: (f) => {
        const tx = this.session.active;
        this.session.blockingFault(f);
        // Pilot and ventilation faults chose their pilot output in safety.ts (PWM off, so the EV stays readable).
        if (!tx && f.source !== 'pilot' && f.source !== 'ventilation') hw.pilot.setFault();
      },
      unblocked: () => hw.pilot.setOfferedCurrent(this.offerA()),
      update: () => this.update(),
    };
    // Memory only (no store read): this runs in the announcing call stack, after the safety reaction. A part may
    // raise a fault while this constructor still runs, before the session exists.
    const changed = (fault: EvseFault, active: boolean) =>
      this.events.emit('fault', { evseId: cfg.id, fault, active, anyActive: this.faults.list().length > 0, transactionLocalId: (this.session as Session | undefined)?.active?.record.localId ?? null, timestamp: clock.now().toISOString() });
    const faults = (this.faults = new EvseFaults({ log, evseId: cfg.id, meter: this.meter, react, changed }));
    const stopped = (rec: TransactionRecord, reason: StopReason) => this.events.emit('transactionStopped', rec, reason);
    const storage = new TxRecords({ pending: this.pending, ledger: d.ledger, log, evseId: cfg.id, faults, stopped });
    this.cable = new CableLock({ lock: hw.lock, log, evseId: cfg.id, faults, busy: () => this.session.active !== null || this.session.starting });
    const evse: SessionPort = {
      evPlugged: () => this.evPlugged(),
      cablePresent: () => this.cablePresent(),
      operative: () => this.operative,
      pendingInoperative: () => this.pendingInoperative,
      stopped: () => this.stopped,
      applyOffer: () => this.applyOffer(),
      openContactor: () => this.openContactor(),
      update: () => this.update(),
      setFinishing: (on) => (this.finishing = on),
      transactionEnded: () => {
        if (!this.pendingInoperative) return;
        this.pendingInoperative = false;
        this.operative = false;
      },
    };
    const rating = { maxCurrentA: cfg.maxCurrentA, phases: cfg.phases };
    const parts = { evseId: cfg.id, clock, log, settings: d.settings, ledger: d.ledger, meter: this.meter, pilot: hw.pilot, storage, rating };
    // The profile's start and stop points (2.0.1 TxStartPoint / TxStopPoint), else OCPP 1.6's fixed pair.
    const points = d.txPoints ?? (() => ocpp16TxPoints(d.settings.get('stopTransactionOnEVSideDisconnect')));
    const { contactor, lock, rcd } = hw;
    this.session = new Session({ ...parts, connector: cfg.connector, contactor, lock, rcd, authorizer: d.authorizer, events: this.events, faults, cable: this.cable, pending: this.pending, evse, points, reservations: this.reservations });
  }

  // ---------------------------------------------------------------------------------------------- lifecycle

  /** `unfinished`: this EVSE's transactions a power loss left open, closed before any new session. */
  start(opts: { operative: boolean; unfinished?: TransactionRecord[] }): void {
    this.operative = opts.operative;
    this.detachSafety = attachSafety(
      this.d.hw,
      {
        noteFault: (f) => this.faults.note(f),
        onFault: (f) => this.faults.announce(f),
        onFaultCleared: (source) => this.faults.clear(source),
        onPilot: (state, previous) => this.onPilot(state, previous),
        rcdSelfTestActive: () => this.session.rcdSelfTesting,
      },
      { ventilation: this.cfg.ventilation === true, meterFaultStops: this.cfg.meterFaultAction === 'stop' },
    );
    if (this.d.hw.proximity) this.offs.push(this.d.hw.proximity.events.on('change', () => this.onCable()));
    const reader = this.d.hw.reader;
    if (reader) {
      this.offs.push(reader.events.on('tag', (idTag) => void this.presentIdTag(idTag)));
      // A reader that cannot read is a warning to the CSMS (ReaderFailure), never a reason to stop charging.
      const readerFault = (reason: string): void => this.faults.raise({ source: 'reader', errorCode: 'ReaderFailure', info: `reader: ${reason}`, blocking: false });
      this.offs.push(reader.events.on('fault', readerFault));
      this.offs.push(reader.events.on('recovered', () => this.faults.clear('reader')));
      if (reader.fault !== null) readerFault(reader.fault);
    }
    checkAtStartUp(this.d.hw, { raise: (f) => this.faults.raise(f), openContactor: () => this.openContactor() });
    // After a restart an EV that is still plugged in shows Preparing; no transaction is resumed.
    this.finishing = false;
    this.update();
    // A meter that does not answer is reported now, not at the first session.
    if (opts.unfinished?.length) void this.session.recover(opts.unfinished);
    else this.meter.probe();
  }

  stop(): void {
    this.stopped = true;
    this.session.stop();
    this.meter.stop();
    if (!this.d.pending) this.pending.stop();
    this.detachSafety?.();
    this.offs.splice(0).forEach((off) => off());
  }

  // ------------------------------------------------------------------------------------------------ queries

  snapshot() {
    const tx = this.session.active;
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
      ...(limit.profileId !== undefined ? { limitProfileId: limit.profileId } : {}),
      cablePresent: this.cablePresent(),
      operative: this.operative,
      pendingInoperative: this.pendingInoperative,
      faults: this.faults.list(),
      reservation: reservationView(this.reservations.own()),
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
    const tx = this.session.active;
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
    const tx = this.session.active;
    return tx && !tx.stopping ? Date.parse(tx.record.startedAt) : null;
  }

  /** What the EV draws, A per phase (the highest phase), from the last reading; null when the meter gives neither
   * currents nor power. For the site share's reallocation. */
  drawA(): number | null {
    const r = this.meter.last;
    if (!r) return null;
    const phases = Object.values(r.currentA ?? {}).filter((a): a is number => typeof a === 'number');
    if (phases.length > 0) return Math.max(...phases);
    if (typeof r.powerW === 'number') return r.powerW / ((this.cfg.nominalVoltageV ?? NOMINAL_VOLTAGE_V) * this.cfg.phases);
    return null;
  }

  /** A limit changed: the pilot follows at once; a zero offer runs the IEC stop of energy in applyOffer. */
  limitsChanged(): void {
    const tx = this.session.active;
    if (this.stopped || !tx || tx.stopping || this.hasBlockingFault()) return;
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
  presentIdTag(idTag: string): Promise<IdTagResult> {
    return this.session.presentIdTag(idTag);
  }

  /** The CSMS asked for a start (authorization already decided by the caller per AuthorizeRemoteTxRequests). */
  remoteStart(idTag: string, info: IdTokenInfo, remoteStartId: number | null): boolean {
    return this.session.remoteStart(idTag, info, remoteStartId);
  }

  canStartSession(opts: { despiteLockFault?: boolean } = {}): boolean {
    return this.session.canStartSession(opts);
  }

  /** Whether reservations let this idTag start here (its own reservation, or a free EVSE left for the station's). */
  admits(idTag: string, parentIdTag?: string | null): boolean {
    return this.session.admits(idTag, parentIdTag);
  }

  /** Its reservation was made or ended: Reserved or not. */
  reservationChanged(): void {
    this.update();
  }

  /** Stop the running transaction (no-op without one). Resolves when the stop is committed. */
  stopTransaction(reason: StopReason, stopIdTag: string | null = null): Promise<void> {
    return this.session.stopTransaction(reason, stopIdTag);
  }

  /** The CSMS's idTagInfo for the owner of a running transaction (StartTransaction.conf, whatever its status). */
  transactionAuthorization(localId: string, info: IdTokenInfo): void {
    this.session.transactionAuthorization(localId, info);
  }

  /** On the way down (SIGTERM, upgrade, reset): the journal takes the register, so a restart bills it. */
  journalCurrentReading(waitMs: number): Promise<void> {
    return this.session.journalCurrentReading(waitMs);
  }

  /** ChangeAvailability. Returns 'Scheduled' when a transaction runs. */
  setAvailability(operative: boolean): 'Accepted' | 'Scheduled' {
    if (operative) {
      this.operative = true;
      this.pendingInoperative = false;
      this.update();
      return 'Accepted';
    }
    if (this.session.active) {
      this.pendingInoperative = true;
      return 'Scheduled';
    }
    this.operative = false;
    this.session.cancelAuthorization();
    this.update();
    return 'Accepted';
  }

  /** An id no longer waits for the EV here (a reset of this EVSE alone); a running transaction is not touched. */
  cancelAuthorization(): void {
    this.session.cancelAuthorization();
    this.update();
  }

  /** UnlockConnector: stop a running transaction first, then release the cable. */
  async unlock(): Promise<'Unlocked' | 'UnlockFailed' | 'NotSupported'> {
    const lock = this.d.hw.lock;
    if (!lock || this.cfg.connector === 'cable') return 'NotSupported';
    if (this.session.active) await this.stopTransaction('UnlockCommand');
    return (await this.cable.release()) ? 'Unlocked' : 'UnlockFailed';
  }

  /** Take one sample now (clock-aligned or triggered). */
  async sample(context: ReadingContext): Promise<void> {
    const s = await this.readSample(context);
    if (!s) return;
    const tx = this.session.active;
    if (tx && !tx.stopping) tx.metering.sampleTaken(s);
    else this.events.emit('idleSample', this.id, [s]);
  }

  /**
   * The meter now, as a sample that goes nowhere by itself: for a message that is not the transaction's (2.0.1
   * TriggerMessage(MeterValues) is a MeterValuesRequest even while a transaction runs). Null when the meter is silent.
   */
  async readSample(context: ReadingContext): Promise<MeterSample | null> {
    const reading = await this.meter.read();
    return reading ? makeSample({ clock: this.d.clock, pilot: this.d.hw.pilot }, context, reading) : null;
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

  /** Resolves once the pilot is out of C/D, or after the IEC limit. */
  private waitEvLeavesC(): Promise<void> {
    return waitEvLeavesC(this.d.hw.pilot, this.d.clock, () => this.d.log.warn({ evse: this.id }, 'EV did not leave state C within 6 s of PWM off: opening the contactor'));
  }

  /** The current the pilot should offer now. */
  private offerA(): number {
    const tx = this.session.active;
    if (!tx || tx.stopping || tx.invalidId.suspended || this.hasBlockingFault()) return 0;
    return this.limit().offerA;
  }

  private applyOffer(): void {
    if (this.hasBlockingFault()) return; // the pilot stays in F until the fault clears
    const a = this.offerA();
    this.d.hw.pilot.setOfferedCurrent(a);
    if (a === 0 && this.d.hw.contactor.commandedClosed && !this.session.active?.stopping) {
      // Without an offer the EV must stop within 3 s; a running stop sequence handles its own wait.
      void this.waitEvLeavesC().then(() => {
        if (this.offerA() === 0 && this.d.hw.contactor.commandedClosed) this.openContactor();
        this.update();
      });
    }
  }

  private onPilot(state: CpState, previous: CpState): void {
    if (this.stopped) return;
    const tx = this.session.active;
    if (state === 'A') {
      this.session.evDisconnected();
      if (!tx && this.cfg.connector === 'cable') this.finishing = false;
    } else if (state === 'B' && previous === 'A') {
      this.finishing = false;
      this.cable.retryAfterFault();
      this.session.evConnected();
    } else if (state === 'C' || state === 'D') {
      if (tx && !tx.stopping && this.offerA() > 0 && !this.hasBlockingFault() && !this.d.hw.contactor.commandedClosed) {
        this.d.hw.contactor.close();
      }
    }
    // Free vend: the plug-in is the card. Only on a plug-in, so a session stopped by the CSMS or the EV is not
    // started again while the same EV stays plugged in.
    const freeVend = this.cfg.freeVend;
    if (freeVend && previous === 'A' && (state === 'B' || state === 'C' || state === 'D')) this.session.presentAtPlugIn(freeVend);
    this.update();
  }

  private onCable(): void {
    if (!this.cablePresent()) this.cable.forget();
    else this.cable.retryAfterFault();
    if (!this.cablePresent() && !this.session.active && !this.evPlugged()) this.finishing = false;
    this.update();
  }

  /** A relay driver that throws leaves the relay state unknown: a fault, and the pilot tells the EV to stop. */
  private openContactor(): void {
    const failed = openContactorOrFault(this.d.hw.contactor);
    if (!failed) return;
    this.faults.note(failed);
    this.d.hw.pilot.setFault();
    this.faults.announce(failed);
  }

  /** The status's info text: the fault, or §4.10's note when the EV left but the transaction goes on. */
  private statusInfo(): string | null {
    const f = this.faults.info();
    if (f) return f;
    const tx = this.session.active;
    return tx && !tx.stopping && this.d.hw.pilot.state === 'A' ? 'EV side disconnected' : null;
  }

  /** Recompute the status and announce a change. */
  private update(): void {
    if (this.stopped) return;
    const tx = this.session.active;
    // A stop in progress goes straight from the running status to Finishing/Available (C6/C1), not through
    // SuspendedEV while the EV reacts to PWM off; a fault still shows at once.
    if (tx?.stopping && !this.hasBlockingFault()) return;
    const status = deriveStatus({
      faulted: this.hasBlockingFault(),
      operative: this.operative,
      reserved: this.reservations.own() !== undefined,
      pilot: this.d.hw.pilot.state,
      cablePresent: this.cablePresent(),
      transactionRunning: tx !== null,
      authorizedWaiting: this.session.authorizedWaiting,
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

function reservationView(r: Reservation | undefined) {
  return r ? { id: r.id, idTag: r.idTag, parentIdTag: r.parentIdTag, expiryDate: r.expiryDate } : null;
}
