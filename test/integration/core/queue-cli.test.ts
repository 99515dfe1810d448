/**
 * The technician's view of the journal and the durable queue, with the real chargerd and chargerctl against the
 * strict CSMS: `tx list` / `tx show` after a real session, a MeterValues the CSMS refuses becoming a dead letter
 * (TransactionMessageAttempts=1), `queue export dead --out FILE`, and `queue retry` delivering it after all.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createRPCError } from '../../../agent/demo/csms.js';
import { rig, type Rig } from './harness.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

describe('chargerctl queue / tx against a running chargerd', { timeout: SUITE_TIMEOUT_MS }, () => {
  let r: Rig;

  before(async () => {
    r = await rig('CP-QCLI', { ocppKeys: { MeterValueSampleInterval: 1, TransactionMessageAttempts: 1, TransactionMessageRetryInterval: 1 } });
    await r.st.until('registered', (s) => s.registration === 'Accepted');
  });
  after(() => r.close());

  const json = async (...args: string[]): Promise<any> => JSON.parse(await r.st.ok(...args, '--json'));
  /** Poll a chargerctl --json command until `pred` holds. */
  const until = async (what: string, args: string[], pred: (v: any) => boolean, timeoutMs = 15_000): Promise<any> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await json(...args);
      if (pred(v)) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last ${JSON.stringify(v)}\n${r.st.output.slice(-3000)}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  };
  /** The CSMS's answer to a call it received (recorded just after the call). */
  const resultOf = async (messageId: string, timeoutMs = 5000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const res = r.csms.records.find((x) => x.kind === 'result' && x.messageId === messageId);
      if (res) return res;
      if (Date.now() > end) throw new Error(`no answer recorded for call ${messageId}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  };
  /** One whole session on `evse` with card `idTag`; returns the CSMS's view of it. */
  const session = async (evse: number, idTag: string, during: () => Promise<void>) => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', String(evse));
    await r.st.ok('sim', 'tag', String(evse), idTag);
    const start = await r.csms.waitFor('StartTransaction', (p) => p.connectorId === evse && p.idTag === idTag, 10_000, m);
    const conf = await resultOf(start.messageId);
    await during();
    await r.st.ok('sim', 'tag', String(evse), idTag);
    const stop = await r.csms.waitFor('StopTransaction', (p) => p.idTag === idTag, 10_000, m);
    await r.st.ok('sim', 'unplug', String(evse));
    await r.st.until('Available', (s) => s.evses[evse - 1].status === 'Available');
    return { start: start.payload as any, stop: stop.payload as any, csmsId: (conf.payload as any).transactionId as number, mark: m };
  };

  test('a session shows in tx list with its energy, and tx show finds it by CSMS id and by local id', async () => {
    const s = await session(1, 'Q-CARD', async () => {
      await r.csms.waitFor('MeterValues', (p) => p.connectorId === 1 && p.transactionId > 0, 10_000, r.mark());
    });
    assert.ok(Number.isInteger(s.csmsId) && s.csmsId > 0, 'the CSMS gave a transaction id');
    await until('queue drained', ['queue'], (q) => q.depth === 0);

    const list = await json('tx', 'list');
    const t = list.transactions[0];
    assert.equal(t.csmsId, String(s.csmsId), "newest first; the journal's text");
    assert.equal(t.evseId, 1);
    assert.equal(t.idTag, 'Q-CARD');
    assert.equal(t.stopReason, 'Local');
    assert.equal(t.startState, 'confirmed');
    assert.equal(t.stopState, 'confirmed');
    assert.ok(t.energyWh > 0, `energy ${t.energyWh} Wh after charging`);
    // The CSMS got whole Wh; the journal keeps what the meter said.
    assert.ok(Math.abs(t.energyWh - (s.stop.meterStop - s.start.meterStart)) <= 1, `journal ${t.energyWh} Wh vs CSMS ${s.stop.meterStop - s.start.meterStart} Wh`);
    assert.deepEqual((await json('tx', 'list', '--open')).transactions, [], 'nothing running');

    const table = await r.st.ok('tx', 'list');
    assert.match(table, /^TRANSACTION\s+EVSE\s+ID TAG\s+STARTED\s+STOPPED\s+ENERGY kWh\s+REASON\s+START MSG\s+STOP MSG$/m);
    assert.match(table, new RegExp(`^${s.csmsId}\\s+1\\s+Q-CARD\\s+\\S+Z\\s+\\S+Z\\s+${(t.energyWh / 1000).toFixed(3).replace('.', '\\.')}\\s+Local\\s+confirmed\\s+confirmed$`, 'm'));

    const shown = await r.st.ok('tx', 'show', String(s.csmsId));
    assert.match(shown, new RegExp(`^Transaction\\s+${s.csmsId}$`, 'm'));
    assert.match(shown, new RegExp(`^Local id\\s+${t.localId}$`, 'm'));
    assert.match(shown, /^Stopped\s+\S+Z  meter \d+(\.\d+)? Wh  reason Local  by Q-CARD$/m);
    assert.match(shown, /^Queued\s+nothing$/m);
    const byLocal = await json('tx', 'show', `local:${t.localId}`);
    assert.equal(byLocal.transaction.csmsId, String(s.csmsId));
    assert.deepEqual(byLocal.queued, []);

    const missing = await r.st.ctl(['tx', 'show', '987654']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^chargerctl: no transaction 987654 in the journal/);
    assert.deepEqual(r.csms.validationFailures, []);
  });

  test('a refused MeterValues becomes a dead letter; export writes it; queue retry delivers it and the count returns to 0', async () => {
    const refusedAt = r.mark();
    r.csms.setHandler('MeterValues', () => {
      throw createRPCError('InternalError', 'billing backend down');
    });
    let s: Awaited<ReturnType<typeof session>>;
    try {
      s = await session(2, 'Q-DEAD', async () => {
        await until('a dead letter', ['queue'], (q) => q.deadLetters >= 1);
      });
    } finally {
      r.csms.setHandler('MeterValues', null);
    }
    // Stop went through (only MeterValues is refused): nothing left but dead letters.
    const stats = await until('queue empty', ['queue'], (q) => q.depth === 0);
    const deadCount: number = stats.deadLetters;
    assert.ok(deadCount >= 1);
    // Idle-connector MeterValues (not queued) may have been refused as well: count this transaction's only.
    const after = r.csms.records.slice(refusedAt);
    const refused = after.filter(
      (x) => x.dir === 'in' && x.kind === 'call' && x.action === 'MeterValues' && (x.payload as any).transactionId === s.csmsId && after.some((e) => e.kind === 'error' && e.messageId === x.messageId),
    );
    assert.equal(refused.length, deadCount, 'every refused MeterValues of the transaction is a dead letter, and nothing else is');

    const summary = await r.st.ok('queue');
    assert.match(summary, /^Queue\s+empty$/m);
    assert.match(summary, new RegExp(`^Dead letters\\s+${deadCount}  \\(chargerctl queue dead; queue retry sends them again\\)$`, 'm'));
    assert.match(summary, /^Sender\s+online, \d+ delivered since start$/m);

    const dead = await json('queue', 'dead');
    assert.equal(dead.total, deadCount);
    for (const d of dead.messages) {
      assert.equal(d.action, 'MeterValues');
      assert.equal(d.csmsId, String(s.csmsId));
      assert.equal(d.ocppVersion, '1.6');
      assert.match(d.reason, /1 attempt\(s\) failed; last: .*billing backend down/);
    }
    assert.match(await r.st.ok('queue', 'dead'), new RegExp(`^\\d+\\s+MeterValues\\s+${s.csmsId}\\s+\\S+Z\\s+\\S+Z\\s+1 attempt\\(s\\) failed`, 'm'));
    const shown = await json('tx', 'show', String(s.csmsId));
    assert.equal(shown.deadLetters.length, deadCount);

    const file = join(r.st.dataDir, 'dead-letters.json');
    const written = await r.st.ok('queue', 'export', 'dead', '--out', file);
    assert.match(written, new RegExp(`^Wrote ${deadCount} dead letters? \\(1 transaction from the journal\\) to `));
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(exported.chargePointId, 'CP-QCLI');
    assert.equal(exported.what, 'dead');
    assert.equal(exported.deadLetters.length, deadCount);
    for (const d of exported.deadLetters) {
      assert.equal(d.payload.connectorId, 2);
      assert.ok(Array.isArray(d.payload.meterValue) && d.payload.meterValue.length > 0, 'the payload a CSMS operator can replay');
    }
    assert.deepEqual(exported.transactions.map((t: any) => [t.csmsId, t.idTag]), [[String(s.csmsId), 'Q-DEAD']]);

    const retryAt = r.mark();
    const retried = await r.st.ok('queue', 'retry');
    assert.match(retried, new RegExp(`^${deadCount} dead letters? moved back to the end of the queue \\(\\d+ waiting\\); sending now\\.$`, 'm'));
    await until('retried ones delivered', ['queue'], (q) => q.depth === 0 && q.deadLetters === 0);
    const delivered = r.csms.records.slice(retryAt).filter((x) => x.dir === 'in' && x.kind === 'call' && x.action === 'MeterValues' && (x.payload as any).transactionId === s.csmsId);
    assert.equal(delivered.length, deadCount, 'each dead letter reached the CSMS once, with the CSMS transaction id');
    assert.equal(r.csms.records.slice(retryAt).filter((x) => x.kind === 'error').length, 0, 'nothing refused after the retry');
    assert.match(await r.st.ok('queue', 'dead'), /^No dead letters\.$/m);
    assert.equal((await json('tx', 'show', String(s.csmsId))).deadLetters.length, 0);
    assert.equal((await r.st.ok('queue', 'retry')).trim(), 'No dead letters to retry.');
    assert.deepEqual(r.csms.validationFailures, []);
  });

  test('queue export to stdout is the same JSON; bad usage exits 2; status --json keeps queue.depth', async () => {
    const all = await json('queue', 'export');
    assert.equal(all.what, 'all');
    assert.deepEqual(all.queue, []);
    assert.deepEqual(all.deadLetters, []);
    const plain = JSON.parse(await r.st.ok('queue', 'export', 'all'));
    assert.deepEqual({ ...plain, exportedAt: 0 }, { ...all, exportedAt: 0 });
    for (const args of [['queue', 'export', 'nope'], ['queue', 'list', '--limit', '0'], ['tx', 'show'], ['queue', 'frob']]) {
      const res = await r.st.ctl(args);
      assert.equal(res.code, 2, `chargerctl ${args.join(' ')}: ${res.stderr}`);
      assert.equal(res.stdout, '');
    }
    assert.equal((await r.st.status()).queue.depth, 0);
  });
});
