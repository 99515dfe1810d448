/** The plausibility bound of a power-loss stop, alone: which register is billed. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { POWER_LOSS_WINDOW_MS, powerLossMeterStopWh, powerLossStopArgs } from '../../../agent/station/power-loss.js';
import type { TransactionRecord } from '../../../offline-queue/index.js';

const rec = { localId: 'L1', meterStartWh: 1000, lastMeterWh: 5000, lastMeterAt: '2026-03-01T10:00:00.000Z' } as TransactionRecord;
/** 16 A on 3 phases at most 250 V: 12 kW, 12 000 Wh in an hour. */
const rating = { maxCurrentA: 16, phases: 3 } as const;
/** 16 A × 3 × 250 V = 12 kW for POWER_LOSS_WINDOW_MS (180 s): 600 Wh. */
const mostAfterJournal = 600;

describe('power-loss stop: the register billed', () => {
  test('a plausible register is billed', () => {
    assert.equal(POWER_LOSS_WINDOW_MS, 180_000);
    assert.equal(powerLossMeterStopWh(rec, 5400, rating).meterStopWh, 5400);
    assert.equal(powerLossMeterStopWh(rec, 5000 + mostAfterJournal + 1, rating).meterStopWh, 5601, 'the bound itself (1 Wh of rounding)');
  });

  test('a register below the journal (a replaced meter) or above what the EVSE could deliver bills the journal', () => {
    assert.deepEqual(powerLossMeterStopWh(rec, 4999, rating), { meterStopWh: 5000, journaledWh: 5000 });
    assert.equal(powerLossMeterStopWh(rec, 5000 + mostAfterJournal + 2, rating).meterStopWh, 5000);
  });

  test('no answer from the meter bills the journal, never below the start', () => {
    assert.equal(powerLossMeterStopWh(rec, undefined, rating).meterStopWh, 5000);
    assert.equal(powerLossMeterStopWh({ ...rec, lastMeterWh: 0 }, undefined, rating).meterStopWh, 1000);
  });

  test('the stop carries the journal time, reason PowerLoss, no idTag and no samples', () => {
    assert.deepEqual(powerLossStopArgs(rec, 5400), { timestamp: rec.lastMeterAt, meterStopWh: 5400, reason: 'PowerLoss', stopIdTag: null, transactionData: [] });
  });
});
