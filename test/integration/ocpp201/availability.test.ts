/**
 * G01-G04 on a 2.0.1 station: connector status notifications from the core's EVSE status, ChangeAvailability for
 * an EVSE, a connector and the station, persisted across a reset (TC_B_23).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { rig201, sent } from './harness.js';

const statusOf = (r: Rig, evseId: number, status: string, from: number) =>
  r.csms.waitFor('StatusNotification', (p) => p.evseId === evseId && p.connectorId === 1 && p.connectorStatus === status, 10_000, from);

describe('2.0.1 availability', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-AVAIL');
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('TC_G_01_CS Available to Occupied when an EV is plugged in', async () => {
    const from = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await statusOf(r, 1, 'Occupied', from);
  });

  it('a card starts a transaction; the connector stays Occupied through its charging states', async () => {
    const out = await r.st.ok('sim', 'tag', '1', 'CARD-1');
    assert.match(out, /started/);
    await r.csms.waitFor('TransactionEvent', (p) => p.eventType === 'Started' && p.evse.id === 1);
    await r.st.until('EVSE 1 charging', (s) => s.evses[0].status === 'Charging');
  });

  it('TC_G_02_CS Occupied to Available when the EV leaves; Occupied is sent once, not per core state', async () => {
    const from = r.mark();
    await r.st.ok('sim', 'unplug', '1');
    await statusOf(r, 1, 'Available', from);
    const occupied = sent(r, 'StatusNotification').filter((p) => p.evseId === 1 && p.connectorStatus === 'Occupied');
    assert.equal(occupied.length, 1);
  });

  it('TC_G_03_CS / TC_G_04_CS EVSE Operative to Inoperative and back', async () => {
    let from = r.mark();
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 2 } })).status, 'Accepted');
    await statusOf(r, 2, 'Unavailable', from);
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 2 } })).status, 'Accepted', 'G03.FR.03 same state: Accepted');
    from = r.mark();
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Operative', evse: { id: 2 } })).status, 'Accepted');
    await statusOf(r, 2, 'Available', from);
  });

  it('TC_G_07_CS / TC_G_08_CS connector Operative to Inoperative and back; an unknown connector or EVSE is Rejected', async () => {
    let from = r.mark();
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 1, connectorId: 1 } })).status, 'Accepted');
    await statusOf(r, 1, 'Unavailable', from);
    from = r.mark();
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Operative', evse: { id: 1, connectorId: 1 } })).status, 'Accepted');
    await statusOf(r, 1, 'Available', from);
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 1, connectorId: 2 } })).status, 'Rejected');
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 7 } })).status, 'Rejected');
  });

  it('TC_G_05_CS / TC_G_06_CS the whole station Inoperative and back: every connector follows', async () => {
    let from = r.mark();
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Inoperative' })).status, 'Accepted');
    await statusOf(r, 1, 'Unavailable', from);
    await statusOf(r, 2, 'Unavailable', from);
    from = r.mark();
    assert.equal((await r.call('ChangeAvailability', { operationalStatus: 'Operative' })).status, 'Accepted');
    await statusOf(r, 1, 'Available', from);
    await statusOf(r, 2, 'Available', from);
  });

  it('TC_B_23_CS Unavailable persists a reset: after Reset(OnIdle) the EVSE boots Unavailable, reason RemoteReset', async () => {
    let from = r.mark();
    await r.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 2 } });
    await statusOf(r, 2, 'Unavailable', from);
    from = r.mark();
    assert.equal((await r.call('Reset', { type: 'OnIdle' })).status, 'Accepted');
    const boot = await r.csms.waitFor('BootNotification', () => true, 10_000, from);
    assert.equal((boot.payload as any).reason, 'RemoteReset');
    await statusOf(r, 2, 'Unavailable', r.csms.records.indexOf(boot));
    await statusOf(r, 1, 'Available', r.csms.records.indexOf(boot));
  });
});
