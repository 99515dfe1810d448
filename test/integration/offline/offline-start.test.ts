/**
 * Transactions started while offline (OCTT TC_037_1_CS, TC_037_2_CS, TC_037_3_CS, TC_039_CS Offline Transaction):
 * authorized from the authorization cache, the local list or as unknown ids, replayed after reconnection with the
 * transaction id the CSMS gives in StartTransaction.conf; the CSMS rejecting the id then.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OfflineRig, energyWh, sampledAt } from './rig.js';

/** Start, samples, stop of one transaction as replayed, with the id the CSMS gave. */
function replayOf(r: OfflineRig, from: number, idTag: string) {
  const { calls, repeats } = r.distinctTxCalls(from);
  assert.ok(repeats <= r.drops.length, 'repeats only after lost answers');
  const start = calls.find((c) => c.action === 'StartTransaction' && (c.payload as any).idTag === idTag);
  assert.ok(start, `StartTransaction for ${idTag}`);
  const txId = r.answer(start).transactionId as number;
  const mine = calls.filter((c) => c === start || (c.payload as any).transactionId === txId);
  return { start, txId, mine, calls };
}

describe('offline start, authorized locally (TC_037_1_CS, TC_039_CS)', () => {
  let r: OfflineRig;
  let nextId = 7001;
  before(async () => {
    // AllowOfflineTxForUnknownId stays false: only ids the station knows may start offline.
    r = await OfflineRig.create('CP-OFF-START', { ocppKeys: { MeterValueSampleInterval: 1, LocalAuthorizeOffline: true, AllowOfflineTxForUnknownId: false } });
    // Ids the default CSMS would not hand out, so a message carrying one can only have learned it from the answer.
    r.csms.setHandler('StartTransaction', () => ({ transactionId: nextId++, idTagInfo: { status: 'Accepted' } }));
  });
  after(() => r.close());

  test('TC_037_1_CS an id cached from an earlier online session starts offline; an unknown id does not; replay in order with the CSMS id', async () => {
    // Online: Authorize.conf and StartTransaction.conf put the id in the authorization cache.
    let m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'CACHED-1');
    await r.csms.waitFor('StartTransaction', (p) => p.idTag === 'CACHED-1', 5000, m);
    await r.csmsTxId(1);
    await r.st.ok('sim', 'tag', '1', 'CACHED-1');
    await r.csms.waitFor('StopTransaction', (p) => p.idTag === 'CACHED-1', 5000, m);
    await r.st.ok('sim', 'unplug', '1');
    await r.drained();

    await r.offline();
    m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.until('Preparing', (s) => s.evses[0].status === 'Preparing');
    // Unknown offline: refused. Had it been accepted, its start would be under way and the next card ignored.
    await r.st.ok('sim', 'tag', '1', 'STRANGER-1');
    await r.st.ok('sim', 'tag', '1', 'CACHED-1');
    await r.transactionRunning(1, 'CACHED-1');
    await r.st.until('Charging', (s) => s.evses[0].status === 'Charging');
    await r.queued(3);
    await r.st.ok('sim', 'tag', '1', 'CACHED-1');
    await r.transactionEnded(1);
    const [journal] = await r.journal();
    assert.equal(journal.idTag, 'CACHED-1');
    assert.equal(journal.csmsId, null, 'no CSMS id while offline');

    const tOn = await r.online();
    await r.csms.waitFor('StopTransaction', (p) => p.idTag === 'CACHED-1', 10_000, m);
    await r.drained();
    const { start, txId, mine, calls } = replayOf(r, m, 'CACHED-1');
    assert.ok(txId >= 7001);
    assert.ok(Date.parse((start.payload as any).timestamp) < tOn, 'StartTransaction stamped when it happened, offline');
    assert.equal((start.payload as any).meterStart, Math.round(journal.meterStartWh));
    assert.deepEqual(
      mine.map((c) => c.action),
      ['StartTransaction', ...mine.filter((c) => c.action === 'MeterValues').map(() => 'MeterValues'), 'StopTransaction'],
      'StartTransaction, its MeterValues, StopTransaction, in this order',
    );
    const mvs = mine.filter((c) => c.action === 'MeterValues');
    assert.ok(mvs.length >= 2, `${mvs.length} samples replayed`);
    const stop = mine[mine.length - 1]!.payload as any;
    assert.equal(stop.transactionId, txId, 'the stop carries the id from StartTransaction.conf');
    assert.equal(stop.reason, 'Local');
    assert.equal(stop.meterStop, Math.round(journal.meterStopWh));
    assert.ok(Date.parse(stop.timestamp) < tOn);
    assert.ok(!calls.some((c) => (c.payload as any).idTag === 'STRANGER-1'), 'the unknown id started nothing');
    assert.equal((await r.journal())[0].csmsId, txId, 'the journal has the CSMS id now');
    await r.st.ok('sim', 'unplug', '1');
    assert.deepEqual(r.csms.validationFailures, []);
  });

  test('TC_037_1_CS an id of the local list (SendLocalList) starts offline; replay with the CSMS id', async () => {
    const conf = await r.csms.call(r.id, 'SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag: 'LIST-1', idTagInfo: { status: 'Accepted' } }] });
    assert.equal(conf.status, 'Accepted');
    await r.offline();
    const m = r.mark();
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'LIST-1');
    await r.transactionRunning(2, 'LIST-1');
    await r.queued(3);
    await r.st.ok('sim', 'unplug', '2');
    await r.transactionEnded(2);
    await r.online();
    await r.csms.waitFor('StopTransaction', (p) => p.reason === 'EVDisconnected', 10_000, m);
    await r.drained();
    const { txId, mine } = replayOf(r, m, 'LIST-1');
    assert.equal(mine[0]!.action, 'StartTransaction');
    assert.equal(mine[mine.length - 1]!.action, 'StopTransaction');
    assert.ok(mine.filter((c) => c.action === 'MeterValues').length >= 2);
    assert.ok(mine.slice(1).every((c) => (c.payload as any).transactionId === txId));
    assert.deepEqual(r.csms.validationFailures, []);
  });
});

