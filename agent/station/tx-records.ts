/**
 * The transaction records one EVSE writes, and what happens when storage refuses them (disk full, I/O error).
 * No session starts without its record; a running one goes on; a stop that could not be recorded is retried.
 * Reported as a warning (InternalError) until a write succeeds.
 */
import type { TransactionRecord } from '../../offline-queue/index.js';
import type { Logger } from '../log.js';
import type { FaultPort } from './fault-set.js';
import type { PendingWrites } from './pending-writes.js';
import type { TransactionLedger, TransactionStartArgs, TransactionStopArgs } from './ports.js';
import type { StopReason } from './types.js';

export interface TxRecordsDeps {
  pending: PendingWrites;
  ledger: TransactionLedger;
  log: Logger;
  evseId: number;
  faults: FaultPort;
  /** A kept stop was recorded now: announce it as any stop. */
  stopped: (rec: TransactionRecord, reason: StopReason) => void;
}

export class TxRecords {
  constructor(private readonly d: TxRecordsDeps) {}

  /** The journal row and the start message, committed; null when storage refused them. */
  begin(args: TransactionStartArgs): TransactionRecord | null {
    try {
      const record = this.d.ledger.begin(args);
      this.ok();
      return record;
    } catch (err) {
      this.failed('no record for a new session', err);
      return null;
    }
  }

  /** Commit a stop, or keep it until storage takes it. True when it was recorded now (not closed before). */
  end(rec: TransactionRecord, stop: TransactionStopArgs): boolean {
    let done = false;
    try {
      // Behind an older stop that storage refused, never ahead of it: the queue keeps the order of events.
      if (!this.d.pending.flush()) throw new Error('an earlier stop is not recorded yet');
      done = this.d.ledger.end(rec, stop);
      this.ok();
    } catch (err) {
      this.failed('stop not recorded yet', err);
      this.keepStop(rec, stop);
    }
    return done;
  }

  failed(what: string, err: unknown): void {
    this.d.log.error({ evse: this.d.evseId, err: (err as Error | null)?.message, code: (err as { code?: string } | null)?.code }, `storage failed: ${what}`);
    this.d.faults.raise({ source: 'internal', errorCode: 'InternalError', info: `storage failed: ${what}`, blocking: false });
  }

  ok(): void {
    // Storage works again: what it refused earlier (on any EVSE of the station) is written now, oldest first.
    if (!this.d.pending.flush()) return;
    if (this.d.faults.active('internal')) this.d.faults.clear('internal');
  }

  /** Record a stop that storage refused as soon as it accepts writes again (a restart would close it as PowerLoss). */
  keepStop(rec: TransactionRecord, stop: TransactionStopArgs): void {
    this.d.pending.add(`stop of ${rec.localId}`, () => {
      const done = this.d.ledger.end(rec, stop);
      this.d.log.info({ evse: this.d.evseId, tx: rec.localId }, 'stop recorded after storage failed');
      if (done) this.d.stopped({ ...rec, stoppedAt: stop.timestamp, meterStopWh: stop.meterStopWh, stopReason: stop.reason }, stop.reason);
      this.ok();
    });
  }
}
