/** One transaction's metering alone: the watch keeps the journal's register young, and stop() releases its timers. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { silentLogger } from '../../../agent/log.js';
import { EvseMeter, METER_WATCH_MS } from '../../../agent/station/evse-meter.js';
import type { TransactionLedger } from '../../../agent/station/ports.js';
import { Settings } from '../../../agent/station/settings.js';
import { JOURNAL_READING_MS, makeSample, TxMetering, type TxPhase } from '../../../agent/station/tx-metering.js';
import type { EnergyMeter } from '../../../hal/types.js';
import { createMemoryStore, type TransactionRecord } from '../../../offline-queue/index.js';

function setup() {
  const clock = new FakeClock();
  const settings = new Settings(createMemoryStore().settings);
  settings.set('meterValueSampleIntervalS', 0);
  let wh = 1000;
  let reads = 0;
  const hw = { read: async () => (reads++, { energyImportWh: (wh += 10) }) } as unknown as EnergyMeter;
  const meter = new EvseMeter({ meter: hw, clock, log: silentLogger(), evseId: 1, fault: { held: () => false, clear: () => undefined } });
  const journaled: number[] = [];
  const ledger = { noteReading: (_r: TransactionRecord, energyWh: number) => journaled.push(energyWh), meter: () => undefined } as unknown as TransactionLedger;
  const storage = { ok: () => undefined, failed: () => assert.fail('no storage failure') };
  let phase: TxPhase = 'running';
  const deps = { clock, settings, ledger, meter, pilot: { offeredCurrentA: 16 }, storage };
  const metering = new TxMetering(deps, { localId: 'L1' } as TransactionRecord, () => phase);
  return { clock, deps, metering, journaled, reads: () => reads, setPhase: (p: TxPhase) => (phase = p) };
}

describe('transaction metering', () => {
  test('the watch reads every METER_WATCH_MS and journals the register once it is JOURNAL_READING_MS old', async () => {
    const t = setup();
    t.metering.start(makeSample(t.deps, 'Transaction.Begin', { energyImportWh: 1000 }));
    await t.clock.advanceAsync(JOURNAL_READING_MS - METER_WATCH_MS, 100);
    assert.equal(t.reads(), JOURNAL_READING_MS / METER_WATCH_MS - 1);
    assert.deepEqual(t.journaled, []);
    await t.clock.advanceAsync(METER_WATCH_MS, 100);
    assert.equal(t.journaled.length, 1);
    await t.clock.advanceAsync(JOURNAL_READING_MS - METER_WATCH_MS, 100);
    assert.equal(t.journaled.length, 1, 'the next one only after another JOURNAL_READING_MS');
    t.metering.stop();
  });

  test('a recorded sample carries the register too: the journal waits JOURNAL_READING_MS from it', async () => {
    const t = setup();
    t.metering.start(makeSample(t.deps, 'Transaction.Begin', { energyImportWh: 1000 }));
    await t.clock.advanceAsync(JOURNAL_READING_MS / 2, 100);
    t.metering.sampleTaken(makeSample(t.deps, 'Trigger', { energyImportWh: 1100 }));
    await t.clock.advanceAsync(JOURNAL_READING_MS / 2, 100);
    assert.deepEqual(t.journaled, []);
    await t.clock.advanceAsync(JOURNAL_READING_MS / 2, 100);
    assert.equal(t.journaled.length, 1);
    t.metering.stop();
  });

  test('nothing is read once the transaction is stopping; stop() releases every timer', async () => {
    const t = setup();
    t.metering.start(makeSample(t.deps, 'Transaction.Begin', { energyImportWh: 1000 }));
    t.setPhase('stopping');
    await t.clock.advanceAsync(2 * JOURNAL_READING_MS, 1000);
    assert.equal(t.reads(), 0);
    t.metering.stop();
    assert.equal(t.clock.pendingTimers(), 0);
  });
});
