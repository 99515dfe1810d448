/**
 * freeVend (evses[].freeVend) against the real chargerd process and CSMS: the plug-in presents the configured
 * idTag as a card would be, so it goes through Authorize and the CSMS's verdict decides; an EVSE without it
 * waits for a card as before.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rig, statuses, type Rig } from './harness.js';

describe('free vend', () => {
  let r: Rig;
  let verdict: 'Accepted' | 'Blocked' = 'Accepted';
  before(async () => {
    r = await rig('CP-FREEVEND', { evses: [{ id: 1, freeVend: 'FREE-VEND' }, { id: 2 }], ocppKeys: { ConnectionTimeOut: 30 } });
    r.csms.setHandler('Authorize', (p: { idTag: string }) => ({ idTagInfo: { status: p.idTag === 'FREE-VEND' ? verdict : 'Invalid' } }));
  });
  after(() => r.close());

  test('plugging in starts a session with the free-vend idTag (after Authorize); unplugging stops it', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    const auth = await r.csms.waitFor('Authorize', (p) => p.idTag === 'FREE-VEND', 5000, m);
    const start = await r.csms.waitFor('StartTransaction', (p) => p.connectorId === 1 && p.idTag === 'FREE-VEND', 5000, m);
    assert.ok(r.csms.records.indexOf(auth) < r.csms.records.indexOf(start));
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Charging', 5000, m);
    assert.equal((await r.st.evse(1)).relayClosed, true);
    await r.st.ok('sim', 'unplug', '1');
    const stop = await r.csms.waitFor('StopTransaction', () => true, 5000, m);
    assert.equal((stop.payload as any).reason, 'EVDisconnected');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available', 5000, m);
    assert.deepEqual(statuses(r, 1, m), ['Preparing', 'SuspendedEV', 'Charging', 'Finishing', 'Available']);
    assert.deepEqual(r.csms.validationFailures, []);
  });

  test('a session stopped while the EV stays plugged in is not started again until the next plug-in', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    const start = await r.csms.waitFor('StartTransaction', (p) => p.connectorId === 1, 5000, m);
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Charging', 5000, m);
    const tx = await r.st.evse(1);
    const res = await r.call('RemoteStopTransaction', { transactionId: Number(tx.transaction.csmsId) });
    assert.equal(res.status, 'Accepted');
    await r.csms.waitFor('StopTransaction', () => true, 5000, m);
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Finishing', 5000, m);
    // A round trip through the station's event loop after the stop, then nothing presented and nothing started.
    await r.call('GetConfiguration', { key: ['ConnectionTimeOut'] });
    assert.equal((await r.st.evse(1)).transaction, null);
    const after = (action: string): number => r.csms.received(action).filter((x) => r.csms.records.indexOf(x) > r.csms.records.indexOf(start)).length;
    assert.equal(after('Authorize'), 0);
    assert.equal(after('StartTransaction'), 0);
    await r.st.ok('sim', 'unplug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available', 5000, m);
  });

  test('the CSMS refusing the free-vend idTag starts nothing; an EVSE without freeVend waits for a card', async () => {
    verdict = 'Blocked';
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.csms.waitFor('Authorize', (p) => p.idTag === 'FREE-VEND', 5000, m);
    await r.st.ok('sim', 'plug', '2');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Preparing', 5000, m);
    await r.call('GetConfiguration', { key: ['ConnectionTimeOut'] });
    assert.equal(r.csms.received('StartTransaction').filter((x) => r.csms.records.indexOf(x) >= m).length, 0);
    assert.equal(r.csms.received('Authorize').filter((x) => r.csms.records.indexOf(x) >= m).length, 1, 'only EVSE 1 presented an idTag');
    assert.equal((await r.st.evse(1)).transaction, null);
    await r.st.ok('sim', 'unplug', '1');
    await r.st.ok('sim', 'unplug', '2');
    verdict = 'Accepted';
  });
});
