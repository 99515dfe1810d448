/**
 * B04 and TC_B_57 on a 2.0.1 station: after a connection loss no new BootNotification, and the StatusNotifications
 * sent depend on OCPPCommCtrlr.OfflineThreshold (all connectors when offline longer, else only the changed ones).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { rig201, sent } from './harness.js';

/** Drop the connection, do `meanwhile` while the CSMS refuses connections, then let the station back in. */
async function offline(r: Rig, meanwhile: () => Promise<void>): Promise<number> {
  r.csms.setAccepting(false);
  await r.csms.disconnect(r.id);
  await r.st.until('disconnected', (s) => s.connection.state !== 'open');
  await meanwhile();
  const from = r.mark();
  r.csms.setAccepting(true);
  await r.csms.waitForConnection(r.id);
  return from;
}

/** Everything the reconnect sent is in once a triggered Heartbeat (sent after it) arrived. */
async function fence(r: Rig, from: number): Promise<void> {
  await r.csms.waitFor('StatusNotification', () => true, 10_000, from);
  await r.call('TriggerMessage', { requestedMessage: 'Heartbeat' });
  await r.csms.waitFor('Heartbeat', () => true, 5000, from);
}

describe('2.0.1 offline and reconnect', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-OFFLINE');
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('TC_B_57_CS / TC_B_52_CS reconnect within OfflineThreshold: no BootNotification, only the changed connector', async () => {
    const from = await offline(r, async () => {
      await r.st.ok('sim', 'plug', '1');
      await r.st.until('EVSE 1 plugged', (s) => s.evses[0].status !== 'Available');
    });
    await fence(r, from);
    assert.equal(sent(r, 'BootNotification', from).length, 0);
    assert.deepEqual(sent(r, 'StatusNotification', from).map((p) => [p.evseId, p.connectorStatus]), [[1, 'Occupied']]);
  });

  it('TC_B_51_CS offline longer than OfflineThreshold: every connector', async () => {
    const set = await r.call('SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '0' }] });
    assert.equal(set.setVariableResult[0].attributeStatus, 'Accepted');
    const from = await offline(r, async () => {
      await r.st.ok('sim', 'unplug', '1');
      await r.st.until('EVSE 1 Available', (s) => s.evses[0].status === 'Available');
    });
    await fence(r, from);
    assert.deepEqual(sent(r, 'StatusNotification', from).map((p) => [p.evseId, p.connectorStatus]).sort(), [[1, 'Available'], [2, 'Available']]);
  });
});
