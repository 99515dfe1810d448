/**
 * The station's charging profiles: the installed ProfileSet (persisted in the store's settings table), the
 * limit each EVSE's pilot follows, and the one timer that recomputes it at the next period boundary.
 * Version-neutral: the protocol profiles map their messages onto install / clear / composite; the engine
 * (agent/smart-charging) does the arithmetic.
 *
 * Transactions are named by their station-local id (TransactionRecord.localId): the CSMS's id is not known
 * until StartTransaction is answered, and a RemoteStart's TxProfile must bind the moment the transaction begins.
 * Protocol handlers translate a CSMS transaction id to the local one.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Logger } from '../log.js';
import type { SettingsStore } from '../../offline-queue/types.js';
import { compositeSchedule, limitAt, type CompositeSchedule, type EffectiveProfileLimit } from '../smart-charging/composite.js';
import { ProfileSet, type ClearCriteria, type DuplicatePolicy } from '../smart-charging/profile-set.js';
import type { ChargingProfile, ChargingRateUnit, EvseElectrical, StationEvse, TransactionRef } from '../smart-charging/types.js';
import { validateProfile, type ValidationLimits, type Verdict } from '../smart-charging/validate.js';

export const PROFILES_KEY = 'smartCharging.profiles';

/** What this station supports; the protocol profiles report them as their keys / variables. */
export const STATION_PROFILE_LIMITS: Readonly<ValidationLimits> & { phaseSwitching: boolean } = {
  maxStackLevel: 8,
  maxPeriods: 50,
  allowedUnits: ['A', 'W'],
  maxInstalled: 20,
  maxSchedules: 1,
  // The simulated and Linux boards switch no phases: a 3-phase EVSE cannot be limited to one.
  phaseSwitching: false,
};

/**
 * A wall clock that jumps (a CSMS time correction) would leave a long timer late: the boundary timer never
 * waits longer than this before looking again.
 */
export const MAX_TIMER_WAIT_MS = 15 * 60_000;

/** What a protocol profile may set differently from 1.6's rules (2.0.1: its device-model limits, 'reject', strict start). */
export interface ValidateOptions {
  /** That EVSE counts as having a transaction (a remote start's TxProfile belongs to the transaction about to start). */
  pendingTransactionOn?: number;
  limits?: ValidationLimits;
  phaseSwitching?: boolean;
  duplicates?: DuplicatePolicy;
  strictStartSchedule?: boolean;
}

export interface ProfiledEvse extends EvseElectrical {
  id: number;
  /** The running transaction (local id and start), or null. */
  transaction(): TransactionRef | null;
  /** Re-apply the offer (Evse.limitsChanged). */
  limitsChanged(): void;
}

export interface ProfileLimit {
  limitA: number;
  profileId: number;
}

export interface ChargingProfilesDeps {
  clock: Clock;
  log: Logger;
  persisted: SettingsStore;
}

