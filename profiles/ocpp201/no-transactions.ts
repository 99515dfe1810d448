/**
 * 2.0.1 transactions (E01-E15) are not implemented yet: they need the version-neutral transaction store another
 * change brings. Until then a 2.0.1 station never starts one — every card is refused here (logged with the
 * reason), RequestStartTransaction is not routed — and the ledger's message builder, which only a started
 * transaction reaches, throws so that a path we missed is loud instead of queueing 1.6 messages.
 */
import { Authorization } from '../../agent/station/authorization.js';
import { DurableLedger } from '../../agent/transactions/ledger.js';
import type { TransactionRecord } from '../../offline-queue/types.js';
import type { IdTokenInfo } from '../../agent/station/types.js';
import type { TxMessageBuilder } from '../../agent/transactions/ledger.js';
import type { TxSendHooks } from '../../agent/transactions/queue-sender.js';

export const NO_TRANSACTIONS_REASON = 'OCPP 2.0.1 transactions are not implemented yet';

export class NoTransactionsAuthorization extends Authorization {
  private warn: ((idTag: string) => void) | null = null;

  onRefused(fn: (idTag: string) => void): void {
    this.warn = fn;
  }

  override async authorize(idTag: string): Promise<IdTokenInfo> {
    this.warn?.(idTag);
    return { status: 'Invalid' };
  }
}

function refuse(): never {
  throw new Error(`${NO_TRANSACTIONS_REASON}: the 2.0.1 profile must not reach the transaction message builder`);
}

export const NO_TX_MESSAGES: TxMessageBuilder = { ocppVersion: '2.0.1', start: refuse, meter: refuse, stop: refuse };

/**
 * The queue is never drained by a 2.0.1 station (its sender is never made ready): messages a 1.6 run queued stay
 * in the store, exportable, for a 1.6 run to send. These hooks are there for the type and would throw if reached.
 */
export const NO_TX_SEND_HOOKS: TxSendHooks = { ocppVersion: '2.0.1', prepare: refuse, onResult: refuse, isConnectionError: () => true };

/**
 * A transaction a 1.6 run left open (power loss, then the station switched to 2.0.1) is not closed by this run:
 * closing it would need a 1.6 StopTransaction this run cannot build. It stays in the journal, as it was, for a 1.6
 * run to close and bill.
 */
export class NoTransactionsLedger extends DurableLedger {
  override unfinished(): TransactionRecord[] {
    return [];
  }
}
