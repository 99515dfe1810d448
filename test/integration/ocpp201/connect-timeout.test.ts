/**
 * TxStartPoint Authorized and TxCtrlr.EVConnectionTimeOut (E03.FR.05, C01.FR.26, part 2 2.6.1): a transaction
 * that begins with the id, before the EV, ends with triggerReason EVConnectTimeout and stoppedReason Timeout when
 * no EV plugs in; a plug-in in time is an Updated CablePluggedIn and the transaction goes on. Against the strict
 * 2.0.1 CSMS.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { rig201 } from './harness.js';
import { assertStream, txEvents, waitEnded, waitStarted } from './tx-events.js';

describe('2.0.1 TxStartPoint Authorized and EVConnectionTimeOut', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-EVTO', {
      ocppKeys: { 'TxCtrlr.TxStartPoint': 'Authorized', 'TxCtrlr.TxStopPoint': 'EVConnected,Authorized', 'TxCtrlr.EVConnectionTimeOut': 1, 'SampledDataCtrlr.TxUpdatedInterval': 1 },
    });
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('TC_E_05_CS / TC_E_39_CS a card and no EV: Started (Authorized, Idle) at once, Ended (EVConnectTimeout, Timeout) after EVConnectionTimeOut, EVSE Available again', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'tag', '1', 'CARD-TO');
    const started = await waitStarted(r, 1, m);
    assert.equal(started.triggerReason, 'Authorized');
    assert.equal(started.transactionInfo.chargingState, 'Idle');
    assert.deepEqual(started.idToken, { idToken: 'CARD-TO', type: 'ISO14443' });
    const id = started.transactionInfo.transactionId;
    const ended = await waitEnded(r, id, m, 10_000);
    assert.equal(ended.triggerReason, 'EVConnectTimeout');
    assert.equal(ended.transactionInfo.stoppedReason, 'Timeout');
    assert.equal(ended.transactionInfo.chargingState, 'Idle');
    assertStream(txEvents(r, id, m));
    assert.equal(txEvents(r, id, m).filter((e) => e.triggerReason === 'CablePluggedIn').length, 0);
    await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available' && s.evses[0].transaction === null);
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 1 && p.connectorStatus === 'Available', 5000, m);
  });

  it('TC_E_03_CS card first, then the EV within EVConnectionTimeOut: Updated CablePluggedIn, the transaction outlives the timeout', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'tag', '2', 'CARD-OK');
    const started = await waitStarted(r, 2, m);
    const id = started.transactionInfo.transactionId;
    assert.equal(started.transactionInfo.chargingState, 'Idle');
    await r.st.ok('sim', 'plug', '2');
    const plugged = (await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'CablePluggedIn' && p.transactionInfo.transactionId === id, 5000, m)).payload as any;
    assert.equal(plugged.eventType, 'Updated');
    assert.notEqual(plugged.transactionInfo.chargingState, 'Idle');
    await r.st.until('EVSE 2 charging', (s) => s.evses[1].status === 'Charging');
    // Three 1 s periodic samples: at least two EVConnectionTimeOuts have passed since the plug-in.
    const k = r.mark();
    for (let i = 1; i <= 3; i++) await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'MeterValuePeriodic' && p.transactionInfo.transactionId === id && txEvents(r, id, k).filter((e) => e.triggerReason === 'MeterValuePeriodic').length >= i, 5000, k);
    assert.ok((await r.st.evse(2)).transaction, 'still running');
    const m2 = r.mark();
    await r.st.ok('sim', 'tag', '2', 'CARD-OK');
    const ended = await waitEnded(r, id, m2);
    assert.equal(ended.transactionInfo.stoppedReason, 'Local');
    assertStream(txEvents(r, id, m));
    await r.st.ok('sim', 'unplug', '2');
    await r.st.until('EVSE 2 available', (s) => s.evses[1].status === 'Available');
  });

  it('TC_F_04_CS RequestStartTransaction and no EV: Started (RemoteStart), then Ended (EVConnectTimeout, Timeout)', async () => {
    const m = r.mark();
    const res = await r.call('RequestStartTransaction', { evseId: 1, remoteStartId: 41, idToken: { idToken: 'REMOTE-TO', type: 'Central' } });
    assert.equal(res.status, 'Accepted');
    const started = await waitStarted(r, 1, m);
    assert.equal(started.triggerReason, 'RemoteStart');
    assert.equal(started.transactionInfo.remoteStartId, 41);
    const ended = await waitEnded(r, started.transactionInfo.transactionId, m, 10_000);
    assert.equal(ended.triggerReason, 'EVConnectTimeout');
    assert.equal(ended.transactionInfo.stoppedReason, 'Timeout');
    await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available');
  });
});
