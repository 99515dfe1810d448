import type { Ocpp16Context } from '../context.js';
import type { RemoteStopTransactionRequest, RemoteStopTransactionResponse } from '../generated/index.js';

export async function remoteStopTransaction(ctx: Ocpp16Context, req: RemoteStopTransactionRequest): Promise<RemoteStopTransactionResponse> {
  if (ctx.registration() !== 'Accepted') return { status: 'Rejected' };
  // The journal keeps the id as text (the decimal of the integer the CSMS gave StartTransaction).
  const id = String(req.transactionId);
  const evse = ctx.station.findByTransaction((r) => r.csmsId === id);
  if (!evse) return { status: 'Rejected' };
  void evse.stopTransaction('Remote');
  return { status: 'Accepted' };
}
