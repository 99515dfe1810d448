/**
 * OCPP 2.0.1 reservations (H01-H04) against a real chargerd and the strict 2.0.1 CSMS (every frame checked against
 * the OCA schemas), named after the part 6 cases that need no ISO 15118: ReserveNow for an EVSE, for any EVSE and
 * for a connector type with every answer, the Reserved connector status, who may use a reservation (its idToken,
 * a card of its groupIdToken), reservationId in TransactionEvent Started, CancelReservation, ReservationStatusUpdate
 * Expired / Removed, ReservationCtrlr, a reservation across Reset and restart, `chargerctl reservations`.
 * EVSE 1 has a type 2 socket (sType2), EVSE 2 a type 2 cable (cType2).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { answers, component, relaunch201, rig201, sent, variable } from './harness.js';
import { waitEnded, waitStarted } from './tx-events.js';

const GROUP = 'GRP-1';
const inS = (s: number) => new Date(Date.now() + s * 1000).toISOString();

describe('2.0.1 reservations (TC_H)', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-RESV', {
      ocppKeys: { 'TxCtrlr.EVConnectionTimeOut': 600 },
      station: { evses: [{ id: 1, maxCurrentA: 32, phases: 3, connector: 'socket' }, { id: 2, maxCurrentA: 32, phases: 3, connector: 'cable' }] },
    });
    // Cards FAM-* belong to the group GRP-1 (H03 S2: the group comes with the Authorize answer).
    r.csms.setHandler('Authorize', (p: any) => ({
      idTokenInfo: p.idToken.idToken.startsWith('FAM-') ? { status: 'Accepted', groupIdToken: { idToken: GROUP, type: 'Central' } } : { status: 'Accepted' },
    }));
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  type ReserveOpts = { evseId?: number; group?: string; expiresInS?: number; connectorType?: string };
  const reserve = (id: number, idToken: string, o: ReserveOpts = {}) =>
    r.call('ReserveNow', {
      id,
      idToken: { idToken, type: 'ISO14443' },
      expiryDateTime: inS(o.expiresInS ?? 600),
      ...(o.evseId !== undefined ? { evseId: o.evseId } : {}),
      ...(o.group ? { groupIdToken: { idToken: o.group, type: 'Central' } } : {}),
      ...(o.connectorType ? { connectorType: o.connectorType } : {}),
    });
  const status = async (id: number, idToken: string, o: ReserveOpts = {}) => (await reserve(id, idToken, o)).status as string;
  const connector = (from: number, evseId: number, connectorStatus: string) =>
    r.csms.waitFor('StatusNotification', (p) => p.evseId === evseId && p.connectorStatus === connectorStatus, 10_000, from);
  const connectorStatuses = (evseId: number, from: number) => sent(r, 'StatusNotification', from).filter((p) => p.evseId === evseId).map((p) => p.connectorStatus);
  const cancel = async (id: number) => (await r.call('CancelReservation', { reservationId: id })).status as string;
  const updates = (from: number) => sent(r, 'ReservationStatusUpdate', from);
  /** Frames on one connection keep their order: once the triggered Heartbeat is in, whatever came before it is too. */
  const fence = async () => {
    const m = r.mark();
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'Heartbeat' })).status, 'Accepted');
    await r.csms.waitFor('Heartbeat', () => true, 10_000, m);
  };
  const statusOf = async (evseId: number) => (await r.st.evse(evseId)).status as string;
  /** Stop the running transaction on `evse` with its card, unplug, back to Available. */
  async function endSession(evse: number, idToken: string, transactionId: string): Promise<void> {
    const m = r.mark();
    await r.st.ok('sim', 'tag', String(evse), idToken);
    await waitEnded(r, transactionId, m);
    await r.st.ok('sim', 'unplug', String(evse));
    await r.st.until(`EVSE ${evse} Available`, (s) => s.evses.find((e: any) => e.id === evse)?.status === 'Available');
  }

  it('ReservationCtrlr: Available and NonEvseSpecific true and read-only, Enabled true; TC_H_22_CS Enabled false: ReserveNow Rejected', async () => {
    const get = await r.call('GetVariables', {
      getVariableData: ['Available', 'Enabled', 'NonEvseSpecific'].map((v) => ({ component: component('ReservationCtrlr'), variable: variable(v) })),
    });
    assert.deepEqual(get.getVariableResult.map((x: any) => [x.variable.name, x.attributeStatus, x.attributeValue]), [
      ['Available', 'Accepted', 'true'],
      ['Enabled', 'Accepted', 'true'],
      ['NonEvseSpecific', 'Accepted', 'true'],
    ]);
    const ro = await r.call('SetVariables', { setVariableData: [{ component: component('ReservationCtrlr'), variable: variable('NonEvseSpecific'), attributeValue: 'false' }] });
    assert.equal(ro.setVariableResult[0].attributeStatus, 'Rejected');
    const set = (v: string) => r.call('SetVariables', { setVariableData: [{ component: component('ReservationCtrlr'), variable: variable('Enabled'), attributeValue: v }] });
    assert.equal((await set('false')).setVariableResult[0].attributeStatus, 'Accepted');
    try {
      const res = await reserve(1, 'RES-X', { evseId: 1 });
      assert.equal(res.status, 'Rejected');
      assert.equal(res.statusInfo.reasonCode, 'NotEnabled');
      assert.equal(await status(2, 'RES-X'), 'Rejected', 'without evseId too');
    } finally {
      assert.equal((await set('true')).setVariableResult[0].attributeStatus, 'Accepted');
    }
    assert.equal(await statusOf(1), 'Available');
  });

  it('TC_H_01_CS reserve a specific EVSE, valid idToken: Reserved, the card consumes it, the start carries reservationId', async () => {
    const m = r.mark();
    assert.equal(await status(10, 'RES-A', { evseId: 1 }), 'Accepted');
    await connector(m, 1, 'Reserved');
    assert.match(await r.st.ok('reservations'), /^10\s+1\s+RES-A\s/m, 'chargerctl reservations on a 2.0.1 station');
    await r.st.ok('sim', 'tag', '1', 'RES-A');
    // H03.FR.09: the matching card consumes it, before the EV is there.
    await r.st.until('reservation 10 consumed', (s) => s.evses[0].reservation === null && s.evses[0].status === 'Preparing');
    assert.equal(await cancel(10), 'Rejected', 'the card used it');
    await r.st.ok('sim', 'plug', '1');
    const started = await waitStarted(r, 1, m);
    assert.equal(started.reservationId, 10, 'the start still names it');
    assert.deepEqual(started.idToken, { idToken: 'RES-A', type: 'ISO14443' });
    await fence();
    assert.deepEqual(updates(m), [], 'a used reservation is not reported (the TransactionEvent tells)');
    await endSession(1, 'RES-A', started.transactionInfo.transactionId);
  });

  it('TC_H_02_CS reserve a specific EVSE, different idToken: refused, the EVSE stays Reserved; TC_H_17_CS cancel: Available, no ReservationStatusUpdate', async () => {
    const m = r.mark();
    assert.equal(await status(11, 'RES-B', { evseId: 1 }), 'Accepted');
    await connector(m, 1, 'Reserved');
    const refused = await r.st.ctl(['sim', 'tag', '1', 'OTHER']);
    assert.match(refused.stdout, /rejected.*EVSE 1 is reserved for another card \(reservation 11/i);
    assert.equal(await statusOf(1), 'Reserved');
    assert.equal(await cancel(11), 'Accepted');
    await connector(m, 1, 'Available');
    assert.equal(await cancel(11), 'Rejected');
    await fence();
    assert.deepEqual(connectorStatuses(1, m), ['Reserved', 'Available']);
    assert.deepEqual(sent(r, 'TransactionEvent', m), []);
    assert.deepEqual(updates(m), [], 'H02: the CSMS cancelled it, it is not told again');
  });

  it('TC_H_18_CS CancelReservation of an unknown id: Rejected', async () => {
    const res = await r.call('CancelReservation', { reservationId: 9999 });
    assert.equal(res.status, 'Rejected');
  });

  it('TC_H_03_CS / TC_H_04_CS specific EVSE Occupied: reserved by another reservation, or in use', async () => {
    assert.equal(await status(12, 'RES-C', { evseId: 1 }), 'Accepted');
    assert.equal(await status(13, 'RES-D', { evseId: 1 }), 'Occupied');
    assert.equal(await cancel(12), 'Accepted');
    const m = r.mark();
    await r.st.ok('sim', 'plug', '2');
    await connector(m, 2, 'Occupied');
    assert.equal(await status(13, 'RES-D', { evseId: 2 }), 'Occupied');
    await r.st.ok('sim', 'unplug', '2');
    await connector(m, 2, 'Available');
    assert.equal(await cancel(13), 'Rejected', 'nothing was made');
  });

  it('TC_H_06_CS specific EVSE Unavailable; TC_H_21_CS Unavailable ends a reservation: ReservationStatusUpdate Removed', async () => {
    const avail = (type: string) => r.call('ChangeAvailability', { operationalStatus: type, evse: { id: 1 } }).then((x) => x.status as string);
    const m = r.mark();
    assert.equal(await status(14, 'RES-E', { evseId: 1 }), 'Accepted');
    await connector(m, 1, 'Reserved');
    assert.equal(await avail('Inoperative'), 'Accepted');
    await connector(m, 1, 'Unavailable');
    const u = await r.csms.waitFor('ReservationStatusUpdate', () => true, 10_000, m);
    assert.deepEqual(u.payload, { reservationId: 14, reservationUpdateStatus: 'Removed' });
    assert.equal(await cancel(14), 'Rejected');
    assert.equal(await status(15, 'RES-E', { evseId: 1 }), 'Unavailable');
    assert.equal(await avail('Operative'), 'Accepted');
    await connector(m, 1, 'Available');
  });

  it('H01.FR.12 / FR.16 (TC_H_20) Faulted: a faulted EVSE is not reserved; a fault ends the reservation: Removed', async () => {
    await r.st.ok('sim', 'fault', '2', 'rcd');
    await r.st.until('EVSE 2 Faulted', (s) => s.evses[1].status === 'Faulted');
    assert.equal(await status(16, 'RES-F', { evseId: 2 }), 'Faulted');
    await r.st.ok('sim', 'clear', '2');
    await r.st.until('EVSE 2 Available', (s) => s.evses[1].status === 'Available');
    const m = r.mark();
    assert.equal(await status(16, 'RES-F', { evseId: 2 }), 'Accepted');
    await connector(m, 2, 'Reserved');
    await r.st.ok('sim', 'fault', '2', 'rcd');
    await connector(m, 2, 'Faulted');
    const u = await r.csms.waitFor('ReservationStatusUpdate', () => true, 10_000, m);
    assert.deepEqual(u.payload, { reservationId: 16, reservationUpdateStatus: 'Removed' });
    await r.st.ok('sim', 'clear', '2');
    await connector(m, 2, 'Available');
  });

  it('TC_H_07_CS reservation ended, not used: Reserved, then at the expiry Available and ReservationStatusUpdate Expired (in that order)', async () => {
    const m = r.mark();
    const expiry = inS(2);
    const res = await r.call('ReserveNow', { id: 17, idToken: { idToken: 'RES-G', type: 'ISO14443' }, expiryDateTime: expiry, evseId: 2 });
    assert.equal(res.status, 'Accepted');
    await connector(m, 2, 'Reserved');
    const u = await r.csms.waitFor('ReservationStatusUpdate', () => true, 10_000, m);
    assert.deepEqual(u.payload, { reservationId: 17, reservationUpdateStatus: 'Expired' });
    const avail = await connector(m, 2, 'Available');
    assert.ok(r.csms.records.indexOf(avail) < r.csms.records.indexOf(u), 'H04: StatusNotification Available, then ReservationStatusUpdate');
    assert.ok(Date.parse((avail.payload as any).timestamp) >= Date.parse(expiry) - 500, 'not before the expiry');
    assert.equal(await cancel(17), 'Rejected');
  });

  it('TC_H_23_CS the same id replaces the reservation (on another EVSE): the old EVSE Available, the new one Reserved', async () => {
    const m = r.mark();
    assert.equal(await status(18, 'RES-H', { evseId: 1 }), 'Accepted');
    await connector(m, 1, 'Reserved');
    assert.equal(await status(18, 'RES-I', { evseId: 2 }), 'Accepted');
    await connector(m, 1, 'Available');
    await connector(m, 2, 'Reserved');
    const out = await r.st.ok('reservations');
    assert.match(out, /^18\s+2\s+RES-I\s/m);
    assert.doesNotMatch(out, /RES-H/);
    assert.equal(await cancel(18), 'Accepted');
    await connector(m, 2, 'Available');
    await fence();
    assert.deepEqual(updates(m), [], 'a replacement is the CSMS own doing');
  });

  it('TC_H_19_CS reserve a specific EVSE with a groupIdToken: a card of the group (Authorize) starts with reservationId, another is refused', async () => {
    const m = r.mark();
    assert.equal(await status(19, 'FAM-OWNER', { evseId: 1, group: GROUP }), 'Accepted');
    await connector(m, 1, 'Reserved');
    await r.st.ok('sim', 'plug', '1');
    const refused = await r.st.ctl(['sim', 'tag', '1', 'OUTSIDER']);
    assert.match(refused.stdout, /rejected.*reserved for another card/i);
    await r.st.ok('sim', 'tag', '1', 'FAM-KID');
    const started = await waitStarted(r, 1, m);
    assert.equal(started.reservationId, 19);
    assert.deepEqual(started.idToken, { idToken: 'FAM-KID', type: 'ISO14443' });
    assert.deepEqual(sent(r, 'Authorize', m).map((p) => p.idToken.idToken), ['OUTSIDER', 'FAM-KID'], 'H03.FR.08: the group is asked for');
    await endSession(1, 'FAM-KID', started.transactionInfo.transactionId);
  });

  it('TC_H_08_CS reserve an unspecified EVSE: Accepted, both EVSEs stay Available; RequestStartTransaction of its idToken starts with reservationId', async () => {
    const m = r.mark();
    assert.equal(await status(20, 'RES-J'), 'Accepted');
    assert.match(await r.st.ok('reservations'), /^20\s+any\s+RES-J\s/m);
    await fence();
    assert.deepEqual(sent(r, 'StatusNotification', m), [], 'one reservation, two free EVSEs: none shown Reserved');
    const start = await r.call('RequestStartTransaction', { idToken: { idToken: 'RES-J', type: 'ISO14443' }, remoteStartId: 7 });
    assert.equal(start.status, 'Accepted');
    const evse = (await r.st.status()).evses.find((e: any) => e.status === 'Preparing')!.id as number;
    await r.st.ok('sim', 'plug', String(evse));
    const started = await waitStarted(r, evse, m);
    assert.equal(started.reservationId, 20);
    assert.equal(started.transactionInfo.remoteStartId, 7);
    await endSession(evse, 'RES-J', started.transactionInfo.transactionId);
  });

  it('TC_H_24_CS reserve an unspecified EVSE with a groupIdToken: a card of the group starts on any EVSE with reservationId', async () => {
    const m = r.mark();
    assert.equal(await status(21, 'FAM-OWNER', { group: GROUP }), 'Accepted');
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'FAM-OTHER');
    const started = await waitStarted(r, 2, m);
    assert.equal(started.reservationId, 21);
    assert.deepEqual(await r.st.ok('reservations'), 'No reservations.\n');
    await endSession(2, 'FAM-OTHER', started.transactionInfo.transactionId);
  });

  it('TC_H_09_CS / TC_H_10_CS unspecified EVSE Occupied: every EVSE reserved, or every EVSE in use', async () => {
    assert.equal(await status(22, 'RES-K', { evseId: 1 }), 'Accepted');
    assert.equal(await status(23, 'RES-L', { evseId: 2 }), 'Accepted');
    assert.equal(await status(24, 'RES-M'), 'Occupied');
    assert.equal(await cancel(22), 'Accepted');
    assert.equal(await cancel(23), 'Accepted');
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'plug', '2');
    await connector(m, 1, 'Occupied');
    await connector(m, 2, 'Occupied');
    assert.equal(await status(24, 'RES-M'), 'Occupied');
    await r.st.ok('sim', 'unplug', '1');
    await r.st.ok('sim', 'unplug', '2');
    await connector(m, 1, 'Available');
    await connector(m, 2, 'Available');
  });

  it('TC_H_14_CS unspecified: as many reservations as free EVSEs shows every EVSE Reserved (H01.FR.20); a cancel frees them (H02.FR.06)', async () => {
    const m = r.mark();
    assert.equal(await status(25, 'RES-N'), 'Accepted');
    assert.equal(await status(26, 'RES-O'), 'Accepted');
    await connector(m, 1, 'Reserved');
    await connector(m, 2, 'Reserved');
    assert.equal(await status(27, 'RES-P'), 'Occupied', 'no third EVSE');
    assert.equal(await status(27, 'RES-P', { evseId: 1 }), 'Occupied', 'EVSE 1 is kept for the unspecified ones');
    const refused = await r.st.ctl(['sim', 'tag', '1', 'OTHER']);
    assert.match(refused.stdout, /rejected.*keeps this EVSE free for its reservations 25, 26/i);
    assert.equal(await cancel(26), 'Accepted');
    await connector(m, 1, 'Available');
    await connector(m, 2, 'Available');
    assert.equal(await cancel(25), 'Accepted');
    await fence();
    assert.deepEqual(connectorStatuses(1, m), ['Reserved', 'Available']);
  });

  it('TC_H_12_CS unspecified EVSE Unavailable: the station Inoperative (its reservations end: Removed)', async () => {
    const m = r.mark();
    assert.equal(await status(28, 'RES-Q'), 'Accepted');
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Inoperative' })).status, 'Accepted');
    const u = await r.csms.waitFor('ReservationStatusUpdate', () => true, 10_000, m);
    assert.deepEqual(u.payload, { reservationId: 28, reservationUpdateStatus: 'Removed' });
    assert.equal(await status(29, 'RES-Q'), 'Unavailable');
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Operative' })).status, 'Accepted');
    await connector(m, 1, 'Available');
    await connector(m, 2, 'Available');
  });

  it('TC_H_15_CS / TC_H_16_CS a connector type: cType2 Accepted and, its one EVSE needed, shown Reserved; only a card of it starts there; an unknown type Rejected', async () => {
    const unknown = await reserve(30, 'RES-R', { connectorType: 'cCCS2' });
    assert.equal(unknown.status, 'Rejected');
    assert.equal(unknown.statusInfo.reasonCode, 'UnknownConnectorType');
    assert.equal((await reserve(30, 'RES-R', { evseId: 1, connectorType: 'cType2' })).statusInfo?.reasonCode, 'UnknownConnectorType', 'EVSE 1 has a socket');
    const m = r.mark();
    assert.equal(await status(31, 'RES-S', { connectorType: 'cType2' }), 'Accepted');
    await connector(m, 2, 'Reserved');
    assert.match(await r.st.ok('reservations'), /^31\s+any cType2\s+RES-S\s/m);
    assert.equal(await status(32, 'RES-T', { connectorType: 'cType2' }), 'Occupied', 'the one cType2 EVSE is taken');
    assert.equal(await status(32, 'RES-T', { connectorType: 'sType2' }), 'Accepted', 'the socket is free for a socket reservation');
    await connector(m, 1, 'Reserved');
    await r.st.ok('sim', 'plug', '2');
    const refused = await r.st.ctl(['sim', 'tag', '2', 'RES-T']);
    assert.match(refused.stdout, /rejected/i, 'the socket reservation is no use on the cable');
    await r.st.ok('sim', 'tag', '2', 'RES-S');
    const started = await waitStarted(r, 2, m);
    assert.equal(started.reservationId, 31);
    assert.equal(await cancel(32), 'Accepted');
    await connector(m, 1, 'Available');
    await endSession(2, 'RES-S', started.transactionInfo.transactionId);
  });

  it('a reservation survives Reset(Immediate) (TC_B_24_CS) and a restart: Reserved after the boot; one that expired while down is reported Expired', async () => {
    let m = r.mark();
    assert.equal(await status(40, 'RES-U', { evseId: 2 }), 'Accepted');
    await connector(m, 2, 'Reserved');
    assert.equal((await r.call('Reset', { type: 'Immediate' })).status, 'Accepted');
    assert.equal(await r.st.exitCode(10_000), 0);
    m = r.mark();
    await relaunch201(r);
    await r.csms.waitFor('BootNotification', () => true, 10_000, m);
    const first = await r.csms.waitFor('StatusNotification', (p) => p.evseId === 2, 10_000, m);
    assert.equal((first.payload as any).connectorStatus, 'Reserved');
    assert.match(await r.st.ok('reservations'), /^40\s+2\s+RES-U\s/m);
    // A short one, and the station down past its expiry: the CSMS still learns it expired.
    const expiry = inS(2);
    assert.equal((await r.call('ReserveNow', { id: 41, idToken: { idToken: 'RES-V', type: 'ISO14443' }, expiryDateTime: expiry, evseId: 1 })).status, 'Accepted');
    await r.st.stop();
    while (Date.now() <= Date.parse(expiry)) await new Promise((res) => setTimeout(res, Date.parse(expiry) - Date.now() + 50));
    m = r.mark();
    await relaunch201(r);
    const u = await r.csms.waitFor('ReservationStatusUpdate', () => true, 10_000, m);
    assert.deepEqual(u.payload, { reservationId: 41, reservationUpdateStatus: 'Expired' });
    const boot = await r.csms.waitFor('BootNotification', () => true, 10_000, m);
    assert.ok(r.csms.records.indexOf(boot) < r.csms.records.indexOf(u), 'sent once registered');
    assert.equal(((await r.csms.waitFor('StatusNotification', (p) => p.evseId === 1, 10_000, m)).payload as any).connectorStatus, 'Available');
    assert.equal(await cancel(40), 'Accepted');
    await connector(m, 2, 'Available');
    assert.deepEqual(answers(r, 'CancelReservation', m), [{ status: 'Accepted' }]);
  });

  it('Reset(OnIdle) with a reservation pending is Scheduled (errata 2.14: not idle); the reservation ending lets it reboot', async () => {
    const m = r.mark();
    assert.equal(await status(50, 'RES-W', { evseId: 1 }), 'Accepted');
    assert.equal((await r.call('Reset', { type: 'OnIdle' })).status, 'Scheduled');
    await fence();
    assert.deepEqual(sent(r, 'BootNotification', m), [], 'no reboot while reserved');
    assert.equal(await cancel(50), 'Accepted');
    const boot = await r.csms.waitFor('BootNotification', () => true, 10_000, m);
    assert.equal((boot.payload as any).reason, 'RemoteReset');
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 2, 10_000, r.csms.records.indexOf(boot));
  });
});
