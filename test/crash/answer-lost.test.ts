/**
 * The window that stays, aimed at on purpose with the real chargerd: the CSMS has received a transaction
 * message and the station dies (kill -9) before the answer reaches it. After the restart the station sends the
 * same message again, once, identical (the CSMS can recognise it); a stop is never turned into a second,
 * different stop, and a start whose answer was lost is not followed by a second transaction.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CsmsRecord } from '../../agent/demo/csms.js';
import { OfflineRig } from '../integration/offline/rig.js';
import { CRASH_EVSES } from './runner.js';

describe('answer lost with the process', () => {
  let r: OfflineRig;
  /** The CSMS deduplicates StartTransaction: the same message gets the same id. */
  const ids = new Map<string, number>();
  let killOn: ((action: string, p: any) => boolean) | null = null;

  before(async () => {
    r = await OfflineRig.create('CP-CRASH-LOST', { evses: CRASH_EVSES, ocppKeys: { MeterValueSampleInterval: 1 } });
    const dieFirst = async (action: string, p: any) => {
      if (killOn?.(action, p)) {
        killOn = null;
        // The CSMS processed the message; the answer goes to a dead process.
        await r.st.kill('SIGKILL');
      }
    };
    r.csms.setHandler('StartTransaction', async (p: any) => {
      await dieFirst('StartTransaction', p);
      const key = JSON.stringify(p);
      if (!ids.has(key)) ids.set(key, 100 + ids.size);
      return { transactionId: ids.get(key), idTagInfo: { status: 'Accepted' } };
    });
    r.csms.setHandler('MeterValues', async (p: any) => {
      await dieFirst('MeterValues', p);
      return {};
    });
    r.csms.setHandler('StopTransaction', async (p: any) => {
      await dieFirst('StopTransaction', p);
      return {};
    });
  });
  after(() => r.close());

  const copies = (m: number, action: string, pred: (p: any) => boolean): CsmsRecord[] => r.txCalls(m).filter((c) => c.action === action && pred(c.payload));

  /** The handler is killing the process; restart() waits for it to be gone (its own SIGKILL changes nothing). */
  async function restartAfterKill(): Promise<void> {
    await r.restart({ kill: true });
    await r.registered();
    await r.drained();
  }

  for (const [evse, connector] of [
    [1, 'socket'],
    [2, 'cable'],
  ] as const) {
    test(`StartTransaction (${connector} EVSE): sent again once, identical, one transaction id; the power-loss stop names it`, async () => {
      const m = r.mark();
      killOn = (action, p) => action === 'StartTransaction' && p.idTag === `LOST-START-${evse}`;
      await r.st.ok('sim', 'plug', String(evse));
      await r.st.ok('sim', 'tag', String(evse), `LOST-START-${evse}`, '--no-wait');
      await r.csms.waitFor('StartTransaction', (p) => p.idTag === `LOST-START-${evse}`, 5000, m);
      await restartAfterKill();
      const starts = copies(m, 'StartTransaction', (p) => p.idTag === `LOST-START-${evse}`);
      assert.equal(starts.length, 2);
      assert.deepEqual(starts[1]!.payload, starts[0]!.payload);
      const { repeats } = r.distinctTxCalls(m);
      assert.equal(repeats, 1);
      const id = ids.get(JSON.stringify(starts[0]!.payload))!;
      const stops = copies(m, 'StopTransaction', () => true);
      assert.equal(stops.length, 1);
      assert.equal((stops[0]!.payload as any).transactionId, id);
      assert.equal((stops[0]!.payload as any).reason, 'PowerLoss');
      const row = (await r.journal()).find((t) => t.idTag === `LOST-START-${evse}`);
      assert.equal(row.csmsId, id);
      assert.equal(row.stopState, 'confirmed');
      await r.st.ok('sim', 'unplug', String(evse));
    });
  }

  test('MeterValues: sent again once, identical, before the power-loss stop', async () => {
    const m = r.mark();
    await r.st.ok('sim', 'plug', '2');
    await r.st.ok('sim', 'tag', '2', 'LOST-METER');
    const id = await r.csmsTxId(2);
    killOn = (action, p) => action === 'MeterValues' && p.transactionId === id;
    await r.csms.waitFor('MeterValues', (p) => p.transactionId === id, 5000, m);
    await restartAfterKill();
    const mvs = copies(m, 'MeterValues', (p) => p.transactionId === id);
    assert.equal(mvs.length, 2, 'the one sample, twice');
    assert.deepEqual(mvs[1]!.payload, mvs[0]!.payload);
    const stops = copies(m, 'StopTransaction', (p) => p.transactionId === id);
    assert.equal(stops.length, 1);
    assert.equal((stops[0]!.payload as any).reason, 'PowerLoss');
    assert.ok(r.csms.records.indexOf(stops[0]!) > r.csms.records.indexOf(mvs[1]!));
    assert.equal(r.distinctTxCalls(m).repeats, 1);
    await r.st.ok('sim', 'unplug', '2');
  });

  for (const [evse, connector] of [
    [1, 'socket'],
    [2, 'cable'],
  ] as const) {
    test(`StopTransaction (${connector} EVSE): sent again once, identical; never a second, different stop (no power-loss stop for it)`, async () => {
      const m = r.mark();
      await r.st.ok('sim', 'plug', String(evse));
      await r.st.ok('sim', 'tag', String(evse), `LOST-STOP-${evse}`);
      const id = await r.csmsTxId(evse);
      await r.csms.waitFor('MeterValues', (p) => p.transactionId === id, 5000, m);
      killOn = (action, p) => action === 'StopTransaction' && p.transactionId === id;
      await r.st.ok('sim', 'tag', String(evse), `LOST-STOP-${evse}`, '--no-wait');
      await r.csms.waitFor('StopTransaction', (p) => p.transactionId === id, 5000, m);
      await restartAfterKill();
      const stops = copies(m, 'StopTransaction', (p) => p.transactionId === id);
      assert.equal(stops.length, 2);
      assert.deepEqual(stops[1]!.payload, stops[0]!.payload, 'the same stop: reason Local, same meterStop and time');
      assert.equal((stops[0]!.payload as any).reason, 'Local');
      assert.equal(r.distinctTxCalls(m).repeats, 1);
      const row = (await r.journal()).find((t) => t.idTag === `LOST-STOP-${evse}`);
      assert.equal(row.stopState, 'confirmed');
      assert.equal(row.stopReason, 'Local');
      await r.st.ok('sim', 'unplug', String(evse));
      assert.deepEqual(r.csms.validationFailures, []);
    });
  }
});
