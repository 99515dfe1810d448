/**
 * Remote start and stop (OCTT TC_010, TC_011_1, TC_011_2, TC_012, TC_026, TC_027, TC_028).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rig, type Rig } from './harness.js';

describe('remote start and stop', () => {
  let r: Rig;
  before(async () => {
    r = await rig('CP-REMOTE', { ocppKeys: { ConnectionTimeOut: 2 } });
  });
  after(() => r.close());

  test('TC_010_CS cable plugged in first, remote start, TC_012_CS remote stop', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Preparing', 5000, m);
    const res = await r.csms.call(r.id, 'RemoteStartTransaction', { connectorId: 1, idTag: 'REMOTE-1' });
    assert.equal(res.status, 'Accepted');
    const start = await r.csms.waitFor('StartTransaction', (p) => p.idTag === 'REMOTE-1', 5000, m);
    // AuthorizeRemoteTxRequests is false: no Authorize before the start.
    assert.equal(r.csms.received('Authorize').filter((x) => r.csms.records.indexOf(x) > m).length, 0);
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Charging', 5000, m);
    const conf = r.csms.records.find((x) => x.kind === 'result' && x.action === 'StartTransaction' && x.messageId === start.messageId)!;
    const txId = (conf.payload as any).transactionId;
    await r.st.until('CSMS id known', (s) => s.evses[0].transaction?.csmsId === String(txId));
    const stopRes = await r.csms.call(r.id, 'RemoteStopTransaction', { transactionId: txId });
    assert.equal(stopRes.status, 'Accepted');
    const stop = await r.csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 5000, m);
    assert.equal((stop.payload as any).reason, 'Remote');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Finishing', 5000, m);
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available');
  });

  test('TC_011_1_CS remote start first, then plug-in', async () => {
    const m = r.mark();
    const res = await r.csms.call(r.id, 'RemoteStartTransaction', { connectorId: 2, idTag: 'REMOTE-2' });
    assert.equal(res.status, 'Accepted');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Preparing', 5000, m);
    await r.st.ok('sim', 'plug', '2');
    await r.csms.waitFor('StartTransaction', (p) => p.connectorId === 2 && p.idTag === 'REMOTE-2', 5000, m);
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Charging', 5000, m);
    // TC_026_CS: a second remote start on a busy connector is rejected.
    assert.equal((await r.csms.call(r.id, 'RemoteStartTransaction', { connectorId: 2, idTag: 'REMOTE-3' })).status, 'Rejected');
    await r.st.ok('sim', 'unplug', '2');
    await r.csms.waitFor('StopTransaction', () => true, 5000, m);
    await r.st.until('EVSE 2 available', (s) => s.evses[1].status === 'Available');
  });

  test('TC_011_2_CS remote start, no EV within ConnectionTimeOut: Available again, no transaction', async () => {
    const m = r.mark();
    assert.equal((await r.csms.call(r.id, 'RemoteStartTransaction', { connectorId: 1, idTag: 'REMOTE-4' })).status, 'Accepted');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Preparing', 5000, m);
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available', 5000, m);
    assert.equal(r.csms.received('StartTransaction').filter((x) => r.csms.records.indexOf(x) > m).length, 0);
  });

  test('TC_027_CS connector id 0 is rejected; TC_028_CS remote stop of an unknown transaction is rejected', async () => {
    assert.equal((await r.csms.call(r.id, 'RemoteStartTransaction', { connectorId: 0, idTag: 'X' })).status, 'Rejected');
    assert.equal((await r.csms.call(r.id, 'RemoteStartTransaction', { connectorId: 9, idTag: 'X' })).status, 'Rejected');
    assert.equal((await r.csms.call(r.id, 'RemoteStopTransaction', { transactionId: 999999 })).status, 'Rejected');
  });

  test('remote start without a connector id picks a free EVSE; AuthorizeRemoteTxRequests=true authorizes first', async () => {
    await r.st.ok('config', 'set', 'AuthorizeRemoteTxRequests', 'true');
    try {
      const m = r.mark();
      await r.st.ok('sim', 'plug', '2');
      assert.equal((await r.csms.call(r.id, 'RemoteStartTransaction', { idTag: 'REMOTE-5' })).status, 'Accepted');
      const auth = await r.csms.waitFor('Authorize', (p) => p.idTag === 'REMOTE-5', 5000, m);
      const start = await r.csms.waitFor('StartTransaction', (p) => p.idTag === 'REMOTE-5', 5000, m);
      assert.equal((start.payload as any).connectorId, 2, 'the EVSE with the EV plugged in is preferred');
      assert.ok(r.csms.records.indexOf(auth) < r.csms.records.indexOf(start));
      await r.st.ok('sim', 'unplug', '2');
      await r.csms.waitFor('StopTransaction', () => true, 5000, m);
    } finally {
      await r.st.ok('config', 'set', 'AuthorizeRemoteTxRequests', 'false');
    }
    assert.deepEqual(r.csms.validationFailures, []);
  });
});
