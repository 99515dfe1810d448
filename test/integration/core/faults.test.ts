/**
 * Hardware faults (OCTT TC_041_CS, TC_024_CS) and power loss (TC_032_CS) with the real chargerd process.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rig, type Rig } from './harness.js';
import { StationProcess } from '../../support/station-process.js';

describe('faults', () => {
  let r: Rig;
  before(async () => {
    r = await rig('CP-FAULT');
  });
  after(() => r.close());

  async function charging(evse: number, tag: string): Promise<number> {
    const m = r.mark();
    await r.st.ok('sim', 'plug', String(evse));
    await r.st.ok('sim', 'tag', String(evse), tag);
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === evse && p.status === 'Charging', 5000, m);
    return m;
  }

  for (const [kind, errorCode] of [
    ['rcd', 'GroundFailure'],
    ['pilot', 'OtherError'],
    ['meter', 'PowerMeterFailure'],
  ] as const) {
    test(`TC_041_CS ${kind} fault while charging: contactor open, Faulted ${errorCode}, transaction stopped; cleared: Available`, async () => {
      const m = await charging(1, `CARD-${kind}`);
      await r.st.ok('sim', 'fault', '1', kind);
      const s = await r.st.until('faulted', (x) => x.evses[0].status === 'Faulted');
      assert.equal(s.evses[0].relayClosed, false);
      assert.equal(s.evses[0].errorCode, errorCode);
      await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Faulted' && p.errorCode === errorCode, 5000, m);
      const stop = await r.csms.waitFor('StopTransaction', () => true, 5000, m);
      assert.equal((stop.payload as any).reason, 'Other');
      // No new session while the fault lasts.
      await r.st.ok('sim', 'tag', '1', 'CARD-X');
      assert.equal((await r.st.evse(1)).transaction, null);
      await r.st.ok('sim', 'clear', '1');
      await r.st.ok('sim', 'unplug', '1');
      await r.st.until('available', (x) => x.evses[0].status === 'Available');
      await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available' && p.errorCode === 'NoError', 5000, m);
    });
  }

  test('a welded contactor shows when it is opened: Faulted PowerSwitchFailure, no new session until cleared', async () => {
    const m = await charging(1, 'CARD-WELD');
    // While closed a weld cannot be seen; the stop opens the contactor and the feedback stays closed.
    await r.st.ok('sim', 'fault', '1', 'weld');
    await r.st.ok('sim', 'tag', '1', 'CARD-WELD');
    await r.csms.waitFor('StopTransaction', () => true, 5000, m);
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Faulted' && p.errorCode === 'PowerSwitchFailure', 5000, m);
    const s = await r.st.evse(1);
    assert.equal(s.relayClosed, false, 'the contactor is commanded open');
    assert.equal(s.pilotState, 'F', 'the pilot signals not available');
    await r.st.ok('sim', 'unplug', '1');
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'CARD-Y');
    assert.equal((await r.st.evse(1)).transaction, null, 'no session on a welded contactor');
    await r.st.ok('sim', 'clear', '1');
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('available', (x) => x.evses[0].status === 'Available');
  });

  test('TC_024_CS the connector lock fails: no transaction, Faulted ConnectorLockFailure', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'fault', '2', 'lock');
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'CARD-LOCK');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.errorCode === 'ConnectorLockFailure', 5000, m);
    assert.equal(r.csms.received('StartTransaction').filter((x) => r.csms.records.indexOf(x) > m).length, 0);
    await r.st.ok('sim', 'clear', '2');
    await r.st.ok('sim', 'unplug', '2');
    assert.deepEqual(r.csms.validationFailures, []);
  });
});

describe('power loss', () => {
  test('TC_032_CS kill -9 while charging: after restart the transaction is stopped with reason PowerLoss, exactly once', async () => {
    const r = await rig('CP-POWER');
    try {
      const m = r.mark();
      await r.st.ok('sim', 'plug', '1');
      await r.st.ok('sim', 'tag', '1', 'CARD-P');
      await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Charging', 5000, m);
      const mv = await r.csms.waitFor('MeterValues', (p) => p.transactionId > 0, 5000, m);
      await r.st.kill('SIGKILL');
      const again = new StationProcess({ csmsUrl: r.csms.url, id: 'CP-POWER', dataDir: r.st.dataDir }).start();
      r.st = again;
      await again.ready();
      const stop = await r.csms.waitFor('StopTransaction', () => true, 10_000, m);
      const p = stop.payload as any;
      assert.equal(p.reason, 'PowerLoss');
      const lastSeen = Number((mv.payload as any).meterValue[0].sampledValue[0].value);
      assert.ok(p.meterStop >= lastSeen, `meterStop ${p.meterStop} >= last meter value ${lastSeen}`);
      // The EV is still plugged in (the simulated hardware outlived the agent): Preparing, not charging.
      await again.until('preparing', (s) => s.evses[0].status === 'Preparing' && s.queue.depth === 0);
      assert.equal(r.csms.received('StopTransaction').length, 1);
      assert.equal(r.csms.received('StartTransaction').length, 1);
      assert.deepEqual(r.csms.validationFailures, []);
    } finally {
      await r.close();
    }
  });
});
