/**
 * The reservation rules where 2.0.1 differs from 1.6 (agent/station/reservation-rules.ts, reservation-gate.ts):
 * reservations without EVSE of a connector type (a matching of reservations to free EVSEs), the EVSEs they need
 * shown Reserved (H01.FR.20 / FR.24), their end when Faulted / Unavailable EVSEs leave too few (H01.FR.16 / 17),
 * the connectorType persisted; and that the 1.6 rules (the default) keep connector 0 reservations invisible.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../agent/log.js';
import { admit, neededBy, reserveAnswer, unkeepable, type ReservableEvse } from '../../../agent/station/reservation-gate.js';
import { RULES_16, type ReservationRules } from '../../../agent/station/reservation-rules.js';
import { RESERVATIONS_KEY, Reservations, type Reservation, type ReservationEnd } from '../../../agent/station/reservations.js';
import type { EvseStatus } from '../../../agent/station/types.js';
import { createMemoryStore } from '../../../offline-queue/index.js';
import { CABLE, harness, SOCKET, type Harness } from './harness.js';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000).toISOString();
const res = (id: number, evseId: number, idTag: string, expiresInS = 600, connectorType: string | null = null): Reservation => ({
  id,
  evseId,
  idTag,
  idTagType: 'ISO14443',
  parentIdTag: null,
  expiryDate: at(expiresInS),
  connectorType,
});

/** EVSEs 1 and 2 have a type 2 socket, EVSE 3 a CCS2 cable. */
const TYPES: Record<number, string> = { 1: 'sType2', 2: 'sType2', 3: 'cCCS2' };
const rules201: ReservationRules = { showNeeded: true, endUnkeepable: true, consumeOnMatch: true, connectorType: (id) => TYPES[id] };

function held(rules: ReservationRules, ...rs: Reservation[]): Reservations {
  const h = new Reservations({ clock: new FakeClock(T0), store: createMemoryStore().settings, log: silentLogger(), changed: () => {} });
  h.setRules(rules);
  for (const r of rs) h.put(r);
  return h;
}
const evses = (...s: EvseStatus[]): ReservableEvse[] => s.map((status, i) => ({ id: i + 1, status }));

