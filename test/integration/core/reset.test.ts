/**
 * OCPP 1.6 Reset (§5.13, errata 3.81) against the real chargerd process: the agent restarts inside the same
 * process, reconnects and boots again; transactions are stopped with reason HardReset / SoftReset first.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CsmsRecord, DemoCsms } from '../../../agent/demo/csms.js';
import type { StationProcess } from '../../support/station-process.js';
import { assertValidFrames, rig, startSession, statusFrom, trackConnections, type ConnectionLog, type Rig } from './harness.js';

const ID = 'CP-RESET';

describe('OCPP 1.6 Reset against chargerd', { timeout: 90_000 }, () => {
  let rg: Rig;
  // Short names for rg.csms and rg.st (rg, not r: the tests use r for records).
  let csms: DemoCsms;
  let st: StationProcess;
  /** connections.starts: records.length at each new connection of the charge point, where its messages begin. */
  let connections: ConnectionLog;
  let firstBoot: CsmsRecord;

  const call = (action: string, params: unknown = {}) => rg.call(action, params);

  before(async () => {
    rg = await rig(ID, {}, {}, (c) => (connections = trackConnections(c, ID)));
    ({ csms, st } = rg);
    firstBoot = await csms.waitFor('BootNotification');
    for (const c of [0, 1, 2]) await statusFrom(rg, 0, c, (s) => s === 'Available');
  });

  after(async () => {
    await rg?.close();
  });

  afterEach(() => assertValidFrames(rg));

  /**
   * Send Reset and wait for the reboot: the same process, a new connection whose first message is a
   * BootNotification (§4.2: nothing else before it, not even queued messages), then statuses of every connector.
   */
  async function resetAndReboot(type: 'Hard' | 'Soft'): Promise<{ mark: number; boot: CsmsRecord; connStart: number }> {
    const pid = st.proc!.pid;
    const connectionsBefore = connections.starts.length;
    const mark = csms.records.length;
    assert.deepEqual(await call('Reset', { type }), { status: 'Accepted' });
    const boot = await csms.waitFor('BootNotification', () => true, 15_000, mark);
    assert.equal(connections.starts.length, connectionsBefore + 1, 'exactly one new connection');
    const connStart = connections.starts[connectionsBefore]!;
    const firstCall = csms.records.slice(connStart).find((r) => r.dir === 'in' && r.kind === 'call');
    assert.equal(firstCall?.action, 'BootNotification', 'the first message after the reboot is BootNotification');
    assert.deepEqual(boot.payload, firstBoot.payload, 'the same identity is announced');
    assert.equal(st.proc!.pid, pid, 'the agent restarts inside the same process');
    assert.equal(st.proc!.exitCode, null);
    const bootAt = csms.records.indexOf(boot);
    // Errata 3.22: after Accepted, StatusNotification for connector 0 and every connector.
    await statusFrom(rg, bootAt, 0, (s) => s === 'Available');
    await st.until('registered again', (s) => s.registration === 'Accepted' && s.connection.state === 'open');
    return { mark, boot, connStart };
  }

  test('TC_013_CS hard reset without transaction: Accepted, then a new BootNotification', async () => {
    const { mark, boot } = await resetAndReboot('Hard');
    const bootAt = csms.records.indexOf(boot);
    for (const c of [1, 2]) await statusFrom(rg, bootAt, c, (s) => s === 'Available');
    assert.equal(csms.records.slice(mark).filter((r) => r.action === 'StopTransaction').length, 0, 'no transaction, no StopTransaction');
    const s = await st.status();
    assert.deepEqual(s.evses.map((e: any) => [e.status, e.transaction]), [['Available', null], ['Available', null]]);
  });

  test('TC_014_CS soft reset without transaction: Accepted, then a new BootNotification', async () => {
    const { mark, boot } = await resetAndReboot('Soft');
    const bootAt = csms.records.indexOf(boot);
    for (const c of [1, 2]) await statusFrom(rg, bootAt, c, (s) => s === 'Available');
    assert.equal(csms.records.slice(mark).filter((r) => r.action === 'StopTransaction').length, 0);
  });

  for (const [tc, type, reason] of [
    ['TC_015_CS', 'Hard', 'HardReset'],
    ['TC_016_CS', 'Soft', 'SoftReset'],
  ] as const) {
    test(`${tc} ${type.toLowerCase()} reset with a transaction: StopTransaction reason ${reason}, BootNotification, statuses`, async () => {
      const tag = `RESET-${type.toUpperCase()}`;
      const txId = await startSession(rg, 1, tag);
      const { mark, boot } = await resetAndReboot(type);
      const stop = await csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 10_000, mark);
      const p = stop.payload as { reason?: string; meterStop: number; timestamp: string };
      assert.equal(p.reason, reason);
      const start = csms.received('StartTransaction').find((r) => (r.payload as any).idTag === tag)!;
      assert.ok(p.meterStop >= (start.payload as any).meterStart, 'meterStop is not below meterStart');
      assert.ok(Date.parse(p.timestamp) <= Date.parse(new Date().toISOString()));

      // After the reboot the transaction is not resumed: the EV is still plugged in, nothing charges.
      const bootAt = csms.records.indexOf(boot);
      const after1 = await statusFrom(rg, bootAt, 1, () => true);
      assert.ok(['Preparing', 'Finishing'].includes((after1.payload as any).status), `connector 1 after the reboot: ${(after1.payload as any).status}`);
      await statusFrom(rg, bootAt, 2, (s) => s === 'Available');
      const e1 = (await st.status()).evses[0];
      assert.equal(e1.transaction, null);
      assert.equal(e1.relayClosed, false);
      assert.equal(e1.offeredCurrentA, 0);
      assert.equal(csms.received('StartTransaction').filter((r) => csms.records.indexOf(r) >= mark).length, 0, 'no new transaction started by itself');
      // Delivered and confirmed: nothing left in the queue, and no second stop of the same transaction afterwards.
      await st.until('queue drained', (s) => s.queue.depth === 0);
      assert.equal(csms.received('StopTransaction').filter((r) => (r.payload as any).transactionId === txId).length, 1, 'one StopTransaction');

      const unplugMark = csms.records.length;
      await st.ok('sim', 'unplug', '1');
      await statusFrom(rg, unplugMark, 1, (s) => s === 'Available');
    });
  }
});
