/**
 * Issue 7: a clean stop loses nothing. A session runs with MeterValueSampleInterval 0 (nothing is journaled by
 * sampling), chargerd gets SIGTERM as at every `systemctl restart` or upgrade, and starts again on the same data
 * directory: the transaction is stopped (PowerLoss, the agent did not stop it itself) with the register the meter
 * showed on the way down, not with meterStart.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoCsms } from '../../../agent/demo/csms.js';
import { sleep } from '../../support/station-process.js';
import { assertValidFrames, relaunch, rig, startSession, type Rig } from './harness.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

describe('a clean stop (SIGTERM) with a session running', { timeout: SUITE_TIMEOUT_MS }, () => {
  let rg: Rig;
  let csms: DemoCsms;

  before(async () => {
    rg = await rig('CP-CLEANSTOP', { ocppKeys: { MeterValueSampleInterval: '0' } });
    csms = rg.csms;
    await csms.waitFor('BootNotification');
  });

  after(async () => {
    await rg?.close();
  });

  test('the StopTransaction after the restart bills the energy delivered before SIGTERM', async () => {
    const txId = await startSession(rg, 1, 'CLEAN-1');
    const start = await csms.waitFor('StartTransaction', (p) => p.idTag === 'CLEAN-1');
    await sleep(6500); // the meter is read every 5 s during a transaction, whatever the sample interval
    const s = await rg.st.status();
    const before = s.evses.find((e: any) => e.id === 1);
    assert.ok(before.transaction.energyWh > 0, `energy delivered before the stop: ${before.transaction.energyWh} Wh`);
    assert.equal(await rg.st.stop(), 0, 'SIGTERM: exit 0');
    // The meter does not answer after the restart (it failed while the station was down): what is billed can
    // only come from what the journal took on the way down.
    const stateFile = join(rg.st.dataDir, 'sim-state.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    for (const e of state.evses) if (e.evseId === 1) e.faults = ['meter'];
    writeFileSync(stateFile, JSON.stringify(state));
    const mark = rg.mark();
    await relaunch(rg);
    const stop = await csms.waitFor('StopTransaction', (p) => p.transactionId === txId, 15_000, mark);
    const p = stop.payload as { meterStop: number; reason?: string };
    const meterStart = (start.payload as { meterStart: number }).meterStart;
    assert.ok(p.meterStop - meterStart >= Math.floor(before.transaction.energyWh), `billed ${p.meterStop - meterStart} Wh, delivered at least ${before.transaction.energyWh} Wh`);
    assert.equal(csms.records.filter((r) => r.dir === 'in' && r.action === 'StopTransaction' && (r.payload as any).transactionId === txId).length, 1);
    assertValidFrames(rg);
  });
});