describe('reservation gate with connector types (pure)', () => {
  test('H01.FR.06 / FR.09: accepted while each typed reservation keeps an EVSE of its type; then Occupied', () => {
    const all = evses('Available', 'Available', 'Available');
    const h = held(rules201, res(1, 0, 'A', 600, 'cCCS2'));
    assert.equal(reserveAnswer(res(2, 0, 'B', 600, 'cCCS2'), all, true, h), 'Occupied', 'the one CCS2 EVSE is kept for reservation 1');
    assert.equal(reserveAnswer(res(2, 0, 'B', 600, 'sType2'), all, true, h), 'Accepted');
    h.put(res(2, 0, 'B', 600, 'sType2'));
    assert.equal(reserveAnswer(res(3, 0, 'C'), all, true, h), 'Accepted', 'an untyped one takes the second type 2 EVSE');
    h.put(res(3, 0, 'C'));
    assert.equal(reserveAnswer(res(4, 0, 'D'), all, true, h), 'Occupied', 'three reservations, three EVSEs');
    assert.equal(reserveAnswer(res(4, 1, 'D'), all, true, h), 'Occupied', 'a specific EVSE the pool needs');
    assert.equal(reserveAnswer(res(3, 1, 'C'), all, true, h), 'Accepted', 'replacing 3 by one of EVSE 1: reservations 1 and 2 keep EVSEs 3 and 2');
    assert.equal(reserveAnswer(res(5, 3, 'E'), evses('Available', 'Available', 'Available'), true, held(rules201, res(2, 0, 'B', 600, 'sType2'))), 'Accepted', 'EVSE 3 is no use to a type 2 reservation');
  });

  test('the matching moves an untyped reservation to where it fits (augmenting path)', () => {
    const all = evses('Available', 'Charging', 'Available');
    // The untyped one placed first on EVSE 1 must move to EVSE 3 for the type 2 one to fit.
    const h = held(rules201, res(1, 0, 'A', 100));
    assert.equal(reserveAnswer(res(2, 0, 'B', 600, 'sType2'), all, true, h), 'Accepted');
    h.put(res(2, 0, 'B', 600, 'sType2'));
    assert.equal(reserveAnswer(res(3, 0, 'C', 600, 'cCCS2'), all, true, h), 'Occupied');
  });

  test('H01.FR.11-14: Faulted / Unavailable judged on the targeted EVSEs (those of the type) only', () => {
    const h = held(rules201);
    assert.equal(reserveAnswer(res(1, 0, 'A', 600, 'cCCS2'), evses('Available', 'Available', 'Faulted'), true, h), 'Faulted');
    assert.equal(reserveAnswer(res(1, 0, 'A', 600, 'cCCS2'), evses('Available', 'Available', 'Unavailable'), true, h), 'Unavailable');
    assert.equal(reserveAnswer(res(1, 0, 'A', 600, 'cCCS2'), evses('Available', 'Available', 'Preparing'), true, h), 'Occupied');
    assert.equal(reserveAnswer(res(1, 0, 'A', 600, 'sType2'), evses('Faulted', 'Unavailable', 'Faulted'), true, h), 'Unavailable');
    assert.equal(reserveAnswer(res(1, 0, 'A', 600, 'sType2'), evses('Available', 'Available', 'Faulted'), false, h), 'Unavailable', 'station Inoperative');
    assert.throws(() => reserveAnswer(res(1, 0, 'A', 600, 'cType1'), evses('Available', 'Available', 'Available'), true, h), /no EVSE with connector type cType1/);
  });

  test('H03.FR.02: a typed reservation is used only on an EVSE of its type; elsewhere its card is a stranger', () => {
    const all = evses('Available', 'Available', 'Available');
    const h = held(rules201, res(1, 0, 'A', 600, 'cCCS2'));
    assert.deepEqual(admit(3, 'a', null, all, h), { ok: true, reservationId: 1 }, 'idTokens compare without letter case');
    assert.deepEqual(admit(1, 'A', null, all, h), { ok: true, reservationId: null }, 'on a type 2 EVSE: no reservation used, EVSE 3 stays kept');
    const busy = evses('Available', 'Available', 'Preparing');
    assert.equal(admit(1, 'B', null, busy, h).ok, true, 'a type 2 EVSE is no use to the CCS2 reservation');
    assert.equal(admit(3, 'B', null, all, h).ok, false, 'the CCS2 EVSE is kept');
  });

  test('neededBy: an EVSE shows a reservation without EVSE only when the pool cannot do without it (H01.FR.20)', () => {
    const h = held(rules201, res(1, 0, 'A'));
    assert.equal(neededBy(1, evses('Available', 'Available', 'Available'), h), undefined);
    assert.equal(neededBy(1, evses('Available', 'Preparing', 'Preparing'), h)?.id, 1);
    assert.equal(neededBy(1, evses('Preparing', 'Preparing', 'Reserved'), h), undefined, 'EVSE 3 (Reserved for it) is still free for it');
    const typed = held(rules201, res(2, 0, 'B', 600, 'cCCS2'));
    assert.equal(neededBy(3, evses('Available', 'Available', 'Available'), typed)?.id, 2, 'H01.FR.24: the only CCS2 EVSE');
    assert.equal(neededBy(1, evses('Available', 'Available', 'Available'), typed), undefined, 'a type 2 EVSE is no use to it');
  });

  test('unkeepable: those expiring first keep an EVSE, the rest are listed', () => {
    const h = held(rules201, res(1, 0, 'A', 900), res(2, 0, 'B', 300), res(3, 0, 'C', 600));
    assert.deepEqual(unkeepable(evses('Available', 'Faulted', 'Available'), h).map((r) => r.id), [1]);
    assert.deepEqual(unkeepable(evses('Available', 'Available', 'Available'), h), []);
  });
});

describe('reservations: connectorType persisted', () => {
  test('a typed reservation survives a restart; one stored before the field existed reads as untyped', () => {
    const store = createMemoryStore();
    const clock = new FakeClock(T0);
    const make = () => new Reservations({ clock, store: store.settings, log: silentLogger(), changed: () => {} });
    make().put(res(1, 0, 'A', 600, 'cCCS2'));
    assert.equal(make().get(1)?.connectorType, 'cCCS2');
    store.settings.set(RESERVATIONS_KEY, JSON.stringify([{ id: 2, evseId: 1, idTag: 'B', idTagType: null, parentIdTag: null, expiryDate: at(60) }]));
    const r = make().get(2);
    assert.equal(r?.idTag, 'B');
    assert.equal(r?.connectorType ?? null, null);
  });

  test('events: changed is emitted after the set is saved, with why', () => {
    const store = createMemoryStore();
    const h = new Reservations({ clock: new FakeClock(T0), store: store.settings, log: silentLogger(), changed: () => {} });
    const seen: [number, ReservationEnd | 'made', number][] = [];
    h.events.on('changed', (r, why) => seen.push([r.id, why, JSON.parse(store.settings.getAll()[RESERVATIONS_KEY]!).length]));
    h.put(res(1, 1, 'A'));
    h.remove(1, 'faulted');
    assert.deepEqual(seen, [[1, 'made', 1], [1, 'faulted', 0]]);
  });
});

