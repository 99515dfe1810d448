/**
 * The rules around reservations (reservations.ts holds them): which answer a new reservation gets from the
 * EVSEs' state, and who may start a session while reservations exist. Version-neutral: 1.6 §5.13 and 2.0.1 H01
 * answer from the same facts (Faulted, Occupied, Unavailable, Accepted); each profile adds its own Rejected cases.
 *
 * A station reservation (evseId 0) reserves no EVSE in particular: the station keeps, for each one, an EVSE free
 * (§5.13 "one connector remains available for the reserved idTag"). So a new one is accepted only while more EVSEs
 * are Available than station reservations exist, and a card that none of them matches may start only where that
 * still holds without the EVSE it starts on. A 2.0.1 reservation may name a connector type: then only EVSEs of that
 * type serve it, and "enough EVSEs free" means each such reservation gets one of its own (keepable()); without
 * types that is the count above. What differs between the versions is in reservation-rules.ts.
 */
import type { ReservationRules } from './reservation-rules.js';
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
  /** A card or remote start was admitted on it and its session begins (rules.consumeOnMatch: it ends now). */
  claim(reservationId: number): void;
  /** The id if that reservation still holds (it may have expired or been cancelled while the EV came), or was claimed here. */
  holding(reservationId: number | null): number | null;
  /** Its transaction started (the journal row is committed): the reservation ends. */
  used(reservationId: number): void;
}

/**
 * The answer to a new reservation `r` (one of the same id is being replaced, and does not count against it). A
 * reservation without EVSE must name a connector type some EVSE has (the profile checks it; throws otherwise).
 */
export function reserveAnswer(r: Reservation, evses: readonly ReservableEvse[], stationOperative: boolean, held: Reservations): ReserveAnswer {
  const rules = held.rules;
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
    return spare(e.id, pool(others), freeEvses(evses, others, e.id), rules) ? 'Accepted' : 'Occupied';
  }
  // H01.FR.11-14: "(all) targeted EVSEs", those with the connector type when it names one.
  const targeted = evses.filter((e) => serves(r, e.id, rules));
  if (targeted.length === 0) throw new Error(`no EVSE with connector type ${r.connectorType}`);
  if (!stationOperative || targeted.every((e) => e.status === 'Unavailable')) return 'Unavailable';
  if (targeted.every((e) => e.status === 'Faulted')) return 'Faulted';
  if (targeted.every((e) => e.status === 'Faulted' || e.status === 'Unavailable')) return 'Unavailable';
  return keepable([...pool(others), r], freeEvses(evses, others, null), rules) ? 'Accepted' : 'Occupied';
}

/** Whether a card may start at EVSE `evseId`, and on which reservation. */
export function admit(evseId: number, idTag: string, parentIdTag: string | null | undefined, evses: readonly ReservableEvse[], held: Reservations): Admission {
  const own = held.forEvse(evseId);
  if (own) {
    if (matches(own, idTag, parentIdTag)) return { ok: true, reservationId: own.id };
    return { ok: false, why: `EVSE ${evseId} is reserved for another card (reservation ${own.id}, until ${own.expiryDate})`, byGroup: own.parentIdTag !== null };
  }
  const rules = held.rules;
  const station = held.station();
  // H03.FR.02 / FR.05: a reservation of a connector type is used only on an EVSE of that type.
  const mine = station.find((r) => matches(r, idTag, parentIdTag) && serves(r, evseId, rules));
  if (mine) return { ok: true, reservationId: mine.id };
  if (spare(evseId, station, freeEvses(evses, held.list(), evseId), rules)) return { ok: true, reservationId: null };
  const ids = station.map((r) => r.id).join(', ');
  return { ok: false, why: `the station keeps this EVSE free for its reservation${station.length > 1 ? 's' : ''} ${ids} (any EVSE)`, byGroup: station.some((r) => r.parentIdTag !== null) };
}

/**
 * The reservation without EVSE that cannot do without EVSE `evseId` (it shows Reserved: rules.showNeeded), if
 * any. Asked while the EVSE derives its status, so it counts as free itself (its Reserved only matters when idle).
 */
export function neededBy(evseId: number, evses: readonly ReservableEvse[], held: Reservations): Reservation | undefined {
  const station = held.station();
  if (station.length === 0 || held.forEvse(evseId)) return undefined;
  const others = freeEvses(evses, held.list(), evseId);
  if (keepable(station, others, held.rules)) return undefined;
  return station.find((r) => serves(r, evseId, held.rules));
}

/**
 * The reservations without EVSE that the free EVSEs can no longer serve (rules.endUnkeepable): those left over
 * when the ones expiring first are given an EVSE first.
 */
export function unkeepable(evses: readonly ReservableEvse[], held: Reservations): Reservation[] {
  const station = held.station();
  const free = freeEvses(evses, held.list(), null);
  const kept: Reservation[] = [];
  const out: Reservation[] = [];
  for (const r of station) {
    if (keepable([...kept, r], free, held.rules)) kept.push(r);
    else out.push(r);
  }
  return out;
}

/** Whether EVSE `evseId` may go to someone else: none of `rs` could use it, or they all still fit on `others`. */
const spare = (evseId: number, rs: readonly Reservation[], others: readonly number[], rules: ReservationRules): boolean =>
  !rs.some((r) => serves(r, evseId, rules)) || keepable(rs, others, rules);

const serves = (r: Reservation, evseId: number, rules: ReservationRules): boolean =>
  r.connectorType === undefined || r.connectorType === null || rules.connectorType(evseId) === r.connectorType;

/**
 * Whether every reservation of `rs` gets an EVSE of its own among `free` (a matching, by augmenting paths: a
 * station has a handful of EVSEs). Without connector types it is `free.length >= rs.length`, 1.6's rule.
 */
function keepable(rs: readonly Reservation[], free: readonly number[], rules: ReservationRules): boolean {
  if (rs.length > free.length) return false;
  const holder = new Map<number, number>();
  const place = (i: number, seen: Set<number>): boolean => {
    for (const e of free) {
      if (seen.has(e) || !serves(rs[i]!, e, rules)) continue;
      seen.add(e);
      const h = holder.get(e);
      if (h === undefined || place(h, seen)) {
        holder.set(e, i);
        return true;
      }
    }
    return false;
  };
  return rs.every((_, i) => place(i, new Set()));
}

/**
 * EVSEs a reservation without EVSE could use now: idle and reserved by none of `held` (Reserved counts when its
 * own reservation is the one being replaced, so not in `held`); `except` not counted.
 */
function freeEvses(evses: readonly ReservableEvse[], held: readonly Reservation[], except: number | null): number[] {
  return evses.filter((e) => e.id !== except && (e.status === 'Available' || e.status === 'Reserved') && !held.some((r) => r.evseId === e.id)).map((e) => e.id);
}

const pool = (held: readonly Reservation[]): Reservation[] => held.filter((r) => r.evseId === 0);

/** An EVSE built without a station (unit tests, tools): nothing is reserved. */
export const NO_RESERVATIONS: ReservationPort = {
  own: () => undefined,
  any: () => false,
  admit: () => ({ ok: true, reservationId: null }),
  claim: () => {},
  holding: () => null,
  used: () => {},
};
