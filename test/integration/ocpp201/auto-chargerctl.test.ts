/**
 * `ocpp.version` "auto" (offers ocpp2.0.1 then ocpp1.6, speaks what the CSMS picks) against a CSMS that speaks
 * only one of them, and chargerctl on a 2.0.1 station: status, config get|set over the device model, sim tag.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { DemoCsms } from '../../../agent/demo/csms.js';
import { StationProcess } from '../../support/station-process.js';
import { relaunch201, rig201, sent, stationOptions } from './harness.js';

describe('ocpp.version auto', () => {
  it('against a CSMS offering only ocpp2.0.1: speaks 2.0.1', async () => {
    const r = await rig201('CP-AUTO-201', { version: 'auto', csms: { protocol: 'ocpp2.0.1' } });
    try {
      assertValidFrames(r);
      assert.equal(sent(r, 'BootNotification')[0].reason, 'PowerUp');
      const s = await r.st.status();
      assert.equal(s.ocppVersion, '2.0.1');
      assert.equal(s.registration, 'Accepted');
    } finally {
      await r.close();
    }
  });

  it('against a CSMS offering only ocpp1.6: switches to 1.6 at once, and starts with 1.6 next time', async () => {
    const r = await rig201('CP-AUTO-16', { version: 'auto', until: 'boot', csms: { protocol: 'ocpp1.6' } });
    try {
      await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2);
      assertValidFrames(r);
      const boot = sent(r, 'BootNotification');
      assert.equal(boot.length, 1, 'one BootNotification: the 2.0.1 attempt never got to send one');
      assert.equal(typeof boot[0].chargePointVendor, 'string', 'a 1.6 BootNotification');
      assert.equal((await r.st.status()).ocppVersion, '1.6');
      await r.st.stop();
      const from = r.mark();
      await relaunch201(r);
      await r.csms.waitFor('BootNotification', () => true, 10_000, from);
      assert.equal((await r.st.status()).ocppVersion, '1.6');
      assertValidFrames(r);
    } finally {
      await r.close();
    }
  });
});

describe('chargerctl on a 2.0.1 station', () => {
  let r: Rig;
  before(async () => {
    r = await rig201('CP201-CTL', { ocppKeys: { 'OCPPCommCtrlr.OfflineThreshold': 700 } });
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('status names OCPP 2.0.1', async () => {
    assert.match(await r.st.ok('status'), /OCPP 2\.0\.1/);
  });

  it('config get KEY / get (all) list device-model variables as Component[@evse[/connector]].Variable[[instance]]', async () => {
    const one = await r.st.ctl(['config', 'get', 'OCPPCommCtrlr.OfflineThreshold']);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /^OCPPCommCtrlr\.OfflineThreshold\s+700\s+RW$/m, 'the config file ocppKeys value applied');
    const all = await r.st.ok('config', 'get');
    assert.match(all, /^DeviceDataCtrlr\.ItemsPerMessage\[GetReport\]\s+100\s+RO$/m);
    assert.match(all, /^EVSE@2\.AvailabilityState\s+Available\s+RO$/m);
    assert.match(all, /^Connector@1\/1\.ConnectorType\s+sType2\s+RO$/m);
    assert.match(all, /^OCPPCommCtrlr\.NetworkConfigurationPriority\s+\S+\s+RW \(reboot\)$/m);
    const attr = await r.st.ok('config', 'get', 'OCPPCommCtrlr.HeartbeatInterval');
    assert.match(attr, /^OCPPCommCtrlr\.HeartbeatInterval\s+300\s+RW$/m);
    const unknown = await r.st.ctl(['config', 'get', 'HeartbeatInterval']);
    assert.equal(unknown.code, 1, 'a 1.6 key name is no 2.0.1 variable');
  });

  it('config set: Accepted is what GetVariables then returns; Rejected / NotSupported exit 1 with the reason', async () => {
    const ok = await r.st.ctl(['config', 'set', 'txctrlr.evconnectiontimeout', '90']);
    assert.equal(ok.code, 0, ok.stderr);
    const g = await r.call('GetVariables', { getVariableData: [{ component: { name: 'TxCtrlr' }, variable: { name: 'EVConnectionTimeOut' } }] });
    assert.equal(g.getVariableResult[0].attributeValue, '90');
    const bad = await r.st.ctl(['config', 'set', 'TxCtrlr.EVConnectionTimeOut', 'soon']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Rejected.*InvalidValue/);
    const ro = await r.st.ctl(['config', 'set', 'ChargingStation.Model', 'X']);
    assert.equal(ro.code, 1);
    assert.match(ro.stderr, /Rejected.*ReadOnly/);
    const none = await r.st.ctl(['config', 'set', 'NoSuchCtrlr.X', '1']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /NotSupported/);
    const reboot = await r.st.ctl(['config', 'set', 'OCPPCommCtrlr.NetworkConfigurationPriority', '0']);
    assert.equal(reboot.code, 0, reboot.stderr);
    assert.match(reboot.stdout, /RebootRequired/);
  });

  it('sim tag on the 2.0.1 station it became asks the CSMS with a 2.0.1 Authorize (C01)', async () => {
    const from = r.mark();
    await r.st.ok('sim', 'tag', '1', 'CARD-2');
    assert.deepEqual(sent(r, 'Authorize', from).map((p) => p.idToken), [{ idToken: 'CARD-2', type: 'ISO14443' }]);
  });
});

describe('ocppKeys of a 2.0.1 station', () => {
  it('unknown and read-only variables are start-up errors, all reported at once, naming the key and the reason', async () => {
    const csms = new DemoCsms({ protocol: 'ocpp2.0.1' });
    const url = await csms.start();
    const st = new StationProcess(stationOptions(url, 'CP201-BADKEYS', { ocppKeys: { HeartbeatInterval: 5, 'ChargingStation.Model': 'X', 'OCPPCommCtrlr.OfflineThreshold': 'soon' } })).start();
    try {
      assert.equal(await st.exitCode(10_000), 2);
      assert.match(st.output, /ocppKeys\/HeartbeatInterval.*unknown OCPP 2\.0\.1 device-model variable/);
      assert.match(st.output, /ocppKeys\/ChargingStation\.Model.*read-only/);
      assert.match(st.output, /ocppKeys\/OCPPCommCtrlr\.OfflineThreshold.*InvalidValue/);
    } finally {
      await st.stop();
      await csms.stop();
      st.cleanup();
    }
  });
});
