/**
 * Reservations of the station: one per EVSE at most, and any number for the station as a whole (evseId 0, "any
 * EVSE"), each until its expiry, for one idTag or its group. Version-neutral: 1.6 ReserveNow / CancelReservation
 * (profiles/ocpp16/reservation) and 2.0.1 H01-H04 both drive it; what a version may answer is decided there,
 * what a reservation is and how long it lives is decided here.
 *
 * Persisted as one JSON value in the settings table (key `reservations`), not in a table of its own: a station has
 * at most a handful (one per EVSE plus the station's), every change rewrites the set in one synchronous write, so a
 * restart finds exactly the set of the last answer the CSMS got, with no migration to number or to order against
 * other stores' migrations.
 *
 * One timer per station, armed at the earliest expiry and at most MAX_TIMER_MS ahead, so a wall clock corrected by
 * the CSMS (Heartbeat.conf, which may jump) is read again within that time.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import { Emitter } from '../../hal/emitter.js';
import type { SettingsStore } from '../../offline-queue/types.js';
import type { Logger } from '../log.js';
import { sameIdTag } from './owner.js';
import { RULES_16, type ReservationRules } from './reservation-rules.js';

export interface Reservation {
  /** The CSMS's reservation id (1.6 reservationId, 2.0.1 id). */
  id: number;
  /** The reserved EVSE; 0: any EVSE of the station. */
  evseId: number;
  idTag: string;
  /** 2.0.1 IdToken type; null for a 1.6 idTag. */
  idTagType: string | null;
  /** The group whose cards may also use it (1.6 parentIdTag, 2.0.1 groupIdToken); null: only idTag. */
  parentIdTag: string | null;
  /** ISO 8601. */
  expiryDate: string;
  /**
   * 2.0.1 connectorType of a reservation without EVSE: only EVSEs with that connector type serve it. Absent or
   * null: any EVSE (always so for 1.6, and for reservations stored before the field existed).
   */
  connectorType?: string | null;
}

/** Why a reservation ended: each version reports some of these (2.0.1 ReservationStatusUpdate: Expired, Removed). */
export type ReservationEnd = 'used' | 'cancelled' | 'expired' | 'replaced' | 'faulted' | 'unavailable';

export const RESERVATIONS_KEY = 'reservations';
/** The expiry timer is re-armed at least this often, so a jump of the wall clock is noticed. */
export const MAX_TIMER_MS = 60_000;

export interface ReservationsDeps {
  clock: Clock;
  store: SettingsStore;
  log: Logger;
  /** The set changed (evseId 0: a station reservation): the EVSE's status follows. */
  changed: (r: Reservation, why: ReservationEnd | 'made') => void;
}

/** Whether a card may use a reservation: its own idTag, or the reservation's group named in the card's idTagInfo. */
export function matches(r: Reservation, idTag: string, parentIdTag: string | null | undefined): boolean {
  if (sameIdTag(idTag, r.idTag)) return true;
  return r.parentIdTag !== null && typeof parentIdTag === 'string' && sameIdTag(parentIdTag, r.parentIdTag);
}

export type ReservationEvents = {
  /** After the set changed and was saved, and after the EVSEs' statuses followed (a profile reports ends from here). */
  changed: (r: Reservation, why: ReservationEnd | 'made') => void;
};

export class Reservations {
  readonly events = new Emitter<ReservationEvents>();
  private readonly byId = new Map<number, Reservation>();
  private currentRules: ReservationRules = RULES_16;
  private timer: TimerHandle | null = null;
  private running = false;

  constructor(private readonly d: ReservationsDeps) {
    const raw = d.store.getAll()[RESERVATIONS_KEY];
    if (raw === undefined) return;
    try {
      const list: unknown = JSON.parse(raw);
      if (!Array.isArray(list)) throw new Error('not a list');
      for (const r of list) if (isReservation(r)) this.byId.set(r.id, r);
    } catch (err) {
      // A value we cannot read holds no reservation we could honour; the next change rewrites it.
      d.log.warn({ err: (err as Error).message }, 'stored reservations unreadable: none kept');
    }
  }

