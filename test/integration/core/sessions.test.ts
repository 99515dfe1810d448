/**
 * Charging sessions started and stopped locally (OCTT TC_003, TC_004_1, TC_004_2, TC_068, TC_069, TC_005_x,
 * TC_023, TC_070, TC_071) against the real chargerd process, driven with chargerctl.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rig, statuses, type Rig } from './harness.js';

describe('local charging sessions', () => {
  let r: Rig;
  before(async () => {
    r = await rig('CP-SESS', { ocppKeys: { MeterValueSampleInterval: 1, ConnectionTimeOut: 2 } });
    r.csms.setHandler('Authorize', (p: { idTag: string }) => ({
      idTagInfo: p.idTag.startsWith('FLEET') ? { status: 'Accepted', parentIdTag: 'FLEET-GROUP' } : p.idTag === 'BAD' ? { status: 'Invalid' } : { status: 'Accepted' },
    }));
  });
  after(() => r.close());

  test('TC_003_CS plug-in first, card, charge, stop by the same card (TC_068_CS), unplug', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Preparing', 5000, m);
    await r.st.ok('sim', 'tag', '1', 'CARD-A');
    const auth = await r.csms.waitFor('Authorize', (p) => p.idTag === 'CARD-A', 5000, m);
    const start = await r.csms.waitFor('StartTransaction', (p) => p.idTag === 'CARD-A', 5000, m);
    assert.ok(r.csms.records.indexOf(auth) < r.csms.records.indexOf(start));
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Charging', 5000, m);
    const mv = await r.csms.waitFor('MeterValues', (p) => p.transactionId === 1 || p.transactionId > 0, 5000, m);
    assert.equal((mv.payload as any).connectorId, 1);
    const status = await r.st.evse(1);
    assert.equal(status.relayClosed, true);
    assert.equal(status.offeredCurrentA, 32);
    assert.ok(status.transaction && Number(status.transaction.csmsId) > 0);
    await r.st.ok('sim', 'tag', '1', 'CARD-A');
    const stop = await r.csms.waitFor('StopTransaction', () => true, 5000, m);
    const sp = stop.payload as any;
    assert.equal(sp.reason, 'Local');
    assert.equal(sp.idTag, 'CARD-A');
    assert.ok(sp.meterStop >= (start.payload as any).meterStart);
    // The same id stops without a new Authorize (§3.4).
    assert.equal(r.csms.received('Authorize').filter((x) => r.csms.records.indexOf(x) > m).length, 1);
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Finishing', 5000, m);
    await r.st.ok('sim', 'unplug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available', 5000, m);
    assert.deepEqual(statuses(r, 1, m), ['Preparing', 'SuspendedEV', 'Charging', 'Finishing', 'Available']);
    assert.deepEqual(r.csms.validationFailures, []);
  });

  test('TC_004_1_CS identification first, then plug-in', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'tag', '2', 'CARD-B');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Preparing', 5000, m);
    await r.st.ok('sim', 'plug', '2');
    await r.csms.waitFor('StartTransaction', (p) => p.connectorId === 2 && p.idTag === 'CARD-B', 5000, m);
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Charging', 5000, m);
    await r.st.ok('sim', 'unplug', '2');
    const stop = await r.csms.waitFor('StopTransaction', () => true, 5000, m);
    // TC_005_1_CS: unplugging on the EV side stops the transaction (StopTransactionOnEVSideDisconnect=true).
    assert.equal((stop.payload as any).reason, 'EVDisconnected');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Available', 5000, m);
  });

  test('TC_004_2_CS identification first, no EV within ConnectionTimeOut: back to Available, nothing started', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'tag', '1', 'CARD-C');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Preparing', 5000, m);
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available', 5000, m);
    const m2 = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Preparing', 5000, m2);
    assert.equal(r.csms.received('StartTransaction').filter((x) => r.csms.records.indexOf(x) > m).length, 0);
    // Plugged but no card within ConnectionTimeOut: Finishing (B6), so nobody else starts on this cable.
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Finishing', 5000, m2);
    const m3 = r.mark();
    await r.st.ok('sim', 'unplug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available', 5000, m3);
  });

  test('TC_069_CS a card of the same parentIdTag group stops the transaction; another user is ignored', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'FLEET-1');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Charging', 5000, m);
    await r.st.ok('sim', 'tag', '1', 'STRANGER');
    await r.csms.waitFor('Authorize', (p) => p.idTag === 'STRANGER', 5000, m);
    assert.ok((await r.st.evse(1)).transaction, 'a stranger does not stop the session');
    await r.st.ok('sim', 'tag', '1', 'FLEET-2');
    const stop = await r.csms.waitFor('StopTransaction', () => true, 5000, m);
    assert.equal((stop.payload as any).idTag, 'FLEET-2');
    assert.equal((stop.payload as any).reason, 'Local');
    await r.st.ok('sim', 'unplug', '1');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Available', 5000, m);
  });

  test('TC_023_CS an invalid card starts nothing', async () => {
    // The suite's ConnectionTimeOut of 2 s would turn the plugged EVSE Finishing (B6) before the status is read on
    // a loaded machine: this case is about the card, so it gets a timeout it cannot reach.
    await r.st.ok('config', 'set', 'ConnectionTimeOut', '600');
    try {
      const m = r.mark();
      await r.st.ok('sim', 'plug', '2');
      await r.st.ok('sim', 'tag', '2', 'BAD');
      await r.csms.waitFor('Authorize', (p) => p.idTag === 'BAD', 5000, m);
      const e = await r.st.evse(2);
      assert.equal(e.transaction, null);
      assert.equal(e.relayClosed, false);
      assert.equal(e.status, 'Preparing');
      await r.st.ok('sim', 'unplug', '2');
      await r.st.until('EVSE 2 available', (s) => s.evses[1].status === 'Available');
    } finally {
      await r.st.ok('config', 'set', 'ConnectionTimeOut', '2');
    }
  });

  test('TC_005_3_CS EV side disconnected with StopTransactionOnEVSideDisconnect=false: SuspendedEV, transaction goes on', async () => {
    await r.st.ok('config', 'set', 'StopTransactionOnEVSideDisconnect', 'false');
    try {
      const m = r.mark();
      await r.st.ok('sim', 'plug', '1');
      await r.st.ok('sim', 'tag', '1', 'CARD-D');
      await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Charging', 5000, m);
      await r.st.ok('sim', 'unplug', '1', '--keep-cable');
      await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'SuspendedEV', 5000, m);
      const e = await r.st.evse(1);
      assert.ok(e.transaction);
      assert.equal(e.relayClosed, false, 'no energy without the EV');
      const m2 = r.mark();
      await r.st.ok('sim', 'plug', '1');
      await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 1 && p.status === 'Charging', 5000, m2);
      await r.st.ok('sim', 'tag', '1', 'CARD-D');
      await r.csms.waitFor('StopTransaction', () => true, 5000, m);
      await r.st.ok('sim', 'unplug', '1');
      await r.st.ok('sim', 'unplug', '1');
      await r.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available');
    } finally {
      await r.st.ok('config', 'set', 'StopTransactionOnEVSideDisconnect', 'true');
    }
  });

  test('TC_070_CS sampled meter values with energy, power, current and voltage per phase; StopTxnSampledData in StopTransaction', async () => {
    await r.st.ok('config', 'set', 'MeterValuesSampledData', 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,Current.Offered');
    await r.st.ok('config', 'set', 'StopTxnSampledData', 'Energy.Active.Import.Register,Power.Active.Import');
    const m = r.mark();
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'CARD-E');
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Charging', 5000, m);
    const mv = await r.csms.waitFor('MeterValues', (p) => p.meterValue[0].sampledValue.some((s: any) => s.measurand === 'Power.Active.Import' && Number(s.value) > 0), 5000, m);
    const sv = (mv.payload as any).meterValue[0].sampledValue;
    const by = (measurand: string) => sv.filter((s: any) => s.measurand === measurand);
    assert.equal(by('Energy.Active.Import.Register')[0].unit, 'Wh');
    assert.equal(by('Current.Import').length, 3);
    assert.deepEqual(by('Voltage').map((s: any) => s.phase), ['L1-N', 'L2-N', 'L3-N']);
    assert.equal(by('Current.Offered')[0].value, '32.0');
    assert.ok(sv.every((s: any) => s.context === 'Sample.Periodic'));
    await r.st.ok('sim', 'tag', '2', 'CARD-E');
    const stop = (await r.csms.waitFor('StopTransaction', () => true, 5000, m)).payload as any;
    const contexts = stop.transactionData.flatMap((x: any) => x.sampledValue.map((s: any) => s.context));
    assert.equal(contexts[0], 'Transaction.Begin');
    assert.equal(contexts[contexts.length - 1], 'Transaction.End');
    assert.ok(contexts.includes('Sample.Periodic'));
    await r.st.ok('sim', 'unplug', '2');
    await r.st.until('EVSE 2 available', (s) => s.evses[1].status === 'Available');
  });

  test('TC_071_CS clock-aligned meter values, with and without a transaction', async () => {
    await r.st.ok('config', 'set', 'MeterValuesAlignedData', 'Energy.Active.Import.Register');
    await r.st.ok('config', 'set', 'ClockAlignedDataInterval', '1');
    try {
      const m = r.mark();
      const idle = await r.csms.waitFor('MeterValues', (p) => p.transactionId === undefined && p.meterValue[0].sampledValue[0].context === 'Sample.Clock', 5000, m);
      const ts = new Date((idle.payload as any).meterValue[0].timestamp).getTime();
      assert.ok(ts % 1000 < 200, `aligned to the second, got ${ts % 1000} ms past`);
      await r.st.ok('sim', 'plug', '1');
      await r.st.ok('sim', 'tag', '1', 'CARD-F');
      await r.csms.waitFor('MeterValues', (p) => p.connectorId === 1 && p.transactionId > 0 && p.meterValue[0].sampledValue[0].context === 'Sample.Clock', 5000, m);
      await r.st.ok('sim', 'tag', '1', 'CARD-F');
      await r.csms.waitFor('StopTransaction', () => true, 5000, m);
      await r.st.ok('sim', 'unplug', '1');
    } finally {
      await r.st.ok('config', 'set', 'ClockAlignedDataInterval', '0');
    }
    assert.deepEqual(r.csms.validationFailures, []);
  });
});
