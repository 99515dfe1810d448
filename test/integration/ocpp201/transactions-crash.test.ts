/**
 * seqNo contiguity and one Started / one Ended per transaction across kill -9 of a real 2.0.1 chargerd (the same
 * property the 1.6 crash test checks). The CSMS answers TransactionEvents slowly, so that each kill finds one in
 * flight: after the restart it goes out again with the same seqNo and the same payload — a legitimate resend,
 * which the CSMS dedupes by (transactionId, seqNo) — and the transaction the kill left open is ended by the
 * power-loss recovery (PowerLoss), offline, with the next seqNo. Every frame passes the strict CSMS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { relaunch201, rig201 } from './harness.js';
import { assertStream, txEvents, waitEnded, waitStarted } from './tx-events.js';

/** How long the CSMS takes to answer a TransactionEvent while the kills happen (< the station's call timeout). */
const SLOW_ANSWER_MS = 1500;

describe('2.0.1 transactions across kill -9', () => {
  let r: Rig;
  let slow = false;
  before(async () => {
    r = await rig201('CP201-CRASH', { ocppKeys: { 'SampledDataCtrlr.TxUpdatedInterval': 1 } });
    r.csms.setHandler('TransactionEvent', async (p: any) => {
      if (slow) await new Promise((res) => setTimeout(res, SLOW_ANSWER_MS));
      return p.idToken ? { idTokenInfo: { status: 'Accepted' } } : {};
    });
  });
  after(() => r.close());

  it('three kills while a TransactionEvent is in flight: one Started, one Ended (PowerLoss), seqNo 0..n without gaps, repeats only as identical resends', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'CRASH-CARD');
    const id = (await waitStarted(r, 1, m)).transactionInfo.transactionId;
    await r.csms.waitFor('TransactionEvent', (p) => p.triggerReason === 'MeterValuePeriodic' && p.transactionInfo.transactionId === id, 10_000, m);
    slow = true;
    let from = r.mark();
    for (let round = 0; round < 3; round++) {
      // A TransactionEvent the CSMS has received (since the last restart) but not answered yet: the kill leaves it
      // unconfirmed.
      await r.csms.waitFor('TransactionEvent', (p) => p.transactionInfo.transactionId === id, 15_000, from);
      await r.st.kill('SIGKILL');
      from = r.mark();
      await relaunch201(r);
    }
    slow = false;
    const ended = await waitEnded(r, id, m, 30_000);
    assert.equal(ended.transactionInfo.stoppedReason, 'PowerLoss');
    await r.st.until('queue drained', (s) => s.queue.depth === 0, 30_000);
    const all = txEvents(r, id, m);
    const unique = assertStream(all);
    assert.ok(all.length > unique.length, 'at least one message was resent after a kill (same seqNo, same payload)');
    assertValidFrames(r);
  });
});
