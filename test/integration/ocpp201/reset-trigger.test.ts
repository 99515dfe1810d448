/** B11/B12 Reset and F06 TriggerMessage on a 2.0.1 station against the strict 2.0.1 CSMS. */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { relaunch201, rig201, sent } from './harness.js';

describe('2.0.1 Reset and TriggerMessage', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-RESET');
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('TC_F_20_CS TriggerMessage(Heartbeat): answered Accepted, then a Heartbeat', async () => {
    const from = r.mark();
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'Heartbeat' })).status, 'Accepted');
    await r.csms.waitFor('Heartbeat', () => true, 5000, from);
  });

  it('TC_F_23_CS / TC_F_24_CS TriggerMessage(StatusNotification) for one EVSE: Available, then Occupied', async () => {
    let from = r.mark();
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'StatusNotification', evse: { id: 2, connectorId: 1 } })).status, 'Accepted');
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 2 && p.connectorStatus === 'Available', 5000, from);
    await r.st.ok('sim', 'plug', '2');
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 2 && p.connectorStatus === 'Occupied', 5000, from);
    from = r.mark();
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'StatusNotification', evse: { id: 2, connectorId: 1 } })).status, 'Accepted');
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 2 && p.connectorStatus === 'Occupied', 5000, from);
    await r.st.ok('sim', 'unplug', '2');
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'StatusNotification', evse: { id: 9, connectorId: 1 } })).status, 'Rejected');
  });

  it('TC_F_27_CS a message the station does not send is NotImplemented', async () => {
    assert.equal((await r.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' })).status, 'NotImplemented');
  });

  it('TC_B_28_CS Reset of an EVSE the station does not have: Rejected (one that exists: reset-evse.test.ts)', async () => {
    const res = await r.call('Reset', { type: 'OnIdle', evseId: 9 });
    assert.equal(res.status, 'Rejected');
    assert.equal(res.statusInfo.reasonCode, 'UnknownEvse');
    const g = await r.call('GetVariables', { getVariableData: [{ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'AllowReset' } }] });
    assert.equal(g.getVariableResult[0].attributeValue, 'true');
    assert.ok(r.csms.isConnected(r.id));
  });

  it('TC_B_20_CS Reset(OnIdle) without a transaction: Accepted, the agent restarts, BootNotification reason RemoteReset', async () => {
    const from = r.mark();
    const pid = r.st.proc!.pid;
    assert.equal((await r.call('Reset', { type: 'OnIdle' })).status, 'Accepted');
    const boot = await r.csms.waitFor('BootNotification', () => true, 10_000, from);
    assert.equal((boot.payload as any).reason, 'RemoteReset');
    assert.equal(r.st.proc!.pid, pid, 'restarted inside the process');
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 2, 10_000, r.csms.records.indexOf(boot));
  });

  it('Reset(Immediate): Accepted, a fresh process (the service manager starts it), boots with RemoteReset; then PowerUp', async () => {
    assert.equal((await r.call('Reset', { type: 'Immediate' })).status, 'Accepted');
    assert.equal(await r.st.exitCode(10_000), 0);
    let from = r.mark();
    await relaunch201(r);
    const boot = await r.csms.waitFor('BootNotification', () => true, 10_000, from);
    assert.equal((boot.payload as any).reason, 'RemoteReset');
    // The reason is used once: a restart after that is a power-up again.
    await r.st.stop();
    from = r.mark();
    await relaunch201(r);
    const again = await r.csms.waitFor('BootNotification', () => true, 10_000, from);
    assert.equal((again.payload as any).reason, 'PowerUp');
    assert.ok(sent(r, 'BootNotification').length >= 4);
  });
});
