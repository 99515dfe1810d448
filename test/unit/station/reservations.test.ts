/**
 * Reservations (agent/station/reservations.ts, reservation-gate.ts): the set on the memory and SQLite stores with
 * the fake clock (persistence, expiry, replacement, a jumping wall clock), then the station's rules over real
 * small parts (harness.ts): the Reserved status, who may start, the reservationId a start carries, the answers.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../agent/log.js';
import { MAX_TIMER_MS, RESERVATIONS_KEY, Reservations, type Reservation, type ReservationEnd } from '../../../agent/station/reservations.js';
import { createMemoryStore, openSqliteStore, type Store } from '../../../offline-queue/index.js';
import { CABLE, harness, SOCKET, type Harness } from './harness.js';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000).toISOString();
const res = (id: number, evseId: number, idTag: string, expiresInS: number, parentIdTag: string | null = null): Reservation => ({ id, evseId, idTag, idTagType: null, parentIdTag, expiryDate: at(expiresInS) });

for (const kind of ['memory', 'sqlite'] as const) {
  describe(`reservations on the ${kind} store`, () => {
    const setup = () => {
      const store: Store = kind === 'sqlite' ? openSqliteStore(':memory:') : createMemoryStore();
      const clock = new FakeClock(T0);
      const ended: [number, ReservationEnd | 'made'][] = [];
      const make = () => new Reservations({ clock, store: store.settings, log: silentLogger(), changed: (r, why) => ended.push([r.id, why]) });
      return { store, clock, ended, make };
    };

    test('a reservation survives a new instance on the same store (a restart) and expires on the clock', () => {
      const { clock, ended, make } = setup();
      const a = make();
      a.start([1, 2]);
      a.put(res(7, 1, 'CARD-A', 300, 'GROUP'));
      a.stop();
      const b = make();
      assert.deepEqual(b.list(), [res(7, 1, 'CARD-A', 300, 'GROUP')]);
      b.start([1, 2]);
      clock.advance(299_000);
      assert.equal(b.get(7)?.idTag, 'CARD-A', 'still held one second before its expiry');
      clock.advance(1_000);
      assert.equal(b.get(7), undefined);
      assert.deepEqual(ended.at(-1), [7, 'expired']);
      assert.deepEqual(make().list(), [], 'the expiry is persisted too');
      b.stop();
    });

    test('expired while the station was down: dropped at start; an EVSE no longer configured loses its own', () => {
      const { clock, ended, make } = setup();
      const a = make();
      a.put(res(1, 1, 'A', 60));
      a.put(res(2, 3, 'B', 600));
      a.put(res(3, 0, 'C', 600));
      clock.advance(120_000);
      const b = make();
      b.start([1, 2]);
      assert.deepEqual(b.list().map((r) => r.id), [3]);
      assert.ok(ended.some(([id, why]) => id === 1 && why === 'expired'));
      b.stop();
    });

    test('the same id replaces the reservation; remove answers whether there was one', () => {
      const { ended, make } = setup();
      const a = make();
      a.start([1, 2]);
      a.put(res(5, 1, 'A', 600));
      a.put(res(5, 2, 'B', 900));
      assert.deepEqual(a.list(), [res(5, 2, 'B', 900)]);
      assert.deepEqual(ended, [[5, 'made'], [5, 'replaced'], [5, 'made']], 'the EVSE it left is told, then the new one');
      assert.equal(a.remove(5, 'cancelled'), true);
      assert.equal(a.remove(5, 'cancelled'), false);
      a.stop();
    });

    test('one timer at the earliest expiry, re-armed; a wall clock moved forward is noticed within MAX_TIMER_MS', () => {
      const { clock, make } = setup();
      const a = make();
      a.start([1, 2]);
      a.put(res(1, 1, 'A', 7200));
      a.put(res(2, 2, 'B', 30));
      clock.advance(30_000);
      assert.deepEqual(a.list().map((r) => r.id), [1]);
      clock.setWallClock(new Date(T0.getTime() + 7300 * 1000));
      clock.advance(MAX_TIMER_MS);
      assert.deepEqual(a.list(), [], 'expired by the corrected wall time, not after two hours of timer');
      a.stop();
    });

    test('an unreadable stored value holds no reservation', () => {
      const { store, make } = setup();
      store.settings.set(RESERVATIONS_KEY, '{not json');
      assert.deepEqual(make().list(), []);
      store.settings.set(RESERVATIONS_KEY, JSON.stringify([{ id: 1, evseId: 1, idTag: 'A', idTagType: null, parentIdTag: null, expiryDate: 'soon' }, res(2, 1, 'B', 60)]));
      assert.deepEqual(make().list().map((r) => r.id), [2], 'an entry that is no reservation is skipped, the rest kept');
    });
  });
}

describe('the station with reservations', () => {
  const setup = async (o: Parameters<typeof harness>[0] = {}): Promise<Harness> => {
    const h = await harness({ clock: new FakeClock(T0), ...o });
    for (const id of ['A', 'B']) h.auth.ids.set(id, { status: 'Accepted' });
    h.auth.ids.set('FAM-1', { status: 'Accepted', parentIdTag: 'FAM' });
    h.auth.ids.set('FAM-2', { status: 'Accepted', parentIdTag: 'fam' });
    return h;
  };
  const status = (h: Harness, id: number) => h.station.evse(id)!.currentStatus().status;
  const present = async (h: Harness, id: number, idTag: string) => {
    const p = h.station.evse(id)!.presentIdTag(idTag);
    await h.run(500);
    return p;
  };

  test('Reserved while idle; another card is refused without an Authorize; the reserving card starts with the reservationId', async () => {
    const h = await setup();
    assert.equal(h.station.reserve(res(11, SOCKET, 'a', 600)), 'Accepted');
    assert.equal(status(h, SOCKET), 'Reserved');
    const why: (string | null)[] = [];
    h.station.evse(SOCKET)!.events.on('idTagPresented', (e) => why.push(e.reason));
    h.auth.asked.length = 0;
    assert.equal(await present(h, SOCKET, 'B'), 'rejected');
    assert.match(why[0]!, /EVSE 1 is reserved for another card \(reservation 11/);
    assert.deepEqual(h.auth.asked, [], 'a reservation without a group refuses other cards without asking the CSMS');
    assert.equal(status(h, SOCKET), 'Reserved');
    h.sim.plug(SOCKET);
    assert.equal(await present(h, SOCKET, 'A'), 'started', 'idTags compare as CiString20');
    await h.run(1000);
    const rec = h.station.evse(SOCKET)!.transaction()!;
    assert.equal(rec.extra.reservationId, 11);
    assert.equal(h.station.reservations.get(11), undefined, 'the start ended the reservation');
    assert.deepEqual(h.seq(SOCKET).slice(0, 2), ['Reserved', 'Preparing'], 'G2: reservation identity presented');
    await h.close();
  });

  test('a card of the reservation group starts (parentIdTag from its idTagInfo, any letter case)', async () => {
    const h = await setup();
    assert.equal(h.station.reserve(res(12, SOCKET, 'FAM-0', 600, 'FAM')), 'Accepted');
    h.sim.plug(SOCKET);
    assert.equal(await present(h, SOCKET, 'B'), 'rejected', 'Accepted, but no group');
    assert.equal(await present(h, SOCKET, 'FAM-2'), 'started');
    assert.equal(h.station.evse(SOCKET)!.transaction()!.extra.reservationId, 12);
    await h.close();
  });

  test('expiry and cancel: back to Available; a reservation that ended meanwhile is not named by the start', async () => {
    const h = await setup();
    h.station.reserve(res(13, SOCKET, 'A', 60));
    h.station.reserve(res(14, CABLE, 'A', 600));
    await h.run(60_000, 1000);
    assert.equal(status(h, SOCKET), 'Available');
    assert.deepEqual(h.seq(SOCKET).slice(-2), ['Reserved', 'Available']);
    assert.equal(h.station.cancelReservation(14), true);
    assert.equal(h.station.cancelReservation(14), false);
    assert.equal(status(h, CABLE), 'Available');
    h.station.reserve(res(15, SOCKET, 'A', 600));
    assert.equal(await present(h, SOCKET, 'A'), 'authorized', 'no EV yet: waits for it');
    assert.equal(status(h, SOCKET), 'Preparing');
    assert.equal(h.station.cancelReservation(15), true);
    h.sim.plug(SOCKET);
    await h.run(1000);
    const rec = h.station.evse(SOCKET)!.transaction()!;
    assert.equal(rec.extra.reservationId, null);
    await h.close();
  });

  test('answers: Occupied (transaction, reserved, plugged), Faulted, Unavailable; a fault or Inoperative ends a reservation', async () => {
    const h = await setup();
    h.sim.plug(CABLE);
    await h.run(100);
    assert.equal(h.station.reserve(res(20, CABLE, 'A', 600)), 'Occupied', 'Preparing');
    h.sim.unplug(CABLE, { keepCable: false });
    await h.run(100);
    assert.equal(h.station.reserve(res(20, CABLE, 'A', 600)), 'Accepted');
    assert.equal(h.station.reserve(res(21, CABLE, 'B', 600)), 'Occupied', 'reserved by another reservation');
    assert.equal(h.station.reserve(res(20, CABLE, 'B', 900)), 'Accepted', 'the same id replaces it');
    assert.equal(h.station.reservations.get(20)?.idTag, 'B');
    h.hw(CABLE).injectFault('rcd');
    await h.run(100);
    assert.equal(status(h, CABLE), 'Faulted');
    assert.equal(h.station.reservations.get(20), undefined, 'Faulted ends it');
    assert.equal(h.station.reserve(res(22, CABLE, 'A', 600)), 'Faulted');
    assert.equal(h.station.reserve(res(23, SOCKET, 'A', 600)), 'Accepted');
    assert.equal(h.station.changeAvailability(SOCKET, false), 'Accepted');
    assert.equal(h.station.reservations.get(23), undefined, 'Unavailable ends it');
    assert.equal(h.station.reserve(res(24, SOCKET, 'A', 600)), 'Unavailable');
    await h.close();
  });

  test('station reservation (evse 0): one Available EVSE is kept free for it; its card starts anywhere', async () => {
    const h = await setup();
    assert.equal(h.station.reserve(res(30, 0, 'A', 600)), 'Accepted');
    assert.equal(status(h, SOCKET), 'Available');
    assert.equal(h.station.reserve(res(31, 0, 'FAM-9', 600)), 'Accepted', 'two Available EVSEs, one for each');
    assert.equal(h.station.reserve(res(32, 0, 'B', 600)), 'Occupied', 'no third EVSE');
    assert.equal(h.station.reserve(res(33, SOCKET, 'B', 600)), 'Occupied', 'reserving an EVSE would leave too few for the station reservations');
    h.sim.plug(SOCKET);
    assert.equal(await present(h, SOCKET, 'B'), 'rejected', 'both EVSEs are kept');
    assert.equal(h.station.cancelReservation(31), true);
    assert.equal(await present(h, SOCKET, 'B'), 'started', 'the other EVSE is still free for reservation 30');
    h.sim.plug(CABLE);
    const why: (string | null)[] = [];
    h.station.evse(CABLE)!.events.on('idTagPresented', (e) => why.push(e.reason));
    assert.equal(await present(h, CABLE, 'FAM-1'), 'rejected');
    assert.match(why[0]!, /keeps this EVSE free for its reservation 30/);
    assert.equal(await present(h, CABLE, 'A'), 'started');
    assert.equal(h.station.evse(CABLE)!.transaction()!.extra.reservationId, 30);
    assert.deepEqual(h.station.reservations.list(), []);
    await h.close();
  });

  test('station reservation answers: Unavailable when the station is Inoperative (and it ends), Faulted when every EVSE is', async () => {
    const h = await setup();
    h.station.reserve(res(40, 0, 'A', 600));
    h.station.changeAvailability(0, false);
    assert.deepEqual(h.station.reservations.list(), []);
    assert.equal(h.station.reserve(res(41, 0, 'A', 600)), 'Unavailable');
    h.station.changeAvailability(0, true);
    h.hw(SOCKET).injectFault('rcd');
    h.hw(CABLE).injectFault('rcd');
    await h.run(100);
    assert.equal(h.station.reserve(res(41, 0, 'A', 600)), 'Faulted');
    await h.close();
  });

  test('a reservation of an EVSE replaced by one of the station (same id): its EVSE counts as free again', async () => {
    const h = await setup();
    assert.equal(h.station.reserve(res(60, SOCKET, 'A', 600)), 'Accepted');
    assert.equal(h.station.reserve(res(61, CABLE, 'B', 600)), 'Accepted');
    assert.equal(h.station.reserve(res(62, 0, 'A', 600)), 'Occupied', 'no free EVSE');
    assert.equal(h.station.reserve(res(60, 0, 'A', 600)), 'Accepted', 'EVSE 1 is freed by the replacement');
    assert.equal(status(h, SOCKET), 'Available');
    assert.deepEqual(h.station.reservations.list().map((r) => [r.id, r.evseId]), [[60, 0], [61, CABLE]]);
    await h.close();
  });

  test('remote start: refused on an EVSE reserved for another card; without a connector the reserved EVSE is chosen', async () => {
    const h = await setup();
    h.station.reserve(res(50, CABLE, 'A', 600));
    assert.equal(h.station.evse(CABLE)!.remoteStart('B', { status: 'Accepted' }, null), false);
    assert.equal(h.station.pickEvseForRemoteStart('B')?.id, SOCKET);
    assert.equal(h.station.pickEvseForRemoteStart('A')?.id, CABLE);
    await h.close();
  });
});
