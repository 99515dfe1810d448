import type { Ocpp16Context } from '../context.js';
import type { RemoteStartTransactionRequest, RemoteStartTransactionResponse } from '../generated/index.js';

/**
 * §5.11. Accepted means "I will try": the answer goes out at once; with AuthorizeRemoteTxRequests the id is
 * authorized first, and only an accepted id starts (on plug-in if the EV is not there yet).
 */
export async function remoteStartTransaction(ctx: Ocpp16Context, req: RemoteStartTransactionRequest): Promise<RemoteStartTransactionResponse> {
  if (ctx.registration() !== 'Accepted') return { status: 'Rejected' };
  if (req.connectorId !== undefined && (req.connectorId < 1 || req.connectorId > ctx.numberOfConnectors)) return { status: 'Rejected' };
  const evse = req.connectorId !== undefined ? ctx.station.evse(req.connectorId) : ctx.station.pickEvseForRemoteStart(req.idTag);
  if (!evse || !evse.canStartSession()) return { status: 'Rejected' };
  if (!ctx.settings.get('authorizeRemoteTxRequests')) {
    return { status: evse.remoteStart(req.idTag, { status: 'Accepted' }, null) ? 'Accepted' : 'Rejected' };
  }
  void ctx.authorization.authorize(req.idTag).then((info) => {
    if (info.status === 'Accepted') evse.remoteStart(req.idTag, info, null);
    else ctx.log.info({ idTag: req.idTag, status: info.status }, 'remote start: id not authorized');
  });
  return { status: 'Accepted' };
}
