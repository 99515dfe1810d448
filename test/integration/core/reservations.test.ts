/**
 * Reservations (OCPP 1.6 Reservation profile, OCTT TC_046-TC_053) against the real chargerd process and the
 * strict CSMS: ReserveNow and its answers, the Reserved status, who may start on a reservation (the idTag, its
 * parentIdTag group), the reservationId in StartTransaction, expiry, cancel, connector 0, a restart.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidFrames, booted, getKey, relaunch, rig, statusFrom, statuses, unplugToAvailable, type Rig } from './harness.js';

const GROUP = 'GRP-1';
const info = (idTag: string) => (idTag.startsWith('FAM-') ? { status: 'Accepted', parentIdTag: GROUP } : { status: 'Accepted' });
const inS = (s: number) => new Date(Date.now() + s * 1000).toISOString();

describe('reservations (TC_046-TC_053)', () => {
  let r: Rig;
  let txId = 500;
  before(async () => {
    r = await rig('CP-RESV');
    r.csms.setHandler('Authorize', (p: { idTag: string }) => ({ idTagInfo: info(p.idTag) }));
    r.csms.setHandler('StartTransaction', (p: { idTag: string }) => ({ transactionId: ++txId, idTagInfo: info(p.idTag) }));
  });
  afterEach(() => assertValidFrames(r));
  after(() => r.close());

  const reserve = (connectorId: number, idTag: string, reservationId: number, opts: { parentIdTag?: string; expiresInS?: number } = {}) =>
    r.call('ReserveNow', { connectorId, idTag, reservationId, expiryDate: inS(opts.expiresInS ?? 600), ...(opts.parentIdTag ? { parentIdTag: opts.parentIdTag } : {}) }).then((x) => x.status as string);

  /** Stop the session on `evse` by its card, unplug, back to Available. */
  async function endSession(evse: number, idTag: string): Promise<void> {
    const m = r.mark();
    await r.st.ok('sim', 'tag', String(evse), idTag);
    await r.csms.waitFor('StopTransaction', () => true, 10_000, m);
    await unplugToAvailable(r, evse);
  }

  test('the key and the profile: ReserveConnectorZeroSupported read-only true, SupportedFeatureProfiles has Reservation', async () => {
    assert.deepEqual(await getKey(r, 'ReserveConnectorZeroSupported'), { key: 'ReserveConnectorZeroSupported', readonly: true, value: 'true' });
    assert.match((await getKey(r, 'SupportedFeatureProfiles'))!.value!, /(^|,)Reservation(,|$)/);
    assert.equal((await r.call('ChangeConfiguration', { key: 'ReserveConnectorZeroSupported', value: 'false' })).status, 'Rejected');
  });

  test('TC_046_1_CS reservation of a connector, local start: Reserved, another card refused (and why), the reserving card starts with reservationId', async () => {
    const m = r.mark();
    assert.equal(await reserve(1, 'RES-A', 1), 'Accepted');
    await statusFrom(r, m, 1, 'Reserved');
    await r.st.ok('sim', 'plug', '1');
    const refused = await r.st.ctl(['sim', 'tag', '1', 'OTHER']);
    assert.match(refused.stdout, /rejected.*EVSE 1 is reserved for another card \(reservation 1/i);
    assert.equal((await r.st.evse(1)).transaction, null);
    await r.st.ok('sim', 'tag', '1', 'RES-A');
    const start = await r.csms.waitFor('StartTransaction', (p) => p.connectorId === 1, 10_000, m);
    assert.equal((start.payload as any).reservationId, 1);
    assert.equal((start.payload as any).idTag, 'RES-A');
    await statusFrom(r, m, 1, 'Charging');
    assert.deepEqual(statuses(r, 1, m).slice(0, 2), ['Reserved', 'Preparing']);
    assert.equal((await r.call('CancelReservation', { reservationId: 1 })).status, 'Rejected', 'the start ended it');
    await endSession(1, 'RES-A');
  });

  test('TC_046_2_CS reservation of a connector, remote start: another idTag Rejected, the reserved one starts with reservationId', async () => {
    const m = r.mark();
    assert.equal(await reserve(2, 'RES-B', 2), 'Accepted');
    await statusFrom(r, m, 2, 'Reserved');
    assert.equal((await r.call('RemoteStartTransaction', { connectorId: 2, idTag: 'OTHER' })).status, 'Rejected');
    await r.st.ok('sim', 'plug', '2');
    assert.equal((await r.call('RemoteStartTransaction', { connectorId: 2, idTag: 'RES-B' })).status, 'Accepted');
    const start = await r.csms.waitFor('StartTransaction', (p) => p.connectorId === 2, 10_000, m);
    assert.equal((start.payload as any).reservationId, 2);
    await statusFrom(r, m, 2, 'Charging');
    await endSession(2, 'RES-B');
  });

  test('TC_047_CS reservation expires: Reserved, then Available at expiryDate; a start later carries no reservationId', async () => {
    const m = r.mark();
    const expiryDate = inS(2);
    assert.equal((await r.call('ReserveNow', { connectorId: 1, idTag: 'RES-C', reservationId: 3, expiryDate })).status, 'Accepted');
    await statusFrom(r, m, 1, 'Reserved');
    const avail = await statusFrom(r, m, 1, 'Available');
    // The station's clock follows the CSMS's time (same machine here): the change is stamped at the expiry, not before.
    assert.ok(Date.parse((avail.payload as any).timestamp) >= Date.parse(expiryDate) - 500, `Available at ${(avail.payload as any).timestamp}, expiry ${expiryDate}`);
    assert.equal((await r.call('CancelReservation', { reservationId: 3 })).status, 'Rejected', 'gone');
    const m2 = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'SOMEONE');
    const start = await r.csms.waitFor('StartTransaction', (p) => p.connectorId === 1, 10_000, m2);
    assert.equal((start.payload as any).reservationId, undefined);
    await endSession(1, 'SOMEONE');
  });

  test('TC_048_1_CS Faulted: a faulted connector is not reserved; a reservation ends when its connector faults', async () => {
    await r.st.ok('sim', 'fault', '2', 'rcd');
    await r.st.until('EVSE 2 Faulted', (s) => s.evses[1].status === 'Faulted');
    assert.equal(await reserve(2, 'RES-D', 4), 'Faulted');
    await r.st.ok('sim', 'clear', '2');
    await r.st.until('EVSE 2 Available', (s) => s.evses[1].status === 'Available');
    const m = r.mark();
    assert.equal(await reserve(2, 'RES-D', 5), 'Accepted');
    await statusFrom(r, m, 2, 'Reserved');
    await r.st.ok('sim', 'fault', '2', 'rcd');
    await statusFrom(r, m, 2, 'Faulted');
    assert.equal((await r.call('CancelReservation', { reservationId: 5 })).status, 'Rejected', 'Faulted ended it (§5.13)');
    await r.st.ok('sim', 'clear', '2');
    await statusFrom(r, m, 2, 'Available');
  });

  test('TC_048_2_CS Occupied: a connector in use, or reserved by another reservation', async () => {
    await r.st.ok('sim', 'plug', '2');
    await r.st.until('EVSE 2 Preparing', (s) => s.evses[1].status === 'Preparing');
    assert.equal(await reserve(2, 'RES-E', 6), 'Occupied');
    await unplugToAvailable(r, 2);
    assert.equal(await reserve(2, 'RES-E', 6), 'Accepted');
    assert.equal(await reserve(2, 'RES-F', 7), 'Occupied', 'already reserved');
    assert.equal(await reserve(2, 'RES-F', 6), 'Accepted', 'the same reservationId replaces it');
    const out = await r.st.ok('reservations');
    assert.match(out, /^6\s+2\s+RES-F\s/m);
    assert.doesNotMatch(out, /RES-E/);
    assert.match(await r.st.ok('status'), /EVSE 2 reserved for RES-F \(reservation 6\)/);
    const m = r.mark();
    assert.equal((await r.call('CancelReservation', { reservationId: 6 })).status, 'Accepted');
    await statusFrom(r, m, 2, 'Available');
  });

  test('TC_048_3_CS Unavailable: an Inoperative connector is not reserved; Inoperative ends a reservation', async () => {
    assert.equal(await reserve(2, 'RES-G', 8), 'Accepted');
    const m = r.mark();
    assert.equal((await r.call('ChangeAvailability', { connectorId: 2, type: 'Inoperative' })).status, 'Accepted');
    await statusFrom(r, m, 2, 'Unavailable');
    assert.equal((await r.call('CancelReservation', { reservationId: 8 })).status, 'Rejected');
    assert.equal(await reserve(2, 'RES-G', 9), 'Unavailable');
    assert.equal((await r.call('ChangeAvailability', { connectorId: 2, type: 'Operative' })).status, 'Accepted');
    await statusFrom(r, m, 2, 'Available');
  });

  test('TC_048_4_CS Rejected: a connector the station does not have, an expiry already past', async () => {
    assert.equal(await reserve(3, 'RES-H', 10), 'Rejected');
    assert.equal(await reserve(1, 'RES-H', 10, { expiresInS: -60 }), 'Rejected');
    assert.equal((await r.call('CancelReservation', { reservationId: 10 })).status, 'Rejected');
  });

  test('TC_049_CS reservation of the charge point (connector 0): its card starts on any connector, with reservationId', async () => {
    const m = r.mark();
    assert.equal(await reserve(0, 'RES-I', 11), 'Accepted');
    assert.match(await r.st.ok('reservations'), /^11\s+any\s+RES-I\s/m);
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'RES-I');
    const start = await r.csms.waitFor('StartTransaction', (p) => p.connectorId === 2, 10_000, m);
    assert.equal((start.payload as any).reservationId, 11);
    await statusFrom(r, m, 2, 'Charging');
    assert.match(await r.st.ok('reservations'), /No reservations/);
    await endSession(2, 'RES-I');
  });

  test('TC_050_1_CS / TC_050_2_CS / TC_050_3_CS connector 0: Faulted, Occupied, Unavailable; the last free EVSE is kept for it', async () => {
    await r.st.ok('sim', 'fault', '1', 'rcd');
    await r.st.ok('sim', 'fault', '2', 'rcd');
    await r.st.until('both Faulted', (s) => s.evses.every((e: any) => e.status === 'Faulted'));
    assert.equal(await reserve(0, 'RES-J', 12), 'Faulted');
    await r.st.ok('sim', 'clear', '1');
    await r.st.ok('sim', 'clear', '2');
    await r.st.until('both Available', (s) => s.evses.every((e: any) => e.status === 'Available'));
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'plug', '2');
    await r.st.until('both Preparing', (s) => s.evses.every((e: any) => e.status === 'Preparing'));
    assert.equal(await reserve(0, 'RES-J', 12), 'Occupied');
    await r.st.ok('sim', 'unplug', '2');
    await r.st.until('EVSE 2 Available', (s) => s.evses[1].status === 'Available');
    assert.equal(await reserve(0, 'RES-J', 12), 'Accepted');
    // EVSE 2 is the last free one: another card may not take it (on EVSE 1 it could, EVSE 2 staying free).
    await r.st.ok('sim', 'plug', '2');
    const kept = await r.st.ctl(['sim', 'tag', '2', 'OTHER']);
    assert.match(kept.stdout, /rejected.*keeps this EVSE free for its reservation 12/i);
    assert.equal((await r.st.evse(2)).transaction, null);
    await unplugToAvailable(r, 1);
    await unplugToAvailable(r, 2);
    const m = r.mark();
    assert.equal((await r.call('ChangeAvailability', { connectorId: 0, type: 'Inoperative' })).status, 'Accepted');
    await statusFrom(r, m, 0, 'Unavailable');
    assert.equal((await r.call('CancelReservation', { reservationId: 12 })).status, 'Rejected', 'Unavailable ended it');
    assert.equal(await reserve(0, 'RES-J', 13), 'Unavailable');
    assert.equal((await r.call('ChangeAvailability', { connectorId: 0, type: 'Operative' })).status, 'Accepted');
    await statusFrom(r, m, 0, 'Available');
  });

  test('TC_051_CS cancel reservation: Accepted, the connector becomes Available; TC_052_CS an unknown id: Rejected', async () => {
    const m = r.mark();
    assert.equal(await reserve(1, 'RES-K', 14), 'Accepted');
    await statusFrom(r, m, 1, 'Reserved');
    assert.equal((await r.call('CancelReservation', { reservationId: 14 })).status, 'Accepted');
    await statusFrom(r, m, 1, 'Available');
    assert.equal((await r.call('CancelReservation', { reservationId: 14 })).status, 'Rejected');
    assert.equal((await r.call('CancelReservation', { reservationId: 999 })).status, 'Rejected');
  });

  test('TC_053_CS use a reserved connector with parentIdTag: a card of the group starts, one outside it is refused', async () => {
    const m = r.mark();
    assert.equal(await reserve(1, 'FAM-OWNER', 15, { parentIdTag: GROUP }), 'Accepted');
    await statusFrom(r, m, 1, 'Reserved');
    await r.st.ok('sim', 'plug', '1');
    const refused = await r.st.ctl(['sim', 'tag', '1', 'OUTSIDER']);
    assert.match(refused.stdout, /rejected.*reserved for another card/i);
    await r.st.ok('sim', 'tag', '1', 'FAM-KID');
    const start = await r.csms.waitFor('StartTransaction', (p) => p.connectorId === 1, 10_000, m);
    assert.equal((start.payload as any).idTag, 'FAM-KID');
    assert.equal((start.payload as any).reservationId, 15);
    const auths = r.csms.records.slice(m).filter((x) => x.dir === 'in' && x.kind === 'call' && x.action === 'Authorize').map((x) => (x.payload as any).idTag);
    assert.deepEqual(auths, ['OUTSIDER', 'FAM-KID'], 'the group comes from Authorize.conf (§5.13)');
    await statusFrom(r, m, 1, 'Charging');
    await endSession(1, 'FAM-KID');
  });

  test('a reservation survives a restart: Reserved again after the boot, still cancellable', async () => {
    const m = r.mark();
    assert.equal(await reserve(2, 'RES-L', 16), 'Accepted');
    await statusFrom(r, m, 2, 'Reserved');
    await r.st.stop();
    const from = r.mark();
    await relaunch(r);
    await booted(r, from, [0, 1, 2]);
    const after = r.csms.records.slice(from).filter((x) => x.dir === 'in' && x.kind === 'call' && x.action === 'StatusNotification' && (x.payload as any).connectorId === 2);
    assert.equal((after[0]!.payload as any).status, 'Reserved');
    assert.match(await r.st.ok('reservations'), /^16\s+2\s+RES-L\s/m);
    assert.equal((await r.call('CancelReservation', { reservationId: 16 })).status, 'Accepted');
    await statusFrom(r, from, 2, 'Available');
  });
});

describe('reservations with ReserveConnectorZeroSupported false', () => {
  let r: Rig;
  before(async () => {
    r = await rig('CP-RESV0', { ocppKeys: { ReserveConnectorZeroSupported: false } });
  });
  afterEach(() => assertValidFrames(r));
  after(() => r.close());

  test('TC_050_4_CS connector 0 is Rejected; a connector still Accepted; the key reads false', async () => {
    assert.equal((await getKey(r, 'ReserveConnectorZeroSupported'))?.value, 'false');
    assert.equal((await r.call('ReserveNow', { connectorId: 0, idTag: 'X', reservationId: 1, expiryDate: inS(600) })).status, 'Rejected');
    assert.equal((await r.call('ReserveNow', { connectorId: 1, idTag: 'X', reservationId: 2, expiryDate: inS(600) })).status, 'Accepted');
  });
});
