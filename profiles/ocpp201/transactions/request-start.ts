/**
 * F01 / F02 RequestStartTransaction. Accepted means "I will try" (the answer goes out first); with
 * AuthorizeRemoteStart (bridged to authorizeRemoteTxRequests) the id is authorized first and only an accepted
 * one starts, on plug-in when the EV is not there yet. The Started event carries remoteStartId and the trigger
 * RemoteStart. A chargingProfile (K05) is installed for the transaction it starts.
 */
import type { RequestStartTransactionRequest, RequestStartTransactionResponse } from '../generated/RequestStartTransaction.js';
import { remoteStartProfile, startWithProfile } from '../smart-charging/remote-start-profile.js';
import type { TxHandlerContext } from './context.js';

export async function requestStartTransaction(ctx: TxHandlerContext, req: RequestStartTransactionRequest): Promise<RequestStartTransactionResponse> {
  const rejected = (reasonCode: string, additionalInfo: string): RequestStartTransactionResponse => ({ status: 'Rejected', statusInfo: { reasonCode, additionalInfo } });
  if (ctx.registration() !== 'Accepted') return rejected('NotAccepted', 'the station is not registered');
  if (req.evseId !== undefined) {
    const evse = ctx.station.evse(req.evseId);
    if (!evse) return rejected('UnknownEvse', `no EVSE ${req.evseId}`);
    const running = evse.transaction();
    // A transaction already running there: its id tells the CSMS which (RequestStartTransactionResponse).
    if (running) return { status: 'Rejected', transactionId: running.localId, statusInfo: { reasonCode: 'TxInProgress', additionalInfo: 'a transaction is already running on this EVSE' } };
  }
  const idTag = req.idToken.idToken;
  // H03.FR.09: the request's groupIdToken may use a reservation of that group; without evseId the EVSE reserved
  // for this id is chosen, never one a reservation keeps from it.
  const group = req.groupIdToken?.idToken ?? null;
  const evse = req.evseId !== undefined ? ctx.station.evse(req.evseId) : ctx.station.pickEvseForRemoteStart(idTag, group);
  if (!evse || !evse.canStartSession()) return rejected('Unavailable', 'no EVSE can start a session now');
  // K05: a chargingProfile is a TxProfile for this transaction (smart-charging/remote-start-profile.ts).
  const sc = remoteStartProfile(ctx, req.chargingProfile, evse.id);
  if (!sc.ok) return rejected(sc.reasonCode, sc.why);
  const start = (info: Parameters<typeof evse.remoteStart>[1]) => startWithProfile(ctx, sc.profile, () => evse.remoteStart(idTag, info, req.remoteStartId));
  ctx.noteTokenType(req.idToken);
  if (!ctx.settings.get('authorizeRemoteTxRequests')) {
    return start({ status: 'Accepted', ...(group !== null ? { parentIdTag: group } : {}) }) ? { status: 'Accepted' } : rejected('Unavailable', 'the EVSE cannot start a session now');
  }
  void ctx.authorization.authorize(idTag).then((info) => {
    if (info.status === 'Accepted') start(info);
    else ctx.log.info({ idToken: idTag, status: info.status }, 'remote start: id not authorized');
  });
  return { status: 'Accepted' };
}
