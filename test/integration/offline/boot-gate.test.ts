/**
 * After a restart with a full queue (OCPP 1.6 §4.2, errata 3.22/3.40): nothing but BootNotification goes out
 * until the CSMS accepts it, Pending answers included; then the current statuses, then the queue in order,
 * with the power-loss stop of the transaction the restart cut off (TC_032_CS) last.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OfflineRig, energyWh } from './rig.js';

describe('restart with a non-empty queue', () => {
  let r: OfflineRig;
  before(async () => {
    r = await OfflineRig.create('CP-OFF-BOOT', { ocppKeys: { MeterValueSampleInterval: 1, AllowOfflineTxForUnknownId: true } });
  });
  after(() => r.close());

  test('Pending twice, then Accepted: only BootNotification before Accepted, then statuses and the whole queue in order', async () => {
    await r.offline();
    const m = r.mark();
    // EVSE 1: a whole transaction offline. EVSE 2: still charging when the power goes.
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'BOOT-DONE');
    await r.transactionRunning(1, 'BOOT-DONE');
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'BOOT-CUT');
    await r.transactionRunning(2, 'BOOT-CUT');
    await r.queued(5);
    await r.st.ok('sim', 'tag', '1', 'BOOT-DONE');
    await r.transactionEnded(1);
    await r.queued(7);
    const before = (await r.st.status()).queue.depth as number;
    const journalCut = (await r.journal()).find((t) => t.idTag === 'BOOT-CUT');
    const killedAt = Date.now();

    let boots = 0;
    r.csms.setHandler('BootNotification', () => ({ status: ++boots <= 2 ? 'Pending' : 'Accepted', currentTime: new Date().toISOString(), interval: 1 }));
    r.csms.setAccepting(true);
    await r.restart({ kill: true });
    await r.registered(20_000);
    await r.drained();

    const after = r.csms.records.slice(m);
    const accepted = after.findIndex((x) => x.dir === 'in' && x.kind === 'result' && x.action === 'BootNotification' && (x.payload as any).status === 'Accepted');
    assert.ok(accepted >= 0);
    const calls = (from: number, to: number) => after.slice(from, to).filter((x) => x.dir === 'in' && x.kind === 'call');
    assert.deepEqual(
      calls(0, accepted).map((x) => x.action),
      ['BootNotification', 'BootNotification', 'BootNotification'],
      'nothing but BootNotification until it was accepted',
    );

    const tx = r.txCalls(m);
    assert.ok(tx.length >= before, `${tx.length} transaction messages replayed, ${before} were queued before the kill`);
    const firstTx = after.indexOf(tx[0]!);
    const statuses = calls(accepted, firstTx).filter((x) => x.action === 'StatusNotification').map((x) => (x.payload as any).connectorId);
    assert.deepEqual([...statuses].sort(), [0, 1, 2], 'the current status of every connector first');

    // The queue in order: everything of BOOT-DONE and BOOT-CUT as it happened, then BOOT-CUT's power-loss stop.
    const { calls: distinct, repeats } = r.distinctTxCalls(m);
    assert.equal(repeats, 0);
    const eventTime = (c: (typeof distinct)[number]) => Date.parse(c.action === 'MeterValues' ? (c.payload as any).meterValue[0].timestamp : (c.payload as any).timestamp);
    const last = distinct[distinct.length - 1]!;
    assert.equal(last.action, 'StopTransaction');
    const cutStop = last.payload as any;
    assert.equal(cutStop.reason, 'PowerLoss');
    const body = distinct.slice(0, -1);
    assert.deepEqual(body.map(eventTime), [...body.map(eventTime)].sort((a, b) => a - b), 'in the order things happened');
    const cutStart = distinct.find((c) => c.action === 'StartTransaction' && (c.payload as any).idTag === 'BOOT-CUT')!;
    const cutId = r.answer(cutStart).transactionId;
    assert.equal(cutStop.transactionId, cutId);
    // The power-loss stop has the last reading the journal held and its time, not the restart's.
    const cutSamples = distinct.filter((c) => c.action === 'MeterValues' && (c.payload as any).transactionId === cutId);
    const lastSample = cutSamples[cutSamples.length - 1]!;
    assert.ok(cutStop.meterStop >= energyWh(lastSample.payload), 'meterStop covers every sample');
    assert.ok(cutStop.meterStop >= Math.round(journalCut.lastMeterWh));
    assert.ok(Date.parse(cutStop.timestamp) >= eventTime(lastSample) && Date.parse(cutStop.timestamp) <= killedAt, 'stamped with the last journaled reading, before the kill');
    const doneStop = distinct.find((c) => c.action === 'StopTransaction' && c !== last)!.payload as any;
    assert.equal(doneStop.reason, 'Local');
    assert.equal(r.csms.received('StopTransaction').length, 2, 'one StopTransaction each');
    await r.st.ok('sim', 'unplug', '1');
    await r.st.ok('sim', 'unplug', '2');
    assert.deepEqual(r.csms.validationFailures, []);
  });
});
