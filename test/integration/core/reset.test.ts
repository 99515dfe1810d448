/**
 * OCPP 1.6 Reset (§5.13, errata 3.81) against the real chargerd process: transactions are stopped with reason
 * HardReset / SoftReset first; a Soft Reset restarts the agent inside the same process, a Hard Reset makes the
 * process exit 0 (the test then starts it again, as systemd's Restart=always does). Either way it reconnects and
 * boots again, and no StartTransaction or StopTransaction reaches the CSMS twice (issue 7), on a socket EVSE (1)
 * and a fixed-cable one (2), also when the CSMS answers the last transaction message while chargerd shuts down.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CsmsRecord, DemoCsms } from '../../../agent/demo/csms.js';
import { sleep, type StationProcess } from '../../support/station-process.js';
import { assertValidFrames, relaunch, rig, startSession, statusFrom, trackConnections, type ConnectionLog, type RigStation, type Rig } from './harness.js';

const ID = 'CP-RESET';
const EVSES: RigStation['evses'] = [
  { id: 1, maxCurrentA: 32, phases: 3, connector: 'socket' },
  { id: 2, maxCurrentA: 32, phases: 3, connector: 'cable' },
];
/** Longer than the CSMS's round trip, shorter than chargerd's wait for it on the way down. */
const SLOW_ANSWER_MS = 1000;

