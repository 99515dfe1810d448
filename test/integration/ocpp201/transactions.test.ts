/**
 * OCPP 2.0.1 transactions against the strict 2.0.1 CSMS (every frame validated against the OCA schemas), driven
 * with chargerctl: TransactionEvent Started / Updated / Ended with the station's transactionId, gap-free seqNo,
 * triggerReason, chargingState, idToken, evse, stoppedReason and meter values; C01 Authorize; F01-F03 remote
 * start and stop; E14 GetTransactionStatus; E40 / E43 offline transactions replayed with offline=true.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { rig201, sent } from './harness.js';
import { assertStream, txEvents, waitEnded, waitStarted } from './tx-events.js';

const contexts = (e: any): string[] => (e.meterValue ?? []).flatMap((m: any) => m.sampledValue.map((v: any) => v.context));

describe('2.0.1 transactions', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-TX', { ocppKeys: { 'SampledDataCtrlr.TxUpdatedInterval': 1, 'TxCtrlr.EVConnectionTimeOut': 600, 'AuthCtrlr.OfflineTxForUnknownIdEnabled': true } });
    r.csms.setHandler('Authorize', (p: any) => ({ idTokenInfo: { status: p.idToken.idToken === 'BAD' ? 'Invalid' : 'Accepted' } }));
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('TC_E_03_CS / TC_C_01 cable plugged in first, then a card: Authorize, Started (Authorized), periodic Updated, stop by the same card (TC_E_06_CS / TC_E_15_CS)', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 1 && p.connectorStatus === 'Occupied', 5000, m);
    await r.st.ok('sim', 'tag', '1', 'CARD-A');
    const auth = await r.csms.waitFor('Authorize', (p) => p.idToken.idToken === 'CARD-A', 5000, m);
    assert.deepEqual((auth.payload as any).idToken, { idToken: 'CARD-A', type: 'ISO14443' });
    const started = await waitStarted(r, 1, m);
    assert.equal(started.triggerReason, 'Authorized');
    assert.equal(started.seqNo, 0);
    assert.deepEqual(started.evse, { id: 1, connectorId: 1 });
    assert.deepEqual(started.idToken, { idToken: 'CARD-A', type: 'ISO14443' });
    assert.equal(started.transactionInfo.chargingState, 'EVConnected');
    assert.equal(started.offline, undefined);
    assert.deepEqual(contexts(started), ['Transaction.Begin']);
    const id = started.transactionInfo.transactionId;
    assert.match(id, /^[0-9a-f-]{36}$/);
    const st = await r.st.evse(1);
    assert.equal(st.transaction.csmsId, id, 'the journal keeps the transactionId as the CSMS id');
    await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'ChargingStateChanged' && p.transactionInfo.chargingState === 'Charging' && p.transactionInfo.transactionId === id, 5000, m);
    await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'MeterValuePeriodic' && p.transactionInfo.transactionId === id, 5000, m);
    await r.st.ok('sim', 'tag', '1', 'CARD-A');
    const ended = await waitEnded(r, id, m);
    assert.equal(ended.triggerReason, 'StopAuthorized');
    assert.equal(ended.transactionInfo.stoppedReason, 'Local');
    assert.deepEqual(ended.idToken, { idToken: 'CARD-A', type: 'ISO14443' });
    assert.ok(contexts(ended).includes('Transaction.End'));
    const events = assertStream(txEvents(r, id, m));
    for (const e of events.filter((x) => x.eventType === 'Updated' && x.triggerReason === 'MeterValuePeriodic')) assert.deepEqual([...new Set(contexts(e))], ['Sample.Periodic']);
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available');
  });

  it('TC_E_04_CS card first, then the cable: Started (CablePluggedIn); unplugging ends it (TC_E_14_CS: EVCommunicationLost, EVDisconnected)', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'tag', '2', 'CARD-B');
    await r.csms.waitFor('Authorize', (p) => p.idToken.idToken === 'CARD-B', 5000, m);
    await r.st.ok('sim', 'plug', '2');
    const started = await waitStarted(r, 2, m);
    assert.equal(started.triggerReason, 'CablePluggedIn');
    assert.deepEqual(started.idToken, { idToken: 'CARD-B', type: 'ISO14443' });
    const id = started.transactionInfo.transactionId;
    await r.st.until('EVSE 2 charging', (s) => s.evses[1].status === 'Charging');
    await r.st.ok('sim', 'unplug', '2');
    const ended = await waitEnded(r, id, m);
    assert.equal(ended.triggerReason, 'EVCommunicationLost');
    assert.equal(ended.transactionInfo.stoppedReason, 'EVDisconnected');
    assert.equal(ended.transactionInfo.chargingState, 'Idle');
    assertStream(txEvents(r, id, m));
    await r.st.until('EVSE 2 available', (s) => s.evses[1].status === 'Available');
  });

  it('TC_C_02_CS an invalid card starts nothing', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'BAD');
    await r.csms.waitFor('Authorize', (p) => p.idToken.idToken === 'BAD', 5000, m);
    const e = await r.st.evse(1);
    assert.equal(e.transaction, null);
    assert.equal(sent(r, 'TransactionEvent', m).length, 0);
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available');
  });

  it('TC_F_01_CS remote start with the cable plugged in: Started (RemoteStart) with remoteStartId; TC_F_08_CS remote stop (RemoteStop, Remote)', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 1 && p.connectorStatus === 'Occupied', 5000, m);
    const res = await r.call('RequestStartTransaction', { idToken: { idToken: 'APP-USER', type: 'Central' }, remoteStartId: 42, evseId: 1 });
    assert.equal(res.status, 'Accepted');
    const started = await waitStarted(r, 1, m);
    assert.equal(started.triggerReason, 'RemoteStart');
    assert.equal(started.transactionInfo.remoteStartId, 42);
    assert.deepEqual(started.idToken, { idToken: 'APP-USER', type: 'Central' });
    // AuthorizeRemoteStart is false by default: no Authorize.
    assert.equal(sent(r, 'Authorize', m).length, 0);
    const id = started.transactionInfo.transactionId;
    const stop = await r.call('RequestStopTransaction', { transactionId: id });
    assert.equal(stop.status, 'Accepted');
    const ended = await waitEnded(r, id, m);
    assert.equal(ended.triggerReason, 'RemoteStop');
    assert.equal(ended.transactionInfo.stoppedReason, 'Remote');
    assertStream(txEvents(r, id, m));
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available');
  });

  it('TC_F_09_CS RequestStopTransaction of an unknown transaction is Rejected', async () => {
    const res = await r.call('RequestStopTransaction', { transactionId: 'no-such-transaction' });
    assert.equal(res.status, 'Rejected');
  });

  it('TC_F_02_CS remote start first with AuthorizeRemoteStart true: Authorize, then the cable starts it', async () => {
    const set = await r.call('SetVariables', { setVariableData: [{ component: { name: 'AuthCtrlr' }, variable: { name: 'AuthorizeRemoteStart' }, attributeValue: 'true' }] });
    assert.equal(set.setVariableResult[0].attributeStatus, 'Accepted');
    try {
      const m = r.mark();
      const res = await r.call('RequestStartTransaction', { idToken: { idToken: 'APP-2', type: 'Central' }, remoteStartId: 43, evseId: 2 });
      assert.equal(res.status, 'Accepted');
      const auth = await r.csms.waitFor('Authorize', (p) => p.idToken.idToken === 'APP-2', 5000, m);
      assert.equal((auth.payload as any).idToken.type, 'Central');
      await r.st.until('EVSE 2 authorized', (s) => s.evses[1].status !== 'Available');
      await r.st.ok('sim', 'plug', '2');
      const started = await waitStarted(r, 2, m);
      assert.equal(started.triggerReason, 'RemoteStart');
      assert.equal(started.transactionInfo.remoteStartId, 43);
      const id = started.transactionInfo.transactionId;
      await r.st.ok('sim', 'unplug', '2');
      await waitEnded(r, id, m);
      assertStream(txEvents(r, id, m));
      await r.st.until('EVSE 2 available', (s) => s.evses[1].status === 'Available');
    } finally {
      await r.call('SetVariables', { setVariableData: [{ component: { name: 'AuthCtrlr' }, variable: { name: 'AuthorizeRemoteStart' }, attributeValue: 'false' }] });
    }
  });

  it('TC_E_28_CS .. TC_E_34_CS GetTransactionStatus: unknown id, ongoing, ended, without id', async () => {
    const unknown = await r.call('GetTransactionStatus', { transactionId: 'unknown-id' });
    assert.deepEqual(unknown, { messagesInQueue: false, ongoingIndicator: false });
    const none = await r.call('GetTransactionStatus', {});
    assert.deepEqual(none, { messagesInQueue: false });
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'CARD-S');
    const id = (await waitStarted(r, 1, m)).transactionInfo.transactionId;
    await r.csms.waitFor('TransactionEvent', (p) => p.seqNo === 0 && p.transactionInfo.transactionId === id, 5000, m);
    const ongoing = await r.call('GetTransactionStatus', { transactionId: id });
    assert.equal(ongoing.ongoingIndicator, true);
    await r.st.ok('sim', 'tag', '1', 'CARD-S');
    await waitEnded(r, id, m);
    await r.st.until('queue drained', (s) => s.queue.depth === 0);
    assert.deepEqual(await r.call('GetTransactionStatus', {}), { messagesInQueue: false });
    const ended = await r.call('GetTransactionStatus', { transactionId: id });
    assert.equal(ended.ongoingIndicator, false);
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available');
  });

  it('TC_E_43_CS / TC_E_44_CS a transaction entirely offline is replayed on reconnect with offline=true and contiguous seqNo', async () => {
    r.csms.setAccepting(false);
    await r.csms.disconnect(r.id);
    await r.st.until('disconnected', (s) => s.connection.state !== 'open');
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'OFFLINE-CARD');
    const s = await r.st.until('EVSE 2 charging offline', (x) => x.evses[1].status === 'Charging' && x.evses[1].transaction);
    const id = s.evses[1].transaction.csmsId;
    await r.st.ok('sim', 'unplug', '2');
    await r.st.until('EVSE 2 available', (x) => x.evses[1].status === 'Available');
    const m = r.mark();
    r.csms.setAccepting(true);
    await r.csms.waitForConnection(r.id);
    const ended = await waitEnded(r, id, m, 20_000);
    assert.equal(ended.offline, true);
    const events = assertStream(txEvents(r, id, m));
    assert.ok(events.every((e) => e.offline === true), 'every event happened offline');
    assert.equal(events[0].transactionInfo.transactionId, id);
  });

  it('TC_B_21_CS Reset OnIdle during a transaction is Scheduled: the station reboots once it has ended', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'CARD-R');
    const id = (await waitStarted(r, 1, m)).transactionInfo.transactionId;
    const res = await r.call('Reset', { type: 'OnIdle' });
    assert.equal(res.status, 'Scheduled');
    await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'ChargingStateChanged' && p.transactionInfo.transactionId === id, 5000, m);
    assert.equal(sent(r, 'BootNotification', m).length, 0, 'no reboot while the transaction runs');
    assert.ok((await r.st.evse(1)).transaction, 'the transaction was not stopped by the reset');
    // The reboot follows the stop at once and may close the control socket before chargerctl's answer.
    await r.st.ok('sim', 'tag', '1', 'CARD-R', '--no-wait');
    const ended = await waitEnded(r, id, m);
    assert.equal(ended.transactionInfo.stoppedReason, 'Local');
    const boot = await r.csms.waitFor('BootNotification', () => true, 15_000, m);
    assert.equal((boot.payload as any).reason, 'RemoteReset');
    assert.ok(r.csms.records.indexOf(boot) > r.csms.records.findIndex((x) => x.action === 'TransactionEvent' && (x.payload as any).eventType === 'Ended' && (x.payload as any).transactionInfo.transactionId === id));
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 2, 10_000, r.csms.records.indexOf(boot));
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available' && s.registration === 'Accepted');
  });

  it('TxStartPoint / TxStopPoint this station cannot act on are Rejected by SetVariables with the reason', async () => {
    const res = await r.call('SetVariables', {
      setVariableData: [
        { component: { name: 'TxCtrlr' }, variable: { name: 'TxStartPoint' }, attributeValue: 'EnergyTransfer' },
        { component: { name: 'TxCtrlr' }, variable: { name: 'TxStopPoint' }, attributeValue: 'EVConnected' },
        { component: { name: 'TxCtrlr' }, variable: { name: 'TxStartPoint' }, attributeValue: 'PowerPathClosed' },
      ],
    });
    assert.deepEqual(res.setVariableResult.map((x: any) => x.attributeStatus), ['Rejected', 'Rejected', 'Accepted']);
    assert.match(res.setVariableResult[0].attributeStatusInfo.additionalInfo, /EnergyTransfer is not supported/);
    assert.match(res.setVariableResult[1].attributeStatusInfo.additionalInfo, /must include Authorized/);
  });
});
