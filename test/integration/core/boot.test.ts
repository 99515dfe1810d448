/**
 * Registration (OCTT TC_001_CS, TC_002_CS, and the Rejected case of §4.2) against the real chargerd process
 * and a strict ocpp-rpc CSMS.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DemoCsms } from '../../../agent/demo/csms.js';
import { StationProcess, sleep } from '../../support/station-process.js';

async function waitResult(csms: DemoCsms, messageId: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!csms.records.some((r) => r.kind === 'result' && r.messageId === messageId)) {
    if (Date.now() > end) throw new Error('no answer recorded');
    await sleep(20);
  }
  await sleep(100);
}

describe('boot and registration', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  async function setup(opts: ConstructorParameters<typeof DemoCsms>[0] = {}, id = 'CP-BOOT') {
    const csms = new DemoCsms(opts);
    const url = await csms.start();
    const st = new StationProcess({ csmsUrl: url, id }).start();
    cleanups.push(async () => {
      await st.stop();
      await csms.stop();
      st.cleanup();
    });
    return { csms, st };
  }

  test('TC_001_CS cold boot: BootNotification, then StatusNotification for connector 0 and every connector', async () => {
    const { csms, st } = await setup({ heartbeatIntervalS: 120 });
    const boot = await csms.waitFor('BootNotification');
    assert.equal((boot.payload as any).chargePointVendor, 'chargerd');
    const idx = csms.records.indexOf(boot);
    for (const c of [0, 1, 2]) await csms.waitFor('StatusNotification', (p) => p.connectorId === c && p.status === 'Available', 5000, idx);
    // Nothing was sent before BootNotification.
    assert.equal(csms.records.findIndex((r) => r.dir === 'in' && r.kind === 'call'), idx);
    await st.ready();
    assert.equal((await st.status()).registration, 'Accepted');
    // The heartbeat interval the CSMS gave is adopted (and visible as the configuration key).
    assert.match(await st.ok('config', 'get', 'HeartbeatInterval'), /HeartbeatInterval\s+120/);
    assert.deepEqual(csms.validationFailures, []);
  });

  test('TC_002_CS pending: nothing of its own is sent, CSMS calls are answered, remote start is rejected, then Accepted', async () => {
    let status: 'Pending' | 'Accepted' = 'Pending';
    const csms = new DemoCsms();
    const url = await csms.start();
    csms.setHandler('BootNotification', () => ({ status, currentTime: new Date().toISOString(), interval: 1 }));
    const st = new StationProcess({ csmsUrl: url, id: 'CP-PENDING' }).start();
    cleanups.push(async () => {
      await st.stop();
      await csms.stop();
      st.cleanup();
    });
    await csms.waitFor('BootNotification');
    await st.ready();
    const conf = await csms.call('CP-PENDING', 'GetConfiguration', { key: ['NumberOfConnectors'] });
    assert.equal(conf.configurationKey[0].value, '2');
    const rs = await csms.call('CP-PENDING', 'RemoteStartTransaction', { idTag: 'TAG1', connectorId: 1 });
    assert.equal(rs.status, 'Rejected');
    await st.ok('sim', 'plug', '1');
    await sleep(300);
    const before = csms.received().filter((r) => r.action !== 'BootNotification');
    assert.deepEqual(before.map((r) => r.action), [], 'only BootNotification may be sent while Pending');
    status = 'Accepted';
    const second = await csms.waitFor('BootNotification', () => true, 5000, csms.records.indexOf(csms.received('BootNotification')[0]!) + 1);
    await csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Preparing', 5000, csms.records.indexOf(second));
    assert.deepEqual(csms.validationFailures, []);
  });

  test('rejected: the charge point does not answer CSMS calls and retries after the interval', async () => {
    let status: 'Rejected' | 'Accepted' = 'Rejected';
    const csms = new DemoCsms();
    const url = await csms.start();
    csms.setHandler('BootNotification', () => ({ status, currentTime: new Date().toISOString(), interval: 2 }));
    const st = new StationProcess({ csmsUrl: url, id: 'CP-REJ' }).start();
    cleanups.push(async () => {
      await st.stop();
      await csms.stop();
      st.cleanup();
    });
    const first = await csms.waitFor('BootNotification');
    await waitResult(csms, first.messageId);
    await assert.rejects(csms.call('CP-REJ', 'GetConfiguration', {}, 800), /timed out|Timeout/i);
    assert.equal(csms.received().filter((r) => r.action !== 'BootNotification').length, 0);
    status = 'Accepted';
    const t0 = Date.now();
    const again = await csms.waitFor('BootNotification', () => true, 5000, csms.records.indexOf(first) + 1);
    assert.ok(again.at - first.at >= 1900, `retried after ${again.at - first.at} ms, interval was 2 s`);
    await csms.waitFor('StatusNotification', (p) => p.connectorId === 0, 5000, csms.records.indexOf(again));
    assert.ok(Date.now() - t0 < 5000);
  });

  test('reconnect after Accepted: no new BootNotification, current statuses are sent again', async () => {
    const { csms, st } = await setup({}, 'CP-RECON');
    await csms.waitFor('StatusNotification', (p) => p.connectorId === 2);
    await st.ready();
    await st.ok('sim', 'plug', '2');
    await csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Preparing');
    const mark = csms.records.length;
    await csms.disconnect('CP-RECON');
    await csms.waitForConnection('CP-RECON');
    await csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Preparing', 5000, mark);
    assert.equal(csms.received('BootNotification').length, 1);
  });
});
