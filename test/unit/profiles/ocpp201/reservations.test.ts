/**
 * The 2.0.1 reservation side (profiles/ocpp201/reservations/) over real parts: the handlers on a station with two
 * EVSEs (socket sType2, cable cType2) and its device model, every Rejected case with its reason code; the mapping of
 * a reservation's end to ReservationStatusUpdate; the updates kept in the store until the CSMS took them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../../agent/log.js';
import { Reservations, type Reservation } from '../../../../agent/station/reservations.js';
import { createMemoryStore } from '../../../../offline-queue/index.js';
import { DeviceModel } from '../../../../profiles/ocpp201/device-model/device-model.js';
import type { ReserveNowRequest, ReserveNowResponse } from '../../../../profiles/ocpp201/generated/ReserveNow.js';
import { attachReservations, PENDING_KEY, RESERVATION_HANDLERS, ReservationStatusUpdates, updateStatusOf } from '../../../../profiles/ocpp201/reservations/index.js';
import { createStationModel } from '../../../../profiles/ocpp201/station-model.js';
import type { TxHandlerContext } from '../../../../profiles/ocpp201/transactions/context.js';
import { harness, type Harness } from '../../station/harness.js';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000).toISOString();
const identity = { vendor: 'V', model: 'M' } as never;
const evses = [
  { id: 1, maxCurrentA: 32, phases: 3 as const, connector: 'socket' as const },
  { id: 2, maxCurrentA: 16, phases: 1 as const, connector: 'cable' as const },
];

async function setup(model?: (h: Harness) => DeviceModel) {
  const h = await harness({ clock: new FakeClock(T0), startStation: false });
  const m = model ? model(h) : createStationModel({ store: h.store, settings: h.settings, clock: h.clock, identity, evses, station: () => h.station });
  const calls: unknown[] = [];
  const updates = attachReservations({ station: h.station, model: m, store: h.store.settings, log: silentLogger(), canSend: () => true, call: async (_a, p) => void calls.push(p), connected: () => true });
  h.station.start();
  const ctx = { station: h.station, model: m, clock: h.clock, log: silentLogger() } as unknown as TxHandlerContext;
  const reserve = (req: Partial<ReserveNowRequest> & { id: number }) =>
    RESERVATION_HANDLERS.ReserveNow!(ctx, { idToken: { idToken: 'A', type: 'ISO14443' }, expiryDateTime: at(600), ...req }) as Promise<ReserveNowResponse>;
  const cancel = (reservationId: number) => RESERVATION_HANDLERS.CancelReservation!(ctx, { reservationId }) as Promise<{ status: string; statusInfo?: { reasonCode: string } }>;
  return { h, model: m, calls, updates, reserve, cancel };
}

describe('2.0.1 ReserveNow / CancelReservation handlers', () => {
  test('Accepted: the reservation keeps the idToken type, the group and (without EVSE) the connector type', async () => {
    const s = await setup();
    assert.equal((await s.reserve({ id: 1, evseId: 1, groupIdToken: { idToken: 'G', type: 'Central' }, connectorType: 'sType2' })).status, 'Accepted');
    assert.equal((await s.reserve({ id: 2, connectorType: 'cType2', idToken: { idToken: 'B', type: 'Central' } })).status, 'Accepted');
    assert.deepEqual(s.h.station.reservations.list(), [
      { id: 2, evseId: 0, idTag: 'B', idTagType: 'Central', parentIdTag: null, expiryDate: at(600), connectorType: 'cType2' },
      { id: 1, evseId: 1, idTag: 'A', idTagType: 'ISO14443', parentIdTag: 'G', expiryDate: at(600), connectorType: null },
    ]);
    assert.equal(s.h.station.evse(2)!.currentStatus().status, 'Reserved', 'H01.FR.24: the one cType2 EVSE is needed');
    await s.h.close();
  });

  test('Rejected with the reason: Enabled false (NotEnabled), unknown EVSE, unknown connector type, expiry past', async () => {
    const s = await setup();
    const rejected = async (req: Partial<ReserveNowRequest> & { id: number }, reasonCode: string, info: RegExp) => {
      const res = await s.reserve(req);
      assert.equal(res.status, 'Rejected', JSON.stringify(req));
      assert.equal(res.statusInfo?.reasonCode, reasonCode);
      assert.match(res.statusInfo?.additionalInfo ?? '', info);
    };
    await rejected({ id: 1, evseId: 3 }, 'UnknownEvse', /no EVSE 3/);
    await rejected({ id: 1, connectorType: 'cCCS2' }, 'UnknownConnectorType', /no EVSE has a connector of type cCCS2/);
    await rejected({ id: 1, evseId: 2, connectorType: 'sType2' }, 'UnknownConnectorType', /EVSE 2 has no connector of type sType2/);
    await rejected({ id: 1, evseId: 1, expiryDateTime: at(0) }, 'InvalidValue', /expiryDateTime is not in the future/);
    assert.equal(s.model.set({ component: { name: 'ReservationCtrlr' }, variable: { name: 'Enabled' }, attributeValue: 'false' }).attributeStatus, 'Accepted');
    await rejected({ id: 1, evseId: 1 }, 'NotEnabled', /ReservationCtrlr\.Enabled is false/);
    assert.deepEqual(s.h.station.reservations.list(), []);
    await s.h.close();
  });

  test('H01.FR.19: without NonEvseSpecific true a reservation without evseId is Rejected (an EVSE one still Accepted)', async () => {
    const s = await setup(() => new DeviceModel({ evses: evses.map((e) => ({ id: e.id, connectors: [1] })), values: { 'ReservationCtrlr.NonEvseSpecific/Actual': 'false' } }));
    const res = await s.reserve({ id: 1 });
    assert.equal(res.status, 'Rejected');
    assert.equal(res.statusInfo?.reasonCode, 'UnsupportedRequest');
    assert.equal((await s.reserve({ id: 2, evseId: 1 })).status, 'Accepted');
    await s.h.close();
  });

  test('the station answers the rest (Occupied here), and CancelReservation Accepted / Rejected NotFound without any update', async () => {
    const s = await setup();
    assert.equal((await s.reserve({ id: 1, evseId: 1 })).status, 'Accepted');
    assert.equal((await s.reserve({ id: 2, evseId: 1 })).status, 'Occupied');
    assert.deepEqual(await s.cancel(1), { status: 'Accepted' });
    assert.equal((await s.cancel(1)).statusInfo?.reasonCode, 'NotFound');
    assert.deepEqual(s.calls, []);
    await s.h.close();
  });

  test('expiry and a fault are reported: Expired, Removed', async () => {
    const s = await setup();
    await s.reserve({ id: 1, evseId: 1, expiryDateTime: at(60) });
    await s.reserve({ id: 2, evseId: 2 });
    await s.h.run(61_000, 1000);
    s.h.hw(2).injectFault('rcd');
    await s.h.run(100);
    assert.deepEqual(s.calls, [
      { reservationId: 1, reservationUpdateStatus: 'Expired' },
      { reservationId: 2, reservationUpdateStatus: 'Removed' },
    ]);
    await s.h.close();
  });
});

describe('ReservationStatusUpdate', () => {
  test('which end is reported how (H04.FR.01, H01.FR.16 / 17; none for what the CSMS did or a use)', () => {
    assert.deepEqual(
      (['made', 'used', 'cancelled', 'expired', 'replaced', 'faulted', 'unavailable'] as const).map((w) => [w, updateStatusOf(w)]),
      [['made', null], ['used', null], ['cancelled', null], ['expired', 'Expired'], ['replaced', null], ['faulted', 'Removed'], ['unavailable', 'Removed']],
    );
  });

  test('kept in the store until sent (a restart keeps them), one at a time; a CALLERROR while connected is not retried, a lost connection is', async () => {
    const store = createMemoryStore();
    const clock = new FakeClock(T0);
    const reservations = new Reservations({ clock, store: store.settings, log: silentLogger(), changed: () => {} });
    const r = (id: number): Reservation => ({ id, evseId: 1, idTag: 'A', idTagType: 'ISO14443', parentIdTag: null, expiryDate: at(600) });
    let online = false;
    let open = true;
    const calls: { p: unknown; settle: (ok: boolean) => void }[] = [];
    const make = () =>
      new ReservationStatusUpdates({
        reservations,
        store: store.settings,
        log: silentLogger(),
        canSend: () => online,
        connected: () => open,
        call: (_a, p) => new Promise((res, rej) => calls.push({ p, settle: (ok) => (ok ? res({}) : rej(new Error('x'))) })),
      });
    const a = make();
    reservations.put(r(1));
    reservations.remove(1, 'expired');
    reservations.put(r(2));
    reservations.remove(2, 'faulted');
    assert.equal(calls.length, 0, 'not registered: nothing sent');
    assert.deepEqual(JSON.parse(store.settings.getAll()[PENDING_KEY]!), [
      { reservationId: 1, reservationUpdateStatus: 'Expired' },
      { reservationId: 2, reservationUpdateStatus: 'Removed' },
    ]);
    a.stop();
    const b = make();
    assert.equal(b.waiting().length, 2, 'a new instance on the same store (a restart) has them');
    online = true;
    b.flush();
    b.flush();
    assert.equal(calls.length, 1, 'one at a time');
    open = false;
    calls[0]!.settle(false);
    await new Promise((res) => setImmediate(res));
    assert.equal(b.waiting().length, 2, 'cut off by the connection: kept');
    open = true;
    b.flush();
    assert.deepEqual(calls[1]!.p, { reservationId: 1, reservationUpdateStatus: 'Expired' });
    calls[1]!.settle(true);
    await new Promise((res) => setImmediate(res));
    assert.deepEqual(calls[2]!.p, { reservationId: 2, reservationUpdateStatus: 'Removed' }, 'the next goes on at once');
    calls[2]!.settle(false);
    await new Promise((res) => setImmediate(res));
    assert.deepEqual(b.waiting(), [], 'answered with an error while connected: done');
    assert.deepEqual(JSON.parse(store.settings.getAll()[PENDING_KEY]!), []);
    b.stop();
  });
});
