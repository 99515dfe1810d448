/**
 * E14 GetTransactionStatus: messagesInQueue counts this version's queued TransactionEvents (of that
 * transaction, or of any); ongoingIndicator only with a transactionId (E14.FR.06), true while it runs.
 */
import type { GetTransactionStatusRequest, GetTransactionStatusResponse } from '../generated/GetTransactionStatus.js';
import type { TxHandlerContext } from './context.js';
import { OCPP201 } from './tx-events.js';

/** Enough to see whether one transaction has messages queued, without reading a huge queue whole. */
const SCAN_LIMIT = 100_000;

export async function getTransactionStatus(ctx: TxHandlerContext, req: GetTransactionStatusRequest): Promise<GetTransactionStatusResponse> {
  const id = req.transactionId;
  const rec = id !== undefined ? ctx.store.journal.byCsmsId(id) : undefined;
  const queued = ctx.store.queue.list(SCAN_LIMIT).filter((m) => m.ocppVersion === OCPP201 && m.action === 'TransactionEvent' && (id === undefined || (rec !== undefined && m.txLocalId === rec.localId)));
  const out: GetTransactionStatusResponse = { messagesInQueue: queued.length > 0 };
  if (id !== undefined) out.ongoingIndicator = rec !== undefined && rec.stoppedAt === null;
  return out;
}
