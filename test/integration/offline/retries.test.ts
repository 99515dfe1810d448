/**
 * Retries of transaction messages (OCPP 1.6 §4.8–4.10, spec-facts A.5): a CALLERROR or no answer within
 * MessageTimeout is a failure; the message is sent again after TransactionMessageRetryInterval × the number of
 * earlier sends; after TransactionMessageAttempts failures it moves to the dead letters (never dropped) and the
 * next message goes out. A transaction whose StartTransaction died goes on with transactionId -1 (errata 3.18).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRPCError, NOREPLY, type CsmsRecord } from '../../../agent/demo/csms.js';
import { OfflineRig, sampledAt } from './rig.js';

describe('retries and dead letters', () => {
  let r: OfflineRig;
  let nextId = 501;
  /** idTag → how many more times its StartTransaction is answered with a CALLERROR. */
  const startFailures = new Map<string, number>();
  const txIds = new Map<string, number>();
  /** idTag → how long its first StartTransaction waits for its answer (past MessageTimeout: a late answer). */
  const lateStarts = new Map<string, number>();
  let connections = 0;

  before(async () => {
    r = await OfflineRig.create(
      'CP-OFF-RETRY',
      { ocppKeys: { MeterValueSampleInterval: 1, TransactionMessageAttempts: 3, TransactionMessageRetryInterval: 1, MessageTimeout: 1 } },
      {},
      true,
    );
    r.csms.on('connected', () => connections++);
    r.csms.setHandler('StartTransaction', async (p: any) => {
      const late = lateStarts.get(p.idTag);
      if (late !== undefined) {
        lateStarts.delete(p.idTag);
        await new Promise((res) => setTimeout(res, late));
      }
      const left = startFailures.get(p.idTag) ?? 0;
      if (left > 0) {
        startFailures.set(p.idTag, left - 1);
        throw createRPCError('InternalError', 'CSMS busy');
      }
      const id = nextId++;
      txIds.set(p.idTag, id);
      return { transactionId: id, idTagInfo: { status: 'Accepted' } };
    });
  });
  after(() => r.close());

  /** The `n`-th call of `action` after `from` that matches (1-based), waiting for it. */
  async function nth(action: string, n: number, pred: (p: any) => boolean, from: number, timeoutMs = 15_000): Promise<CsmsRecord[]> {
    let at = from;
    const found: CsmsRecord[] = [];
    while (found.length < n) {
      const rec = await r.csms.waitFor(action, pred, timeoutMs, at);
      found.push(rec);
      at = r.csms.records.indexOf(rec) + 1;
    }
    return found;
  }

  async function deadLetters(): Promise<number> {
    return (await r.st.status()).queue.deadLetters;
  }

  /** Sends k+1 after k failed ones: interval (1 s) × k earlier sends after the failure, plus `waitS` for it. */
  function assertBackoff(copies: CsmsRecord[], waitS: number): void {
    for (let k = 1; k < copies.length; k++) {
      const gap = copies[k]!.at - copies[k - 1]!.at;
      const expected = (waitS + k) * 1000;
      assert.ok(gap >= expected - 20 && gap < expected + 700, `send ${k + 1} came ${gap} ms after send ${k}; expected ${expected} ms`);
    }
  }

  test('StartTransaction answered with CALLERROR twice: sent again after 1 s, then 2 s, then delivered; its samples wait and carry its id', async () => {
    startFailures.set('RETRY-S', 2);
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'RETRY-S');
    const copies = await nth('StartTransaction', 3, (p) => p.idTag === 'RETRY-S', m);
    assertBackoff(copies, 0);
    assert.ok(copies.every((c) => JSON.stringify(c.payload) === JSON.stringify(copies[0]!.payload)), 'the same message every time');
    const txId = await r.csmsTxId(1);
    assert.equal(txId, txIds.get('RETRY-S'));
    const mv = await r.csms.waitFor('MeterValues', (p) => p.connectorId === 1, 5000, m);
    assert.ok(r.csms.records.indexOf(mv) > r.csms.records.indexOf(copies[2]!), 'samples wait behind their StartTransaction');
    assert.equal((mv.payload as any).transactionId, txId);
    await r.st.ok('sim', 'tag', '1', 'RETRY-S');
    await r.csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 5000, m);
    await r.st.ok('sim', 'unplug', '1');
    await r.drained();
    assert.equal(await deadLetters(), 0);
  });

  test('a MeterValues refused every time: three sends (1 s, 2 s apart), then a dead letter; the next message is sent', async () => {
    const before = await deadLetters();
    let doomed: string | null = null;
    r.csms.setHandler('MeterValues', (p: any) => {
      if (p.transactionId === txIds.get('RETRY-M') && (doomed === null || doomed === p.meterValue[0].timestamp)) {
        doomed = p.meterValue[0].timestamp;
        throw createRPCError('InternalError', 'cannot store meter values');
      }
      return {};
    });
    try {
      const m = r.mark();
      await r.st.ok('sim', 'plug', '2');
      await r.st.ok('sim', 'tag', '2', 'RETRY-M');
      const copies = await nth('MeterValues', 3, (p) => p.connectorId === 2, m);
      assertBackoff(copies, 0);
      const next = await r.csms.waitFor('MeterValues', (p) => p.connectorId === 2 && p.meterValue[0].timestamp !== doomed, 5000, r.csms.records.indexOf(copies[2]!));
      assert.ok(sampledAt(next.payload) > Date.parse(doomed!), 'the next sample');
      assert.equal(await deadLetters(), before + 1);
      const dead = JSON.parse(await r.st.ok('call', 'queue.dead', '{"limit":100}')) as { messages: any[] };
      const row = dead.messages[dead.messages.length - 1];
      assert.equal(row.action, 'MeterValues');
      assert.equal(row.createdAt, doomed, 'the dead letter is that sample');
      await r.st.ok('sim', 'unplug', '2');
      await r.csms.waitFor('StopTransaction', (p) => p.transactionId === txIds.get('RETRY-M'), 5000, m);
      await r.drained();
      assert.equal(r.csms.received('MeterValues').filter((c) => (c.payload as any).meterValue[0].timestamp === doomed).length, 3, 'never sent a fourth time');
    } finally {
      r.csms.setHandler('MeterValues', null);
    }
  });

  test('no answer (MessageTimeout 1 s) counts as a failure: sent again after timeout + 1 s, timeout + 2 s, then a dead letter; the connection stays', async () => {
    const before = await deadLetters();
    const connectedBefore = connections;
    let silent: string | null = null;
    r.csms.setHandler('MeterValues', (p: any) => {
      if (p.transactionId === txIds.get('RETRY-T') && (silent === null || silent === p.meterValue[0].timestamp)) {
        silent = p.meterValue[0].timestamp;
        return NOREPLY;
      }
      return {};
    });
    try {
      const m = r.mark();
      await r.st.ok('sim', 'plug', '1');
      await r.st.ok('sim', 'tag', '1', 'RETRY-T');
      const copies = await nth('MeterValues', 3, (p) => p.connectorId === 1, m, 20_000);
      assertBackoff(copies, 1);
      const next = await r.csms.waitFor('MeterValues', (p) => p.connectorId === 1 && p.meterValue[0].timestamp !== silent, 5000, r.csms.records.indexOf(copies[2]!));
      assert.ok(sampledAt(next.payload) > Date.parse(silent!));
      await r.st.until('dead letter', (s) => s.queue.deadLetters === before + 1);
      await r.st.ok('sim', 'unplug', '1');
      await r.csms.waitFor('StopTransaction', (p) => p.transactionId === txIds.get('RETRY-T'), 5000, m);
      await r.drained();
      assert.equal(connections, connectedBefore, 'a timeout is not a connection loss');
      assert.equal(r.csms.received('MeterValues').filter((c) => (c.payload as any).meterValue[0].timestamp === silent).length, 3);
    } finally {
      r.csms.setHandler('MeterValues', null);
    }
  });

  test('StartTransaction answered after MessageTimeout (1 s), before its resend: the late answer is taken, no second StartTransaction, its id on every later message', async () => {
    lateStarts.set('RETRY-L', 1400);
    const m = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'RETRY-L');
    const first = await r.csms.waitFor('StartTransaction', (p) => p.idTag === 'RETRY-L', 5000, m);
    const txId = await r.csmsTxId(1);
    assert.equal(txId, txIds.get('RETRY-L'));
    const answer = r.answer(first);
    assert.equal(answer.transactionId, txId, 'the id of the late answer');
    const mv = await r.csms.waitFor('MeterValues', (p) => p.connectorId === 1 && p.transactionId !== undefined, 5000, m);
    await r.st.ok('sim', 'tag', '1', 'RETRY-L');
    await r.csms.waitFor('StopTransaction', (p) => p.idTag === 'RETRY-L', 5000, m);
    await r.st.ok('sim', 'unplug', '1');
    await r.drained();
    // Strict order: a resend would have gone out before the first sample, which waits behind its start.
    assert.equal(r.csms.received('StartTransaction').filter((c) => (c.payload as any).idTag === 'RETRY-L').length, 1, 'one StartTransaction, one CSMS transaction');
    const later = r.txCalls(m).filter((c) => c.action !== 'StartTransaction');
    assert.ok(later.length >= 2 && later.includes(mv));
    assert.deepEqual([...new Set(later.map((c) => (c.payload as any).transactionId))], [txId], 'every MeterValues and the StopTransaction carry that id');
    const row = (await r.journal()).find((t) => t.idTag === 'RETRY-L');
    assert.equal(row.csmsId, txId);
  });

  test('StartTransaction refused every time: dead letter; its samples and stop still go out, with transactionId -1 (errata 3.18)', async () => {
    const before = await deadLetters();
    startFailures.set('RETRY-D', 100);
    const m = r.mark();
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'RETRY-D');
    const copies = await nth('StartTransaction', 3, (p) => p.idTag === 'RETRY-D', m);
    assertBackoff(copies, 0);
    const mv = await r.csms.waitFor('MeterValues', (p) => p.connectorId === 2, 5000, r.csms.records.indexOf(copies[2]!));
    assert.equal((mv.payload as any).transactionId, -1);
    assert.equal(await deadLetters(), before + 1);
    await r.st.ok('sim', 'unplug', '2');
    const stop = await r.csms.waitFor('StopTransaction', (p) => p.reason === 'EVDisconnected', 5000, m);
    assert.equal((stop.payload as any).transactionId, -1);
    await r.drained();
    assert.equal(r.csms.received('StartTransaction').filter((c) => (c.payload as any).idTag === 'RETRY-D').length, 3);
    assert.deepEqual(r.csms.validationFailures, []);
  });
});