describe('OCPP 1.6 Reset against chargerd', { timeout: 240_000 }, () => {
  let rg: Rig;
  // Short names for rg.csms and rg.st (rg, not r: the tests use r for records).
  let csms: DemoCsms;
  let st: StationProcess;
  /** connections.starts: records.length at each new connection of the charge point, where its messages begin. */
  let connections: ConnectionLog;
  let firstBoot: CsmsRecord;

  const call = (action: string, params: unknown = {}) => rg.call(action, params);

  before(async () => {
    rg = await rig(ID, { evses: EVSES }, {}, (c) => (connections = trackConnections(c, ID)));
    ({ csms, st } = rg);
    firstBoot = await csms.waitFor('BootNotification');
    for (const c of [0, 1, 2]) await statusFrom(rg, 0, c, (s) => s === 'Available');
  });

  after(async () => {
    await rg?.close();
  });

  afterEach(() => assertValidFrames(rg));

  /**
   * Send Reset and wait for the reboot: a new connection whose first message is a BootNotification (§4.2:
   * nothing else before it, not even queued messages), then statuses of every connector. Soft: the same process.
   * Hard: the process exits 0 and is started again here, the way the service manager does.
   */
  async function resetAndReboot(type: 'Hard' | 'Soft', relaunchWith: RigStation = rg.station): Promise<{ mark: number; boot: CsmsRecord; connStart: number }> {
    const pid = st.proc!.pid;
    const connectionsBefore = connections.starts.length;
    const mark = csms.records.length;
    assert.deepEqual(await call('Reset', { type }), { status: 'Accepted' });
    if (type === 'Hard') {
      assert.equal(await st.exitCode(15_000), 0, `a Hard Reset leaves the process with status 0:\n${st.output.slice(-2000)}`);
      assert.equal(connections.starts.length, connectionsBefore, 'no reconnection before the new process');
      st = await relaunch(rg, relaunchWith);
    }
    const boot = await csms.waitFor('BootNotification', () => true, 15_000, mark);
    assert.equal(connections.starts.length, connectionsBefore + 1, 'exactly one new connection');
    const connStart = connections.starts[connectionsBefore]!;
    const firstCall = csms.records.slice(connStart).find((r) => r.dir === 'in' && r.kind === 'call');
    assert.equal(firstCall?.action, 'BootNotification', 'the first message after the reboot is BootNotification');
    assert.deepEqual(boot.payload, firstBoot.payload, 'the same identity is announced');
    if (type === 'Soft') {
      assert.equal(st.proc!.pid, pid, 'a Soft Reset restarts the agent inside the same process');
      assert.equal(st.proc!.exitCode, null);
    }
    const bootAt = csms.records.indexOf(boot);
    // Errata 3.22: after Accepted, StatusNotification for connector 0 and every connector.
    await statusFrom(rg, bootAt, 0, (s) => s === 'Available');
    await st.until('registered again', (s) => s.registration === 'Accepted' && s.connection.state === 'open');
    return { mark, boot, connStart };
  }

  /** The CSMS answers `action` only after SLOW_ANSWER_MS: the answer arrives while chargerd shuts down. */
  let nextTxId = 9001;
  function slowAnswers(action: 'StartTransaction' | 'StopTransaction'): void {
    csms.setHandler(action, async (p: any) => {
      await sleep(SLOW_ANSWER_MS);
      if (action === 'StartTransaction') return { transactionId: nextTxId++, idTagInfo: { status: 'Accepted' } };
      return p.idTag ? { idTagInfo: { status: 'Accepted' } } : {};
    });
  }

  /** Every transaction of `idTag` reached the CSMS with exactly one StartTransaction and one StopTransaction. */
  async function exactlyOnce(idTag: string, reason: string): Promise<number> {
    await st.until('queue drained', (s) => s.queue.depth === 0);
    const starts = csms.received('StartTransaction').filter((r) => (r.payload as any).idTag === idTag);
    assert.equal(starts.length, 1, `one StartTransaction for ${idTag}`);
    const answer = csms.records.find((r) => r.dir === 'in' && r.kind === 'result' && r.messageId === starts[0]!.messageId);
    const txId = (answer!.payload as { transactionId: number }).transactionId;
    const stops = csms.received('StopTransaction').filter((r) => (r.payload as any).transactionId === txId);
    assert.equal(stops.length, 1, `one StopTransaction for transaction ${txId}`);
    assert.equal((stops[0]!.payload as any).reason, reason);
    assert.equal(csms.received('StopTransaction').filter((r) => (r.payload as any).transactionId === -1).length, 0, 'no stop without the id');
    return txId;
  }

  async function unplugToAvailable(evse: number): Promise<void> {
    const unplugMark = csms.records.length;
    await st.ok('sim', 'unplug', String(evse));
    await statusFrom(rg, unplugMark, evse, (s) => s === 'Available');
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
    for (const [evse, connector] of [
      [1, 'socket'],
      [2, 'cable'],
    ] as const) {
      test(`${tc} ${type.toLowerCase()} reset with a transaction on the ${connector} EVSE, its stop answered during the shutdown: StopTransaction reason ${reason} once, BootNotification, statuses`, async () => {
        const tag = `RST-${type.toUpperCase()}-${connector.toUpperCase()}`;
        const txId = await startSession(rg, evse, tag);
        slowAnswers('StopTransaction');
        try {
          const { mark, boot } = await resetAndReboot(type);
          const stop = await csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 10_000, mark);
          const p = stop.payload as { reason?: string; meterStop: number; timestamp: string };
          assert.equal(p.reason, reason);
          const start = csms.received('StartTransaction').find((r) => (r.payload as any).idTag === tag)!;
          assert.ok(p.meterStop >= (start.payload as any).meterStart, 'meterStop is not below meterStart');
          assert.ok(Date.parse(p.timestamp) <= Date.parse(new Date().toISOString()));

          // After the reboot the transaction is not resumed: the EV is still plugged in, nothing charges.
          const bootAt = csms.records.indexOf(boot);
          const after1 = await statusFrom(rg, bootAt, evse, () => true);
          assert.ok(['Preparing', 'Finishing'].includes((after1.payload as any).status), `connector ${evse} after the reboot: ${(after1.payload as any).status}`);
          const e = await st.evse(evse);
          assert.equal(e.transaction, null);
          assert.equal(e.relayClosed, false);
          assert.equal(e.offeredCurrentA, 0);
          assert.equal(csms.received('StartTransaction').filter((r) => csms.records.indexOf(r) >= mark).length, 0, 'no new transaction started by itself');
          // Delivered and confirmed once: the answer that came during the shutdown was recorded.
          assert.equal(await exactlyOnce(tag, reason), txId);
        } finally {
          csms.setHandler('StopTransaction', null);
        }
        await unplugToAvailable(evse);
      });
    }

    test(`${type.toLowerCase()} reset while the session's StartTransaction is in flight (cable EVSE): its answer is recorded, one CSMS transaction, one stop with its id`, async () => {
      const tag = `RST-${type.toUpperCase()}-INFLIGHT`;
      slowAnswers('StartTransaction');
      try {
        const mark = csms.records.length;
        await st.ok('sim', 'plug', '2');
        await st.ok('sim', 'tag', '2', tag);
        await csms.waitFor('StartTransaction', (p) => p.idTag === tag, 10_000, mark);
        await resetAndReboot(type);
        await exactlyOnce(tag, reason);
      } finally {
        csms.setHandler('StartTransaction', null);
      }
      await unplugToAvailable(2);
    });
  }

  test('hard reset with reset.hardResetCommand: the command runs after the store is closed, then the process exits 0', async () => {
    const marker = join(st.dataDir, 'hard-reset-ran');
    const withCommand: RigStation = { ...rg.station, extra: { reset: { hardResetCommand: ['sh', '-c', `test ! -e ${join(st.dataDir, 'chargerd.db-wal')} && echo closed > ${marker}`] } } };
    // The config is read at start: run once with the command configured.
    await st.stop();
    st = await relaunch(rg, withCommand);
    await st.until('registered', (s) => s.registration === 'Accepted' && s.connection.state === 'open');
    assert.equal(existsSync(marker), false);
    await resetAndReboot('Hard', rg.station);
    assert.equal(readFileSync(marker, 'utf8'), 'closed\n', 'the command ran, after the database was closed');
  });

  test('a failing reset.hardResetCommand is logged; the process still exits 0', async () => {
    await st.stop();
    st = await relaunch(rg, { ...rg.station, extra: { reset: { hardResetCommand: ['/nonexistent/reboot'] } } });
    await st.until('registered', (s) => s.registration === 'Accepted' && s.connection.state === 'open');
    const old = st;
    await resetAndReboot('Hard', rg.station);
    assert.match(old.output, /reset.hardResetCommand could not be run/);
  });
});