describe('the station with the 2.0.1 rules', () => {
  const setup = async (rules: ReservationRules = { ...rules201, connectorType: (id) => (id === SOCKET ? 'sType2' : 'cType2') }): Promise<Harness> => {
    const h = await harness({ clock: new FakeClock(T0), startStation: false });
    h.station.reservations.setRules(rules);
    h.station.start();
    for (const id of ['A', 'B']) h.auth.ids.set(id, { status: 'Accepted' });
    return h;
  };
  const status = (h: Harness, id: number) => h.station.evse(id)!.currentStatus().status;
  const present = async (h: Harness, id: number, idTag: string) => {
    const p = h.station.evse(id)!.presentIdTag(idTag);
    await h.run(500);
    return p;
  };

  test('H01.FR.20 / H02.FR.06: EVSEs go Reserved only when every free one is needed, Available again on cancel', async () => {
    const h = await setup();
    assert.equal(h.station.reserve(res(1, 0, 'A')), 'Accepted');
    assert.deepEqual([status(h, SOCKET), status(h, CABLE)], ['Available', 'Available'], 'one reservation, two free EVSEs');
    assert.equal(h.station.reserve(res(2, 0, 'B')), 'Accepted');
    assert.deepEqual([status(h, SOCKET), status(h, CABLE)], ['Reserved', 'Reserved'], 'two reservations, two free EVSEs: all needed');
    assert.equal(h.station.cancelReservation(2), true);
    assert.deepEqual([status(h, SOCKET), status(h, CABLE)], ['Available', 'Available']);
    h.sim.plug(CABLE);
    await h.run(100);
    assert.equal(status(h, SOCKET), 'Reserved', 'EVSE 2 busy: EVSE 1 is the one left for reservation 1');
    h.sim.unplug(CABLE, { keepCable: false });
    await h.run(100);
    assert.deepEqual([status(h, SOCKET), status(h, CABLE)], ['Available', 'Available']);
    await h.close();
  });

  test('H03: the reserved card starts on a needed EVSE with the reservationId, which frees the others', async () => {
    const h = await setup();
    h.station.reserve(res(1, 0, 'A'));
    h.station.reserve(res(2, 0, 'B'));
    h.sim.plug(SOCKET);
    assert.equal(await present(h, SOCKET, 'B'), 'started');
    await h.run(1000);
    assert.equal(h.station.evse(SOCKET)!.transaction()!.extra.reservationId, 2);
    assert.equal(status(h, CABLE), 'Reserved', 'still needed for reservation 1');
    assert.equal(h.station.cancelReservation(1), true);
    assert.equal(status(h, CABLE), 'Available');
    await h.close();
  });

  test('H03.FR.09: the card matched to a reservation consumes it at once (the EVSEs it kept are free); the start still names it', async () => {
    const h = await setup();
    const ended: [number, string][] = [];
    h.station.reservations.events.on('changed', (r, why) => why !== 'made' && ended.push([r.id, why]));
    h.station.reserve(res(1, 0, 'A', 20));
    h.station.reserve(res(2, 0, 'B', 20));
    assert.equal(await present(h, SOCKET, 'A'), 'authorized', 'no EV yet');
    assert.deepEqual(ended, [[1, 'used']]);
    assert.equal(status(h, CABLE), 'Reserved', 'reservation 2 left and EVSE 1 busy: EVSE 2 is needed');
    await h.run(21_000, 1000);
    assert.deepEqual(ended, [[1, 'used'], [2, 'expired']], 'the consumed one does not expire');
    assert.equal(status(h, CABLE), 'Available');
    h.sim.plug(SOCKET);
    await h.run(1000);
    assert.equal(h.station.evse(SOCKET)!.transaction()!.extra.reservationId, 1);
    await h.close();
  });

  test('H01.FR.16 / FR.17: a fault that leaves too few EVSEs ends the reservation without EVSE (why faulted)', async () => {
    const h = await setup();
    const ended: [number, string][] = [];
    h.station.reservations.events.on('changed', (r, why) => why !== 'made' && ended.push([r.id, why]));
    h.station.reserve(res(1, 0, 'A'));
    h.hw(SOCKET).injectFault('rcd');
    await h.run(100);
    assert.deepEqual(ended, [], 'EVSE 2 still free for it');
    assert.equal(status(h, CABLE), 'Reserved');
    h.station.changeAvailability(CABLE, false);
    await h.run(100);
    assert.deepEqual(ended, [[1, 'unavailable']]);
    assert.deepEqual(h.station.reservations.list(), []);
    await h.close();
  });

  test('a typed reservation without EVSE: only the EVSE of that type is kept and shown Reserved', async () => {
    const h = await setup();
    assert.equal(h.station.reserve(res(1, 0, 'A', 600, 'cType2')), 'Accepted');
    assert.deepEqual([status(h, SOCKET), status(h, CABLE)], ['Available', 'Reserved']);
    h.sim.plug(CABLE);
    assert.equal(await present(h, CABLE, 'B'), 'rejected');
    assert.equal(await present(h, CABLE, 'A'), 'started');
    await h.close();
  });

  test('the 1.6 rules (default): a connector 0 reservation needing every EVSE leaves them Available, and survives a fault', async () => {
    const h = await setup(RULES_16);
    h.station.reserve(res(1, 0, 'A'));
    h.station.reserve(res(2, 0, 'B'));
    assert.deepEqual([status(h, SOCKET), status(h, CABLE)], ['Available', 'Available']);
    h.hw(SOCKET).injectFault('rcd');
    await h.run(100);
    assert.deepEqual(h.station.reservations.list().map((r) => r.id), [1, 2]);
    await h.close();
  });
});