  /** Drops what expired while the station was down (and reservations of EVSEs no longer configured), arms the timer. */
  start(evseIds: readonly number[]): void {
    this.running = true;
    for (const r of [...this.byId.values()]) {
      if (r.evseId !== 0 && !evseIds.includes(r.evseId)) {
        this.d.log.warn({ reservation: r.id, evse: r.evseId }, 'reservation of an EVSE no longer configured: dropped');
        this.byId.delete(r.id);
        this.save();
      }
    }
    this.expire();
  }

  /** What the station's version makes of reservations (reservation-rules.ts); set before the station starts. */
  setRules(rules: ReservationRules): void {
    this.currentRules = rules;
  }

  get rules(): ReservationRules {
    return this.currentRules;
  }

  stop(): void {
    this.running = false;
    this.d.clock.clear(this.timer);
    this.timer = null;
  }

  list(): Reservation[] {
    return [...this.byId.values()].sort((a, b) => a.evseId - b.evseId || a.id - b.id);
  }

  get(id: number): Reservation | undefined {
    return this.byId.get(id);
  }

  /** The reservation of one EVSE (not the station's). */
  forEvse(evseId: number): Reservation | undefined {
    for (const r of this.byId.values()) if (r.evseId === evseId && evseId !== 0) return r;
    return undefined;
  }

  /** The station's reservations (evseId 0), oldest expiry first. */
  station(): Reservation[] {
    return this.list().filter((r) => r.evseId === 0).sort((a, b) => Date.parse(a.expiryDate) - Date.parse(b.expiryDate));
  }

  /** Whether the expiry is still ahead on the station's clock. */
  isFuture(expiryDate: string): boolean {
    return Date.parse(expiryDate) > this.d.clock.now().getTime();
  }

  /** Store `r`; one of the same id is replaced (both versions: same id, new reservation). The caller checked the EVSE. */
  put(r: Reservation): void {
    const old = this.byId.get(r.id);
    this.byId.delete(r.id);
    this.byId.set(r.id, { ...r });
    this.save();
    this.d.log.info({ reservation: r.id, evse: r.evseId, expiryDate: r.expiryDate, replaced: old !== undefined }, 'reservation made');
    if (old && old.evseId !== r.evseId) this.notify(old, 'replaced');
    this.notify(r, 'made');
    this.arm();
  }

  /** End a reservation; false when there is none of that id. */
  remove(id: number, why: ReservationEnd): boolean {
    const r = this.byId.get(id);
    if (!r) return false;
    this.byId.delete(id);
    this.save();
    this.d.log.info({ reservation: id, evse: r.evseId, why }, 'reservation ended');
    this.notify(r, why);
    this.arm();
    return true;
  }

  private notify(r: Reservation, why: ReservationEnd | 'made'): void {
    this.d.changed(r, why);
    this.events.emit('changed', r, why);
  }

  private save(): void {
    this.d.store.set(RESERVATIONS_KEY, JSON.stringify([...this.byId.values()]));
  }

  private expire(): void {
    const now = this.d.clock.now().getTime();
    for (const r of [...this.byId.values()]) if (Date.parse(r.expiryDate) <= now) this.remove(r.id, 'expired');
    this.arm();
  }

  private arm(): void {
    this.d.clock.clear(this.timer);
    this.timer = null;
    if (!this.running || this.byId.size === 0) return;
    const next = Math.min(...[...this.byId.values()].map((r) => Date.parse(r.expiryDate)));
    const wait = Math.max(0, Math.min(MAX_TIMER_MS, next - this.d.clock.now().getTime()));
    this.timer = this.d.clock.setTimeout(() => {
      this.timer = null;
      this.expire();
    }, wait);
  }
}

function isReservation(v: unknown): v is Reservation {
  const r = v as Partial<Reservation> | null;
  return (
    typeof r === 'object' && r !== null &&
    Number.isInteger(r.id) && Number.isInteger(r.evseId) && typeof r.idTag === 'string' &&
    (r.idTagType === null || typeof r.idTagType === 'string') && (r.parentIdTag === null || typeof r.parentIdTag === 'string') &&
    (r.connectorType === undefined || r.connectorType === null || typeof r.connectorType === 'string') &&
    typeof r.expiryDate === 'string' && !Number.isNaN(Date.parse(r.expiryDate))
  );
}
