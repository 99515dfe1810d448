/**
 * Sessions that start online and lose the connection (OCTT TC_036_CS Connection Loss During Transaction,
 * TC_038_CS Offline Stop Transaction), real chargerd process against the ocpp-rpc CSMS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OfflineRig, energyWh, sampledAt } from './rig.js';

describe('a session that started online, offline', () => {
  let r: OfflineRig;
  before(async () => {
    r = await OfflineRig.create('CP-OFF-ONLINE', { ocppKeys: { MeterValueSampleInterval: 1 } });
  });
  after(() => r.close());

  test('TC_036_CS the connection drops while charging: charging goes on, every sample taken offline arrives, in order', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'OFF-036');
    const start = await r.csms.waitFor('StartTransaction', (p) => p.idTag === 'OFF-036', 5000, m);
    const txId = await r.csmsTxId(1);
    await r.csms.waitFor('MeterValues', (p) => p.transactionId === txId, 5000, m);

    const tOff = Date.now();
    await r.offline();
    await r.queued(4);
    assert.equal((await r.st.evse(1)).status, 'Charging', 'the session goes on without the CSMS');
    const tOn = await r.online();
    // A sample taken after the reconnection: everything queued before it has been delivered by then.
    await r.csms.waitFor('MeterValues', (p) => p.transactionId === txId && sampledAt(p) > tOn, 10_000, m);

    // A sample in flight when the connection dropped may come twice (its answer was lost): once is counted.
    const { calls, repeats } = r.distinctTxCalls(m);
    assert.ok(repeats <= 1);
    const mvs = calls.filter((c) => c.action === 'MeterValues').map((c) => c.payload as any);
    assert.ok(mvs.every((p) => p.transactionId === txId && p.connectorId === 1));
    const offline = mvs.filter((p) => sampledAt(p) > tOff && sampledAt(p) < tOn);
    // Four were queued; the first may have been taken just before the drop.
    assert.ok(offline.length >= 3, `${offline.length} samples taken while offline arrived`);
    for (let i = 1; i < mvs.length; i++) {
      assert.ok(sampledAt(mvs[i]) > sampledAt(mvs[i - 1]), 'samples arrive in the order they were taken');
      // MeterValueSampleInterval is 1 s: a gap of 3 s means samples were lost.
      assert.ok(sampledAt(mvs[i]) - sampledAt(mvs[i - 1]) < 3000, `no sample missing between ${mvs[i - 1].meterValue[0].timestamp} and ${mvs[i].meterValue[0].timestamp}`);
      assert.ok(energyWh(mvs[i]) >= energyWh(mvs[i - 1]), 'energy only rises');
    }
    assert.ok(energyWh(mvs[0]) >= (start.payload as any).meterStart);

    await r.st.ok('sim', 'tag', '1', 'OFF-036');
    const stop = await r.csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 5000, m);
    assert.ok((stop.payload as any).meterStop >= energyWh(mvs[mvs.length - 1]));
    await r.st.ok('sim', 'unplug', '1');
    await r.drained();
    assert.deepEqual(r.csms.validationFailures, []);
  });

  test('TC_038_CS stopped while offline: after reconnection the StopTransaction carries the id, meterStop and the time of the stop, after the samples queued offline', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'OFF-038');
    const start = await r.csms.waitFor('StartTransaction', (p) => p.idTag === 'OFF-038', 5000, m);
    const txId = await r.csmsTxId(2);
    await r.csms.waitFor('MeterValues', (p) => p.transactionId === txId, 5000, m);

    const tOff = Date.now();
    await r.offline();
    // A sample in flight at the drop stays queued too (its answer was lost): three, to have two taken offline.
    await r.queued(3);
    const tStopAsked = Date.now();
    await r.st.ok('sim', 'tag', '2', 'OFF-038');
    await r.transactionEnded(2);
    const tStopped = Date.now();
    const journal = (await r.journal()).find((t) => t.idTag === 'OFF-038');
    assert.ok(journal, 'the journal has the transaction');
    // The stop happened at least a queued sample (1 s) before the reconnection below.
    await r.st.until('station Finishing', (s) => s.evses[1].status === 'Finishing');
    const beforeOnline = r.mark();
    assert.equal(r.txCalls(m).filter((c) => c.action === 'StopTransaction').length, 0, 'nothing reached the CSMS while offline');
    const tOn = await r.online();
    const stop = await r.csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 10_000, beforeOnline);
    const sp = stop.payload as any;
    assert.equal(sp.reason, 'Local');
    assert.equal(sp.idTag, 'OFF-038');
    assert.equal(sp.meterStop, Math.round(journal.meterStopWh));
    const stopAt = Date.parse(sp.timestamp);
    assert.ok(stopAt >= tStopAsked - 5 && stopAt <= tStopped, `stop stamped ${sp.timestamp}: when it happened, between ${new Date(tStopAsked).toISOString()} and ${new Date(tStopped).toISOString()}`);
    assert.ok(stopAt < tOn, 'not when it was sent');

    const { calls, repeats } = r.distinctTxCalls(m);
    assert.ok(repeats <= 1);
    const stopIndex = calls.indexOf(stop);
    const mvs = calls.filter((c) => c.action === 'MeterValues' && (c.payload as any).transactionId === txId);
    const takenOffline = mvs.filter((c) => sampledAt(c.payload) > tOff);
    assert.ok(takenOffline.length >= 2, `${takenOffline.length} samples taken offline were replayed`);
    assert.ok(takenOffline.every((c) => r.csms.records.indexOf(c) > beforeOnline));
    assert.ok(
      mvs.every((c) => calls.indexOf(c) < stopIndex),
      'every MeterValues of the transaction arrives before its StopTransaction',
    );
    let prev = (start.payload as any).meterStart;
    let prevAt = Date.parse((start.payload as any).timestamp);
    for (const c of mvs) {
      const p = c.payload as any;
      assert.ok(energyWh(p) >= prev && energyWh(p) <= sp.meterStop, 'meterStart <= samples <= meterStop, rising');
      assert.ok(sampledAt(p) >= prevAt && sampledAt(p) <= stopAt, 'samples in order, before the stop');
      prev = energyWh(p);
      prevAt = sampledAt(p);
    }
    // After the reconnection the station reports its current status (it changed while offline).
    await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'Finishing', 5000, beforeOnline);
    await r.st.ok('sim', 'unplug', '2');
    await r.drained();
    assert.equal(r.csms.received('StopTransaction').filter((c) => (c.payload as any).transactionId === txId).length, 1, 'exactly one StopTransaction');
    assert.deepEqual(r.csms.validationFailures, []);
  });
});
