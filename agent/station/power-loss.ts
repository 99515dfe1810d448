/**
 * Closing the transactions a power loss left open, with reason PowerLoss. Energy flowed after the last journaled
 * reading (up to JOURNAL_READING_MS, more if the process died and the contactor stayed closed until the service
 * manager's safe state), so the register the meter shows now is billed when it answers in time and is plausible:
 * not below the journal (a replaced meter) and not more than this EVSE could have delivered in
 * POWER_LOSS_WINDOW_MS at its rating. Otherwise the journal's register.
 * The bound uses no wall time: a controller without a battery-backed clock restarts in 1970, so "now minus the
 * journal's time" would mean nothing there. The stop time is the journal's: the last moment the agent is known to
 * have run.
 */
import type { Clock } from '../clock/clock.js';
import { JOURNAL_READING_MS } from './tx-metering.js';
import type { MeterReading } from '../../hal/types.js';
import type { TransactionRecord } from '../../offline-queue/index.js';
import type { Logger } from '../log.js';
import type { TransactionLedger, TransactionStopArgs } from './ports.js';
import type { TxRecords } from './tx-records.js';

/** How long a recovery after a power loss waits for the meter before it bills the journaled register. */
export const RECOVERY_METER_WAIT_MS = 5_000;

/**
 * Longest time energy can have flowed after the last journaled register: the journal is at most
 * JOURNAL_READING_MS (plus one meter watch) old while energy flows, and a dead agent's contactor opens when the
 * power goes or at the service manager's safe state, within seconds; twice that and a minute of margin.
 */
export const POWER_LOSS_WINDOW_MS = 2 * JOURNAL_READING_MS + 60_000;

/** The EVSE's most power, as its configuration bounds it. */
export interface EvseRating {
  maxCurrentA: number;
  phases: 1 | 3;
}

/** What a power-loss stop of `rec` bills, given the register the meter shows now (undefined: no answer). */
export function powerLossMeterStopWh(rec: TransactionRecord, measuredWh: number | undefined, rating: EvseRating): { meterStopWh: number; journaledWh: number } {
  const journaled = Math.max(rec.lastMeterWh, rec.meterStartWh);
  // 250 V: the top of the nominal voltage band; 1 Wh for the meter's rounding.
  const mostWh = journaled + (rating.maxCurrentA * rating.phases * 250 * POWER_LOSS_WINDOW_MS) / 3_600_000 + 1;
  const meterStopWh = measuredWh !== undefined && measuredWh >= journaled && measuredWh <= mostWh ? measuredWh : journaled;
  return { meterStopWh, journaledWh: journaled };
}

export function powerLossStopArgs(rec: TransactionRecord, meterStopWh: number): TransactionStopArgs {
  return { timestamp: rec.lastMeterAt, meterStopWh, reason: 'PowerLoss', stopIdTag: null, transactionData: [] };
}

export interface PowerLossDeps {
  evseId: number;
  rating: EvseRating;
  clock: Clock;
  log: Logger;
  ledger: TransactionLedger;
  storage: Pick<TxRecords, 'failed' | 'keepStop'>;
}

/** Returns the records closed now (the ledger skips one already closed). */
export function closePowerLossTransactions(d: PowerLossDeps, open: TransactionRecord[], reading: MeterReading | null): TransactionRecord[] {
  const closed: TransactionRecord[] = [];
  for (const rec of open) {
    const measured = reading?.energyImportWh;
    const { meterStopWh, journaledWh } = powerLossMeterStopWh(rec, measured, d.rating);
    if (measured !== undefined && meterStopWh !== measured)
      d.log.warn({ evse: d.evseId, tx: rec.localId, measuredWh: measured, journaledWh }, 'meter register implausible for this transaction: the journal is billed');
    try {
      const ok = d.ledger.end(rec, powerLossStopArgs(rec, meterStopWh));
      if (!ok) continue; // closed already (by an earlier start-up that died before its stop was sent)
      closed.push({ ...rec, stoppedAt: rec.lastMeterAt, meterStopWh, stopReason: 'PowerLoss' });
      d.log.warn({ tx: rec.localId, evse: d.evseId, meterStopWh, measured: meterStopWh === measured, at: rec.lastMeterAt }, 'transaction left open by a power loss: stopped');
    } catch (err) {
      d.storage.failed('power-loss stop not recorded yet', err);
      d.storage.keepStop(rec, powerLossStopArgs(rec, meterStopWh));
    }
  }
  return closed;
}
