/**
 * The rules around reservations (reservations.ts holds them): which answer a new reservation gets from the
 * EVSEs' state, and who may start a session while reservations exist. Version-neutral: 1.6 §5.13 and 2.0.1 H01
 * answer from the same facts (Faulted, Occupied, Unavailable, Accepted); each profile adds its own Rejected cases.
 *
 * A station reservation (evseId 0) reserves no EVSE in particular: the station keeps, for each one, an EVSE free
 * (§5.13 "one connector remains available for the reserved idTag"). So a new one is accepted only while more EVSEs
 * are Available than station reservations exist, and a card that none of them matches may start only where that
 * still holds without the EVSE it starts on.
 */
import { matches, type Reservation, type Reservations } from './reservations.js';
import type { EvseStatus } from './types.js';

export type ReserveAnswer = 'Accepted' | 'Faulted' | 'Occupied' | 'Unavailable';

/** What the rules read of an EVSE. */
export interface ReservableEvse {
  id: number;
  status: EvseStatus;
}

export type Admission =
  | { ok: true; reservationId: number | null }
  /** byGroup: a blocking reservation names a group, so the card's parentIdTag (ask for it) may still admit it. */
  | { ok: false; why: string; byGroup: boolean };

/** What an EVSE's session asks of the station's reservations. */
export interface ReservationPort {
  /** The reservation of this EVSE (not the station's); drives the Reserved status. */
  own(): Reservation | undefined;
  /** Some reservation may concern a start here (its own, or one of the station): only then is a card's group looked up. */
  any(): boolean;
  admit(idTag: string, parentIdTag: string | null | undefined): Admission;
  /** The id if that reservation still holds (it may have expired or been cancelled while the EV came). */
  holding(reservationId: number | null): number | null;
  /** Its transaction started (the journal row is committed): the reservation ends. */
  used(reservationId: number): void;
}

/** The answer to a new reservation `r` (one of the same id is being replaced, and does not count against it). */
export function reserveAnswer(r: Reservation, evses: readonly ReservableEvse[], stationOperative: boolean, held: Reservations): ReserveAnswer {
  const others = held.list().filter((x) => x.id !== r.id);
  const reservedEvse = (id: number) => others.some((x) => x.evseId === id);
  if (r.evseId !== 0) {
    const e = evses.find((x) => x.id === r.evseId);
    if (!e) throw new Error(`no EVSE ${r.evseId}`);
    if (e.status === 'Faulted') return 'Faulted';
    if (e.status === 'Unavailable' || !stationOperative) return 'Unavailable';
    // Reserved by this very reservation (being replaced) is free for it.
    const free = e.status === 'Available' || (e.status === 'Reserved' && !reservedEvse(e.id));
    if (!free || reservedEvse(e.id)) return 'Occupied';
    // An EVSE the station keeps free for its own reservations is not free for one of a particular EVSE.
    return freeEvses(evses, others, e.id) >= stationCount(others) ? 'Accepted' : 'Occupied';
  }
  if (!stationOperative || evses.every((e) => e.status === 'Unavailable')) return 'Unavailable';
  if (evses.every((e) => e.status === 'Faulted')) return 'Faulted';
  if (evses.every((e) => e.status === 'Faulted' || e.status === 'Unavailable')) return 'Unavailable';
  return freeEvses(evses, others, null) > stationCount(others) ? 'Accepted' : 'Occupied';
}

/** Whether a card may start at EVSE `evseId`, and on which reservation. */
export function admit(evseId: number, idTag: string, parentIdTag: string | null | undefined, evses: readonly ReservableEvse[], held: Reservations): Admission {
  const own = held.forEvse(evseId);
  if (own) {
    if (matches(own, idTag, parentIdTag)) return { ok: true, reservationId: own.id };
    return { ok: false, why: `EVSE ${evseId} is reserved for another card (reservation ${own.id}, until ${own.expiryDate})`, byGroup: own.parentIdTag !== null };
  }
  const station = held.station();
  const mine = station.find((r) => matches(r, idTag, parentIdTag));
  if (mine) return { ok: true, reservationId: mine.id };
  if (station.length === 0 || freeEvses(evses, held.list(), evseId) >= station.length) return { ok: true, reservationId: null };
  const ids = station.map((r) => r.id).join(', ');
  return { ok: false, why: `the station keeps this EVSE free for its reservation${station.length > 1 ? 's' : ''} ${ids} (any EVSE)`, byGroup: station.some((r) => r.parentIdTag !== null) };
}

/**
 * EVSEs a station reservation could use now: idle and reserved by none of `held` (Reserved counts when its own
 * reservation is the one being replaced, so not in `held`); `except` not counted.
 */
function freeEvses(evses: readonly ReservableEvse[], held: readonly Reservation[], except: number | null): number {
  return evses.filter((e) => e.id !== except && (e.status === 'Available' || e.status === 'Reserved') && !held.some((r) => r.evseId === e.id)).length;
}

const stationCount = (held: readonly Reservation[]): number => held.filter((r) => r.evseId === 0).length;

/** An EVSE built without a station (unit tests, tools): nothing is reserved. */
export const NO_RESERVATIONS: ReservationPort = {
  own: () => undefined,
  any: () => false,
  admit: () => ({ ok: true, reservationId: null }),
  holding: () => null,
  used: () => {},
};
