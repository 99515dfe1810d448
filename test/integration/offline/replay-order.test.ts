/**
 * Replay order (OCPP 1.6 §4.8 / errata 3.18, spec-facts A.5): several transactions on both EVSEs, interleaved,
 * all while offline. After reconnection the CSMS receives exactly what was queued, in queue order (which is the
 * order things happened), each message with the transaction id its own StartTransaction.conf gave.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OfflineRig, energyWh, journalRows } from './rig.js';

describe('replay order', () => {
  let r: OfflineRig;
  before(async () => {
    r = await OfflineRig.create('CP-OFF-ORDER', { ocppKeys: { MeterValueSampleInterval: 1, AllowOfflineTxForUnknownId: true } });
  });
  after(() => r.close());

  test('three offline transactions on two EVSEs, interleaved: replayed exactly as queued, each with its own id', async () => {
    await r.offline();
    const m = r.mark();
    const depth = async () => (await r.st.status()).queue.depth as number;

    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'ORDER-A');
    await r.transactionRunning(1, 'ORDER-A');
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'ORDER-B');
    await r.transactionRunning(2, 'ORDER-B');
    await r.queued((await depth()) + 3);
    await r.st.ok('sim', 'tag', '1', 'ORDER-A');
    await r.transactionEnded(1);
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 Available', (s) => s.evses[0].status === 'Available');
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'ORDER-C');
    await r.transactionRunning(1, 'ORDER-C');
    await r.queued((await depth()) + 2);
    await r.st.ok('sim', 'unplug', '2');
    await r.transactionEnded(2);
    await r.queued((await depth()) + 1);
    await r.st.ok('sim', 'tag', '1', 'ORDER-C');
    await r.transactionEnded(1);

    const queued = (JSON.parse(await r.st.ok('call', 'queue.list', '{"limit":1000}')) as { messages: any[] }).messages;
    assert.ok(queued.length >= 12, `${queued.length} messages queued`);
    await r.online();
    await r.drained();

    const { calls, repeats } = r.distinctTxCalls(m);
    assert.equal(repeats, 0, 'nothing was in flight at the drop');
    const eventTime = (c: (typeof calls)[number]): string => {
      const p = c.payload as any;
      return c.action === 'MeterValues' ? p.meterValue[0].timestamp : p.timestamp;
    };
    assert.deepEqual(
      calls.map((c) => [c.action, eventTime(c)]),
      queued.map((q) => [q.action, q.createdAt]),
      'the CSMS received exactly the queued messages, in queue order',
    );
    assert.deepEqual([...calls.map(eventTime)].sort(), calls.map(eventTime), 'queue order is the order things happened');

    // Each message carries the id of its own transaction.
    const journal = journalRows(JSON.parse(await r.st.ok('call', 'tx.list', '{"limit":10}')));
    const csmsIdOf = new Map(journal.map((t) => [t.localId, t.csmsId]));
    for (const [i, c] of calls.entries()) {
      const expected = csmsIdOf.get(queued[i].txLocalId);
      assert.ok(typeof expected === 'number' && expected > 0);
      if (c.action === 'StartTransaction') assert.equal(r.answer(c).transactionId, expected);
      else assert.equal((c.payload as any).transactionId, expected, `${c.action} #${i} carries its transaction's id`);
    }

    // Interleaved: B's samples arrive between A's start and A's stop, and C's start before B's stop.
    const idOf = (tag: string) => journal.find((t) => t.idTag === tag).csmsId as number;
    const [a, b, cTx] = ['ORDER-A', 'ORDER-B', 'ORDER-C'].map(idOf) as [number, number, number];
    const index = (pred: (c: (typeof calls)[number]) => boolean) => calls.findIndex(pred);
    const startOf = (tag: string) => index((c) => c.action === 'StartTransaction' && (c.payload as any).idTag === tag);
    const stopOf = (id: number) => index((c) => c.action === 'StopTransaction' && (c.payload as any).transactionId === id);
    assert.ok(index((c) => c.action === 'MeterValues' && (c.payload as any).transactionId === b) < stopOf(a));
    assert.ok(startOf('ORDER-C') < stopOf(b));
    assert.ok(startOf('ORDER-A') < startOf('ORDER-B') && startOf('ORDER-B') < stopOf(a) && stopOf(a) < startOf('ORDER-C') && stopOf(b) < stopOf(cTx));

    // Per transaction: meterStart <= samples <= meterStop, rising; the stop reasons of what happened.
    for (const [tag, id, reason] of [
      ['ORDER-A', a, 'Local'],
      ['ORDER-B', b, 'EVDisconnected'],
      ['ORDER-C', cTx, 'Local'],
    ] as const) {
      const start = calls[startOf(tag)]!.payload as any;
      const stop = calls[stopOf(id)]!.payload as any;
      assert.equal(stop.reason, reason);
      let last = start.meterStart;
      for (const mv of calls.filter((c) => c.action === 'MeterValues' && (c.payload as any).transactionId === id)) {
        assert.equal((mv.payload as any).connectorId, start.connectorId);
        assert.ok(energyWh(mv.payload) >= last);
        last = energyWh(mv.payload);
      }
      assert.ok(stop.meterStop >= last);
    }
    await r.st.ok('sim', 'unplug', '1');
    assert.deepEqual(r.csms.validationFailures, []);
  });
});
