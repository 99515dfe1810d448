/** What the 2.0.1 transaction tests read from the CSMS's records: one transaction's TransactionEvents. */
import assert from 'node:assert/strict';
import type { Rig } from '../core/harness.js';

/** The TransactionEvent payloads the CSMS received for `transactionId` (every one, resends included), in order. */
export function txEvents(r: Rig, transactionId: string, from = 0): any[] {
  return r.csms.records
    .slice(from)
    .filter((x) => x.dir === 'in' && x.kind === 'call' && x.action === 'TransactionEvent' && (x.payload as any).transactionInfo.transactionId === transactionId)
    .map((x) => x.payload);
}

/**
 * One Started first, one Ended last, seqNo 0..n-1 without gaps. A repeat of one seqNo is only a resend when its
 * payload is the same (the CSMS dedupes by transactionId and seqNo); those are dropped before counting.
 */
export function assertStream(events: any[]): any[] {
  const bySeq = new Map<number, any>();
  for (const e of events) {
    const seen = bySeq.get(e.seqNo);
    if (seen) assert.deepEqual(e, seen, `seqNo ${e.seqNo} sent twice with different payloads`);
    else bySeq.set(e.seqNo, e);
  }
  const unique = [...bySeq.values()];
  assert.deepEqual(unique.map((e) => e.seqNo), unique.map((_, i) => i), 'seqNo 0..n-1, in order, no gaps');
  assert.equal(unique.filter((e) => e.eventType === 'Started').length, 1, 'one Started');
  assert.equal(unique[0].eventType, 'Started');
  const ended = unique.filter((e) => e.eventType === 'Ended');
  assert.ok(ended.length <= 1, 'at most one Ended');
  if (ended.length) assert.equal(unique[unique.length - 1].eventType, 'Ended', 'Ended is the last');
  return unique;
}

export async function waitEnded(r: Rig, transactionId: string, from = 0, timeoutMs = 10_000): Promise<any> {
  return (await r.csms.waitFor('TransactionEvent', (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === transactionId, timeoutMs, from)).payload;
}

export async function waitStarted(r: Rig, evseId: number, from = 0, timeoutMs = 10_000): Promise<any> {
  return (await r.csms.waitFor('TransactionEvent', (p) => p.eventType === 'Started' && p.evse?.id === evseId, timeoutMs, from)).payload;
}

/** Plug in and present `card` on `evse`, then wait until it charges; the new transaction's transactionId. */
export async function startTx(r: Rig, evse: number, card: string): Promise<string> {
  const m = r.mark();
  await r.st.ok('sim', 'plug', String(evse));
  await r.st.ok('sim', 'tag', String(evse), card);
  const id = (await waitStarted(r, evse, m)).transactionInfo.transactionId;
  await r.st.until(`EVSE ${evse} charging`, (s) => s.evses[evse - 1].status === 'Charging');
  return id;
}
