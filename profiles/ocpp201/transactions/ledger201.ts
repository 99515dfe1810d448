/**
 * The ledger of a 2.0.1 station. Transactions a 1.6 run left open (power loss, then the station switched to
 * 2.0.1) are not closed by this run: a 2.0.1 Ended for a transaction the CSMS never saw Started would be
 * meaningless, and their 1.6 StopTransaction cannot be built here. They stay in the journal, as they were, for
 * a 1.6 run to close and bill. A 2.0.1 transaction is one whose csmsId is its own localId (tx-events.ts).
 */
import { DurableLedger } from '../../../agent/transactions/ledger.js';
import type { TransactionRecord } from '../../../offline-queue/types.js';

export function isOcpp201Transaction(rec: TransactionRecord): boolean {
  return rec.csmsId === rec.localId;
}

export class Ocpp201Ledger extends DurableLedger {
  override unfinished(): TransactionRecord[] {
    return super.unfinished().filter(isOcpp201Transaction);
  }
}