describe('offline start, the CSMS rejects the id afterwards (TC_037_2_CS, TC_037_3_CS)', () => {
  let r: OfflineRig;
  before(async () => {
    // Unknown ids may start offline; the demo CSMS answers "Blocked" for ids starting with BLOCKED.
    r = await OfflineRig.create('CP-OFF-INVALID', { ocppKeys: { MeterValueSampleInterval: 1, AllowOfflineTxForUnknownId: true, StopTransactionOnInvalidId: true } });
  });
  after(() => r.close());

  test('TC_037_3_CS StopTransactionOnInvalidId=true: StartTransaction.conf Blocked stops the transaction, reason DeAuthorized; the id is refused offline from then on', async () => {
    await r.offline();
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'BLOCKED-373');
    await r.transactionRunning(1, 'BLOCKED-373');
    await r.st.until('Charging', (s) => s.evses[0].status === 'Charging');
    await r.queued(2);
    await r.online();
    const stopCall = await r.csms.waitFor('StopTransaction', () => true, 10_000, m);
    await r.transactionEnded(1);
    const { start, txId, mine } = replayOf(r, m, 'BLOCKED-373');
    assert.equal(r.answer(start).idTagInfo.status, 'Blocked');
    const stop = stopCall.payload as any;
    assert.equal(stop.reason, 'DeAuthorized');
    assert.equal(stop.transactionId, txId);
    assert.ok(mine.filter((c) => c.action === 'MeterValues').every((c) => energyWh(c.payload) <= stop.meterStop));
    const s = await r.st.evse(1);
    assert.equal(s.relayClosed, false);
    assert.equal(s.status, 'Finishing');
    await r.st.ok('sim', 'unplug', '1');
    await r.drained();

    // The CSMS's verdict went into the authorization cache: offline, the id no longer starts anything.
    await r.offline();
    await r.st.ok('sim', 'plug', '2');
    await r.st.until('Preparing', (x) => x.evses[1].status === 'Preparing');
    await r.st.ok('sim', 'tag', '2', 'BLOCKED-373');
    await r.st.ok('sim', 'tag', '2', 'FRESH-373');
    await r.transactionRunning(2, 'FRESH-373');
    await r.st.ok('sim', 'unplug', '2');
    await r.transactionEnded(2);
    await r.online();
    await r.drained();
    assert.equal(r.csms.received('StartTransaction').filter((c) => (c.payload as any).idTag === 'BLOCKED-373').length, 1);
    assert.deepEqual(r.csms.validationFailures, []);
  });

  test('TC_037_2_CS StopTransactionOnInvalidId=false: StartTransaction.conf Blocked suspends the transaction (SuspendedEVSE), no more energy', async () => {
    await r.st.ok('config', 'set', 'StopTransactionOnInvalidId', 'false');
    await r.offline();
    const m = r.mark();
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'BLOCKED-372');
    await r.transactionRunning(2, 'BLOCKED-372');
    await r.st.until('Charging', (s) => s.evses[1].status === 'Charging');
    await r.queued(2);
    const online = r.mark();
    await r.online();
    const suspended = await r.csms.waitFor('StatusNotification', (p) => p.connectorId === 2 && p.status === 'SuspendedEVSE', 10_000, online);
    const txId = await r.csmsTxId(2);
    const s = await r.st.evse(2);
    assert.equal(s.transaction.idTag, 'BLOCKED-372', 'the transaction goes on');
    assert.equal(s.offeredCurrentA, 0);
    assert.equal(s.relayClosed, false);
    // Samples taken well after the suspension: the register stands still.
    const settled = Date.parse((suspended.payload as any).timestamp) + 500;
    const first = await r.csms.waitFor('MeterValues', (p) => p.transactionId === txId && sampledAt(p) > settled, 10_000, m);
    const second = await r.csms.waitFor('MeterValues', (p) => p.transactionId === txId && sampledAt(p) > sampledAt(first.payload), 10_000, m);
    assert.equal(energyWh(second.payload), energyWh(first.payload), 'no energy while suspended');
    await r.st.ok('sim', 'unplug', '2');
    const stop = await r.csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 10_000, m);
    assert.equal((stop.payload as any).reason, 'EVDisconnected');
    assert.equal((stop.payload as any).meterStop, energyWh(second.payload));
    assert.equal(r.csms.received('StopTransaction').filter((c) => (c.payload as any).transactionId === txId).length, 1);
    await r.drained();
    assert.deepEqual(r.csms.validationFailures, []);
  });
});