export class ChargingProfiles {
  private set = new ProfileSet();
  private evses: ProfiledEvse[] = [];
  private readonly current = new Map<number, EffectiveProfileLimit>();
  private timer: TimerHandle | null = null;
  private nextAt: Date | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly d: ChargingProfilesDeps) {}

  /** Loads what was persisted; Tx profiles of transactions that no longer run are dropped. */
  start(evses: ProfiledEvse[]): void {
    this.evses = evses;
    const raw = this.d.persisted.getAll()[PROFILES_KEY];
    if (raw !== undefined) {
      try {
        this.set = ProfileSet.fromJSON(JSON.parse(raw));
      } catch (err) {
        // A corrupt value must not keep the station from charging: it runs on the EVSEs' ratings instead.
        this.d.log.error({ key: PROFILES_KEY, err: (err as Error).message }, 'stored charging profiles unreadable: dropped');
        this.set = new ProfileSet();
        this.d.persisted.delete(PROFILES_KEY);
      }
    }
    const running = new Set(evses.map((e) => e.transaction()?.id).filter((id): id is string => id !== undefined));
    const stale = this.set.all().filter((p) => p.purpose === 'Tx' && (p.transactionId === undefined || !running.has(p.transactionId)));
    for (const p of stale) this.set.clear({ id: p.id });
    const expired = this.set.prune(this.d.clock.now());
    if (stale.length || expired.length) this.persist();
    this.recompute();
  }

  stop(): void {
    this.d.clock.clear(this.timer);
    this.timer = null;
    this.listeners.clear();
    this.evses = [];
    this.current.clear();
  }

  /** Told after every change of the installed set (for publishers, chargerctl watchers). */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  all(): ChargingProfile[] {
    return this.set.all();
  }

  /** Why `profile` cannot be installed, or what it replaces; 1.6's rules unless `opts` says otherwise. */
  validate(profile: ChargingProfile, opts: ValidateOptions = {}): Verdict {
    const phaseSwitching = opts.phaseSwitching ?? STATION_PROFILE_LIMITS.phaseSwitching;
    return validateProfile(profile, {
      installed: this.set.all(),
      evses: this.evses.map((e) => {
        const txId = e.id === opts.pendingTransactionOn ? '(starting)' : e.transaction()?.id;
        return { id: e.id, phases: e.phases, phaseSwitching, ...(txId !== undefined ? { transactionId: txId } : {}) };
      }),
      limits: opts.limits ?? STATION_PROFILE_LIMITS,
      duplicates: opts.duplicates ?? 'replace',
      ...(opts.strictStartSchedule ? { strictStartSchedule: true } : {}),
    });
  }

  /**
   * Installs a validated profile (validate() first, with the same policy) and applies it at once. Returns what it
   * replaced. 'reject' (2.0.1) replaces by id only: validate() already refused a clashing slot.
   */
  install(profile: ChargingProfile, policy: DuplicatePolicy = 'replace'): ChargingProfile[] {
    const replaced = this.set.install(profile, policy);
    this.changed();
    return replaced;
  }

  clear(criteria: ClearCriteria): ChargingProfile[] {
    const gone = this.set.clear(criteria);
    if (gone.length) this.changed();
    return gone;
  }

  /** A transaction began on an EVSE: unbound Tx profiles (RemoteStart's) become its own; Relative ones start now. */
  transactionStarted(evseId: number, transactionId: string): void {
    const bound = this.set.transactionStarted(evseId, transactionId);
    if (bound.length) this.changed();
    else this.recompute();
  }

  /** Its Tx profiles end with it. */
  transactionEnded(evseId: number, transactionId: string): void {
    const gone = this.set.transactionEnded(evseId, transactionId);
    if (gone.length) this.changed();
    else this.recompute();
  }

  /**
   * The EVSE is Available again without a transaction: a RemoteStart's TxProfile that never found its transaction
   * (ConnectionTimeOut, EV never plugged) goes, so a later session does not inherit it.
   */
  sessionAbandoned(evseId: number): void {
    const unbound = this.set.all().filter((p) => p.purpose === 'Tx' && p.evseId === evseId && p.transactionId === undefined);
    if (unbound.length === 0) return;
    for (const p of unbound) this.set.clear({ id: p.id });
    this.changed();
  }

  /** The profile limit of an EVSE now, or null where no profile sets one (its rating does). */
  limitFor(evseId: number): ProfileLimit | null {
    const l = this.current.get(evseId);
    return l && l.limitingProfileId !== null ? { limitA: l.limitA, profileId: l.limitingProfileId } : null;
  }

  /** The composite schedule from now: an EVSE's, or (0) the station's total. Throws for an unknown EVSE. */
  composite(evseId: number, durationS: number, unit: ChargingRateUnit, extra: readonly ChargingProfile[] = []): CompositeSchedule {
    // Whole seconds: every startPeriod is then an integer offset (the wire's type).
    const start = new Date(Math.floor(this.d.clock.now().getTime() / 1000) * 1000);
    // `extra`: limits the station holds outside the set (2.0.1 reports the external limit as ExternalConstraints).
    const profiles = extra.length ? [...this.set.all(), ...extra] : this.set.all();
    if (evseId === 0) {
      const evses: StationEvse[] = this.evses.map((e) => {
        const tx = e.transaction();
        return { id: e.id, nominalVoltageV: e.nominalVoltageV, phases: e.phases, maxCurrentA: e.maxCurrentA, ...(tx ? { transaction: tx } : {}) };
      });
      return compositeSchedule({ profiles, evseId: 0, start, durationS, unit, evse: this.connection(), evses });
    }
    const e = this.evses.find((x) => x.id === evseId);
    if (!e) throw new RangeError(`evseId: no EVSE ${evseId}`);
    const tx = e.transaction();
    return compositeSchedule({ profiles, evseId, start, durationS, unit, evse: e, ...(tx ? { transaction: tx } : {}) });
  }

  /** Armed timers (0 or 1): there is never more than one per station. */
  timersArmed(): number {
    return this.timer ? 1 : 0;
  }

  /** When the boundary timer fires next (wall time), or null. */
  nextRecomputeAt(): Date | null {
    return this.nextAt;
  }

  /**
   * The grid connection as the engine sees it for EVSE 0: no site rating is configured, so the EVSEs' ratings
   * added up (the engine assumes no EVSE is rated above its connection).
   */
  private connection(): EvseElectrical {
    const first = this.evses[0];
    return {
      nominalVoltageV: first?.nominalVoltageV ?? 230,
      phases: Math.max(1, ...this.evses.map((e) => e.phases)),
      maxCurrentA: this.evses.reduce((s, e) => s + e.maxCurrentA, 0),
    };
  }

  private changed(): void {
    this.persist();
    this.recompute();
    for (const fn of this.listeners) fn();
  }

  private persist(): void {
    try {
      if (this.set.size === 0) this.d.persisted.delete(PROFILES_KEY);
      else this.d.persisted.set(PROFILES_KEY, JSON.stringify(this.set.toJSON()));
    } catch (err) {
      // The profile still applies until a restart; the CSMS sets it again after the boot if it must.
      this.d.log.error({ key: PROFILES_KEY, err: (err as Error).message }, 'charging profiles not persisted');
    }
  }

  /** Each EVSE's limit now; those that changed re-apply their offer; the one timer is re-armed. */
  private recompute(): void {
    const now = this.d.clock.now();
    if (this.set.prune(now).length) this.persist();
    const profiles = this.set.all();
    let next = Infinity;
    for (const e of this.evses) {
      const tx = e.transaction();
      const l = limitAt({ profiles, evseId: e.id, at: now, evse: e, ...(tx ? { transaction: tx } : {}) });
      const before = this.current.get(e.id);
      this.current.set(e.id, l);
      if (l.nextBoundaryAt) next = Math.min(next, l.nextBoundaryAt.getTime());
      if (!before || before.limitA !== l.limitA || before.limitingProfileId !== l.limitingProfileId) e.limitsChanged();
    }
    for (const p of profiles) if (p.validTo && p.validTo.getTime() > now.getTime()) next = Math.min(next, p.validTo.getTime());
    this.arm(next === Infinity ? null : next, now.getTime());
  }

  private arm(at: number | null, now: number): void {
    this.d.clock.clear(this.timer);
    this.timer = null;
    this.nextAt = at === null ? null : new Date(at);
    if (at === null) return;
    const wait = Math.min(Math.max(0, at - now), MAX_TIMER_WAIT_MS);
    this.timer = this.d.clock.setTimeout(() => {
      this.timer = null;
      this.recompute();
    }, wait);
  }
}
