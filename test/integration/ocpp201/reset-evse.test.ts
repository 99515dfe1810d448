/**
 * B11/B12 Reset of one EVSE (EVSE.AllowReset true) against the strict 2.0.1 CSMS: Immediate stops that EVSE's
 * transaction (ResetCommand / ImmediateReset), OnIdle waits for it (Scheduled), an id waiting for the EV is
 * dropped; the other EVSE, the connection and the process are untouched (no reboot, no BootNotification).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { rig201, sent } from './harness.js';
import { assertStream, txEvents, waitEnded, startTx } from './tx-events.js';

describe('2.0.1 Reset of one EVSE', () => {
  let r: Rig;
  let pid: number;
  before(async () => {
    r = await rig201('CP201-RESETEVSE', { ocppKeys: { 'TxCtrlr.EVConnectionTimeOut': 600 } });
    pid = r.st.proc!.pid!;
  });
  after(() => r.close());
  afterEach(() => {
    assertValidFrames(r);
    assert.equal(sent(r, 'BootNotification').length, 1, 'an EVSE reset never reboots the station');
    assert.equal(r.st.proc!.pid, pid);
  });


  it('EVSE.AllowReset is true for every EVSE', async () => {
    const g = await r.call('GetVariables', {
      getVariableData: [1, 2].map((id) => ({ component: { name: 'EVSE', evse: { id } }, variable: { name: 'AllowReset' } })),
    });
    assert.deepEqual(g.getVariableResult.map((x: any) => x.attributeValue), ['true', 'true']);
  });

  it('TC_B_25_CS Reset(OnIdle / Immediate) of an EVSE without a transaction: Accepted, an id waiting for the EV is dropped', async () => {
    assert.equal((await r.call('Reset', { type: 'OnIdle', evseId: 2 })).status, 'Accepted');
    const m = r.mark();
    await r.st.ok('sim', 'tag', '1', 'CARD-W');
    await r.st.until('EVSE 1 waits for the EV', (s) => s.evses[0].status === 'Preparing');
    assert.equal((await r.call('Reset', { type: 'Immediate', evseId: 1 })).status, 'Accepted');
    await r.st.until('EVSE 1 available again', (s) => s.evses[0].status === 'Available');
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 1 && p.connectorStatus === 'Available', 5000, m);
    // The authorization is gone: plugging in now starts nothing.
    await r.st.ok('sim', 'plug', '1');
    await r.st.until('EVSE 1 occupied without a transaction', (s) => s.evses[0].status === 'Preparing' && s.evses[0].transaction === null);
    assert.equal(sent(r, 'TransactionEvent', m).length, 0);
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available');
  });

  it('TC_B_27_CS Reset(Immediate) of an EVSE with a transaction: Accepted, Ended (ResetCommand, ImmediateReset); the other EVSE charges on', async () => {
    const a = await startTx(r, 1, 'CARD-1');
    const b = await startTx(r, 2, 'CARD-2');
    const m = r.mark();
    assert.equal((await r.call('Reset', { type: 'Immediate', evseId: 1 })).status, 'Accepted');
    const ended = await waitEnded(r, a, m);
    assert.equal(ended.triggerReason, 'ResetCommand');
    assert.equal(ended.transactionInfo.stoppedReason, 'ImmediateReset');
    assertStream(txEvents(r, a));
    const s = await r.st.status();
    assert.equal(s.evses[0].transaction, null);
    assert.equal(s.evses[1].transaction.csmsId, b, 'EVSE 2 is not reset');
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 available', (x) => x.evses[0].status === 'Available');
    assert.equal(txEvents(r, b, m).filter((e) => e.eventType === 'Ended').length, 0);
    await r.st.ok('sim', 'tag', '2', 'CARD-2');
    await waitEnded(r, b, m);
    await r.st.ok('sim', 'unplug', '2');
    await r.st.until('EVSE 2 available', (x) => x.evses[1].status === 'Available');
  });

  it('TC_B_26_CS Reset(OnIdle) of an EVSE with a transaction: Scheduled, the transaction goes on until it ends normally', async () => {
    const id = await startTx(r, 2, 'CARD-S');
    const m = r.mark();
    assert.equal((await r.call('Reset', { type: 'OnIdle', evseId: 2 })).status, 'Scheduled');
    // A triggered Updated after the answer: the transaction is still there to report.
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'TransactionEvent', evse: { id: 2 } })).status, 'Accepted');
    await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'Trigger' && p.transactionInfo.transactionId === id, 5000, m);
    assert.equal(txEvents(r, id, m).filter((e) => e.eventType === 'Ended').length, 0, 'not stopped by the reset');
    await r.st.ok('sim', 'tag', '2', 'CARD-S');
    const ended = await waitEnded(r, id, m);
    assert.equal(ended.transactionInfo.stoppedReason, 'Local');
    await r.st.ok('sim', 'unplug', '2');
    await r.st.until('EVSE 2 available', (s) => s.evses[1].status === 'Available');
  });

  it('TC_B_28_CS / TC_B_29_CS an EVSE the station does not have: Rejected (UnknownEvse), the station stays connected', async () => {
    for (const evseId of [0, 3]) {
      const res = await r.call('Reset', { type: 'Immediate', evseId });
      assert.equal(res.status, 'Rejected');
      assert.equal(res.statusInfo.reasonCode, 'UnknownEvse');
    }
    assert.ok(r.csms.isConnected(r.id));
  });
});
