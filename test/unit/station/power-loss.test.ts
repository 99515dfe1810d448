/** The plausibility bound of a power-loss stop, alone: which register is billed. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { powerLossMeterStopWh, powerLossStopArgs } from '../../../agent/station/power-loss.js';
import type { TransactionRecord } from '../../../offline-queue/index.js';

const at = Date.parse('2026-03-01T10:00:00.000Z');
const rec = { localId: 'L1', meterStartWh: 1000, lastMeterWh: 5000, lastMeterAt: new Date(at).toISOString() } as TransactionRecord;
/** 16 A on 3 phases at most 250 V: 12 kW, 12 000 Wh in an hour. */
const rating = { maxCurrentA: 16, phases: 3 } as const;
const hour = 3_600_000;

describe('power-loss stop: the register billed', () => {
  test('a plausible register is billed', () => {
    assert.equal(powerLossMeterStopWh(rec, 5400, at + hour, rating).meterStopWh, 5400);
    assert.equal(powerLossMeterStopWh(rec, 5000 + 12_001, at + hour, rating).meterStopWh, 17_001, 'the bound itself (1 Wh of rounding)');
  });

  test('a register below the journal (a replaced meter) or above what the EVSE could deliver bills the journal', () => {
    assert.deepEqual(powerLossMeterStopWh(rec, 4999, at + hour, rating), { meterStopWh: 5000, journaledWh: 5000 });
    assert.equal(powerLossMeterStopWh(rec, 5000 + 12_002, at + hour, rating).meterStopWh, 5000);
  });

  test('no answer from the meter bills the journal, never below the start', () => {
    assert.equal(powerLossMeterStopWh(rec, undefined, at + hour, rating).meterStopWh, 5000);
    assert.equal(powerLossMeterStopWh({ ...rec, lastMeterWh: 0 }, undefined, at, rating).meterStopWh, 1000);
  });

  test('a clock behind the journal allows 1 Wh of rounding only', () => {
    assert.equal(powerLossMeterStopWh(rec, 5001, at - hour, rating).meterStopWh, 5001);
    assert.equal(powerLossMeterStopWh(rec, 5002, at - hour, rating).meterStopWh, 5000);
  });

  test('the stop carries the journal time, reason PowerLoss, no idTag and no samples', () => {
    assert.deepEqual(powerLossStopArgs(rec, 5400), { timestamp: rec.lastMeterAt, meterStopWh: 5400, reason: 'PowerLoss', stopIdTag: null, transactionData: [] });
  });
});
