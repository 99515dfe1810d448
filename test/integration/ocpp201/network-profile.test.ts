/**
 * B09 SetNetworkProfile and B10 NetworkConfigurationPriority against two strict 2.0.1 CSMSs: profiles are checked
 * and stored per slot, a reboot connects through the first entry of the priority list, falls back after
 * NetworkProfileConnectionAttempts, and a switch of CSMS during a run registers again (B10.FR.10).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { DemoCsms } from '../../../agent/demo/csms.js';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { rig201 } from './harness.js';

/** A port nothing listens on: connection refused at once. */
const DEAD = 'ws://127.0.0.1:1/ocpp';

const profile = (url: string, extra: Record<string, unknown> = {}) => ({ ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: url, messageTimeout: 30, securityProfile: 0, ocppInterface: 'Wired0', ...extra });

describe('2.0.1 network connection profiles', () => {
  let r: Rig;
  let other: DemoCsms;
  before(async () => {
    other = new DemoCsms({ protocol: 'ocpp2.0.1' });
    await other.start();
    r = await rig201('CP201-NET', { ocppKeys: { 'OCPPCommCtrlr.NetworkProfileConnectionAttempts': 2 } });
  });
  after(async () => {
    await r.close();
    await other.stop();
  });
  afterEach(() => {
    assertValidFrames(r);
    assert.deepEqual(other.validationFailures, []);
  });

  const getVar = async (csms: DemoCsms, name: string) =>
    (await csms.call(r.id, 'GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name } }] })).getVariableResult[0];
  const setPriority = (csms: DemoCsms, value: string) =>
    csms.call(r.id, 'SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: value }] });

  it('TC_B_43_CS what the station cannot use is Rejected with the reason; an empty slot cannot be given a priority (B10.FR.02)', async () => {
    const cases: [unknown, string][] = [
      [{ configurationSlot: 5, connectionData: profile(other.url) }, 'InvalidConfSlot'],
      [{ configurationSlot: 1, connectionData: profile(other.url.replace('ws:', 'wss:')) }, 'InvalidNetworkConf'],
      [{ configurationSlot: 1, connectionData: profile(other.url, { securityProfile: 2 }) }, 'InvalidNetworkConf'],
      [{ configurationSlot: 1, connectionData: profile(other.url, { ocppVersion: 'OCPP16' }) }, 'InvalidNetworkConf'],
      [{ configurationSlot: 1, connectionData: profile(other.url, { ocppTransport: 'SOAP' }) }, 'InvalidNetworkConf'],
      [{ configurationSlot: 1, connectionData: profile('http://example.org/ocpp') }, 'InvalidNetworkConf'],
      [{ configurationSlot: 1, connectionData: profile(other.url, { vpn: { server: 'v', user: 'u', password: 'p', key: 'k', type: 'IPSec' } }) }, 'InvalidNetworkConf'],
    ];
    for (const [req, code] of cases) {
      const res = await r.call('SetNetworkProfile', req);
      assert.equal(res.status, 'Rejected', JSON.stringify(req));
      assert.equal(res.statusInfo.reasonCode, code);
      assert.ok(res.statusInfo.additionalInfo.length > 0);
    }
    const sv = await setPriority(r.csms, '1,0');
    assert.equal(sv.setVariableResult[0].attributeStatus, 'Rejected');
    assert.match(sv.setVariableResult[0].attributeStatusInfo.additionalInfo, /slot 1 holds no network connection profile/);
    assert.equal((await getVar(r.csms, 'ActiveNetworkProfile')).attributeValue, '0');
    const slots = await r.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' } }] });
    assert.equal(slots.getVariableResult[0].attributeValue, '0');
  });

  it('TC_B_46_CS / TC_B_49_CS a priority slot that cannot connect: after NetworkProfileConnectionAttempts the station falls back to the slot that last connected', async () => {
    assert.equal((await r.call('SetNetworkProfile', { configurationSlot: 1, connectionData: profile(DEAD) })).status, 'Accepted');
    const sv = await setPriority(r.csms, '1');
    assert.equal(sv.setVariableResult[0].attributeStatus, 'RebootRequired');
    const m = r.mark();
    assert.equal((await r.call('Reset', { type: 'OnIdle' })).status, 'Accepted');
    const boot = await r.csms.waitFor('BootNotification', () => true, 20_000, m);
    assert.equal((boot.payload as any).reason, 'RemoteReset');
    await r.st.until('registered again', (s) => s.registration === 'Accepted');
    assert.equal((await getVar(r.csms, 'ActiveNetworkProfile')).attributeValue, '0');
    // Slot 1 was tried (refused) before slot 0 was.
    const st = await r.st.status();
    assert.match(st.connection.lastFailure.reason, /ECONNREFUSED/);
    assert.equal(other.received('BootNotification', r.id).length, 0);
  });

  it('TC_B_45_CS / TC_B_50_CS a new CSMS in slot 1 first in NetworkConfigurationPriority: after the reset the station boots there', async () => {
    assert.equal((await r.call('SetNetworkProfile', { configurationSlot: 1, connectionData: profile(other.url) })).status, 'Accepted');
    assert.equal((await setPriority(r.csms, '1,0')).setVariableResult[0].attributeStatus, 'RebootRequired');
    assert.equal((await r.call('Reset', { type: 'OnIdle' })).status, 'Accepted');
    const boot = await other.waitFor('BootNotification', (_p) => true, 20_000);
    assert.equal(boot.identity, r.id);
    await other.waitFor('StatusNotification', (p) => p.evseId === 2, 10_000);
    assert.equal((await getVar(other, 'ActiveNetworkProfile')).attributeValue, '1');
    assert.equal((await r.st.status()).connection.url, other.url, 'chargerctl status shows the URL in use');
    assert.equal(r.csms.isConnected(r.id), false, 'disconnected from the old CSMS (B10.FR.06)');
  });

  it('B10.FR.03 / B10.FR.10 the new CSMS goes away: after the attempts the station connects through slot 0 and sends a BootNotification there without a reboot', async () => {
    const m = r.mark();
    const pid = r.st.proc!.pid;
    other.setAccepting(false);
    await other.disconnect(r.id);
    const boot = await r.csms.waitFor('BootNotification', () => true, 20_000, m);
    assert.equal(boot.identity, r.id);
    await r.st.until('registered at CSMS 1', (s) => s.registration === 'Accepted');
    assert.equal((await getVar(r.csms, 'ActiveNetworkProfile')).attributeValue, '0');
    assert.equal(r.st.proc!.pid, pid, 'no restart');
    other.setAccepting(true);
  });
});
