/**
 * The queue cap (config queueMaxMessages, policy in offline-queue/cap-policy.ts) in the real chargerd: offline
 * with four EVSEs charging and sampling twice a second each, the queue reaches the smallest cap the config
 * allows (100); intermediate MeterValues are thinned, never a StartTransaction, a StopTransaction or a
 * transaction's newest sample; what is left replays in order after reconnection and the thinned count shows in
 * `chargerctl status`. The choice of victims is unit-tested in test/unit/offline-queue/cap-policy.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OfflineRig } from './rig.js';

const CAP = 100;
const EVSES = [1, 2, 3, 4];

describe('queue cap', () => {
  let r: OfflineRig;
  before(async () => {
    r = await OfflineRig.create('CP-OFF-CAP', {
      evses: EVSES.map((id) => ({ id, maxCurrentA: 16, phases: 3 })),
      // Periodic and clock-aligned samples every second on each EVSE: eight MeterValues a second.
      ocppKeys: { MeterValueSampleInterval: 1, ClockAlignedDataInterval: 1, AllowOfflineTxForUnknownId: true },
      extra: { queueMaxMessages: CAP },
    });
  });
  after(() => r.close());

  test(`offline beyond queueMaxMessages=${CAP}: intermediate MeterValues thinned and counted, starts, stops and the newest samples kept, the rest replayed in order`, async () => {
    await r.offline();
    const m = r.mark();
    for (const e of EVSES) {
      await r.st.ok('sim', 'plug', String(e));
      await r.st.ok('sim', 'tag', String(e), `CAP-${e}`);
    }
    for (const e of EVSES) await r.transactionRunning(e, `CAP-${e}`);
    let deepest = 0;
    await r.st.until(
      'thinning',
      (s) => {
        deepest = Math.max(deepest, s.queue.depth);
        return s.queue.thinned >= 20;
      },
      60_000,
    );
    assert.ok(deepest <= CAP, `the queue held ${deepest} messages, cap ${CAP}`);
    for (const e of EVSES) await r.st.ok('sim', 'tag', String(e), `CAP-${e}`);
    for (const e of EVSES) await r.transactionEnded(e);

    const status = await r.st.status();
    const queued = (JSON.parse(await r.st.ok('call', 'queue.list', '{"limit":1000}')) as { messages: any[] }).messages;
    assert.equal(queued.length, status.queue.depth);
    assert.ok(queued.length <= CAP + EVSES.length, `${queued.length} queued: the cap plus the stops queued after the last sample`);
    assert.equal(queued.filter((q) => q.kind === 'start').length, EVSES.length, 'no StartTransaction thinned');
    assert.equal(queued.filter((q) => q.kind === 'stop').length, EVSES.length, 'no StopTransaction thinned');
    const txs = [...new Set(queued.map((q) => q.txLocalId))];
    assert.equal(txs.length, EVSES.length);
    for (const tx of txs) {
      const mine = queued.filter((q) => q.txLocalId === tx);
      assert.deepEqual([mine[0].kind, mine[mine.length - 1].kind], ['start', 'stop']);
      const meters = mine.filter((q) => q.kind === 'meter');
      assert.ok(meters.length >= 1);
      // Two samples a second and the newest is never thinned: the last second before the stop is still there.
      const newest = Date.parse(meters[meters.length - 1].createdAt);
      assert.ok(Date.parse(mine[mine.length - 1].createdAt) - newest < 1000, `${tx}: a sample of the last second before the stop is kept`);
    }

    await r.online();
    await r.drained(30_000);
    const { calls, repeats } = r.distinctTxCalls(m);
    assert.equal(repeats, 0);
    const eventTime = (c: (typeof calls)[number]) => (c.action === 'MeterValues' ? (c.payload as any).meterValue[0].timestamp : (c.payload as any).timestamp);
    assert.deepEqual(
      calls.map((c) => [c.action, eventTime(c)]),
      queued.map((q) => [q.action, q.createdAt]),
      'the CSMS received exactly what the cap left, in order',
    );
    const after = await r.st.status();
    assert.equal(after.queue.thinned, status.queue.thinned, 'thinned counted once, kept in chargerctl status');
    assert.ok(after.queue.thinned >= 20);
    assert.equal(after.queue.deadLetters, 0);
    const journal = await r.journal();
    for (const t of journal.filter((x) => x.idTag.startsWith('CAP-'))) {
      const mine = calls.filter((_c, i) => queued[i].txLocalId === t.localId);
      assert.equal(r.answer(mine[0]!).transactionId, t.csmsId);
      assert.ok(mine.slice(1).every((c) => (c.payload as any).transactionId === t.csmsId));
    }
    for (const e of EVSES) await r.st.ok('sim', 'unplug', String(e));
    assert.deepEqual(r.csms.validationFailures, []);
  });
});
