/** F03 RequestStopTransaction: by the station-made transactionId (the journal's csmsId). */
import type { RequestStopTransactionRequest, RequestStopTransactionResponse } from '../generated/RequestStopTransaction.js';
import type { TxHandlerContext } from './context.js';

export async function requestStopTransaction(ctx: TxHandlerContext, req: RequestStopTransactionRequest): Promise<RequestStopTransactionResponse> {
  if (ctx.registration() !== 'Accepted') return { status: 'Rejected', statusInfo: { reasonCode: 'NotAccepted' } };
  const evse = ctx.station.findByTransaction((r) => r.csmsId === req.transactionId);
  if (!evse) return { status: 'Rejected', statusInfo: { reasonCode: 'TxNotFound', additionalInfo: 'no running transaction with this id' } };
  void evse.stopTransaction('Remote');
  return { status: 'Accepted' };
}
