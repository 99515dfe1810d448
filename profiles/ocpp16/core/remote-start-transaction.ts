import type { Ocpp16Context } from '../context.js';
import type { RemoteStartTransactionRequest, RemoteStartTransactionResponse } from '../generated/index.js';
import { remoteStartProfile } from '../smart-charging/remote-start-profile.js';

/**
 * §5.11. Accepted means "I will try": the answer goes out at once; with AuthorizeRemoteTxRequests the id is
 * authorized first, and only an accepted id starts (on plug-in if the EV is not there yet). A chargingProfile
 * must be a valid TxProfile (else Rejected, TC_060); it is installed just before the start, for that transaction.
 */
export async function remoteStartTransaction(ctx: Ocpp16Context, req: RemoteStartTransactionRequest): Promise<RemoteStartTransactionResponse> {
  if (ctx.registration() !== 'Accepted') return { status: 'Rejected' };
  if (req.connectorId !== undefined && (req.connectorId < 1 || req.connectorId > ctx.numberOfConnectors)) return { status: 'Rejected' };
  const evse = req.connectorId !== undefined ? ctx.station.evse(req.connectorId) : ctx.station.pickEvseForRemoteStart(req.idTag);
  if (!evse || !evse.canStartSession()) return { status: 'Rejected' };
  let profile = null;
  if (req.chargingProfile) {
    const r = remoteStartProfile(ctx, req.chargingProfile, evse.id);
    if (!r.ok) {
      ctx.log.info({ evse: evse.id, why: r.why }, 'remote start rejected: charging profile refused');
      return { status: 'Rejected' };
    }
    profile = r.profile;
  }
  const start = (info: Parameters<typeof evse.remoteStart>[1]): boolean => {
    if (profile) ctx.station.profiles.install(profile);
    const ok = evse.remoteStart(req.idTag, info, null);
    if (!ok && profile) ctx.station.profiles.clear({ id: profile.id });
    return ok;
  };
  if (!ctx.settings.get('authorizeRemoteTxRequests')) {
    return { status: start({ status: 'Accepted' }) ? 'Accepted' : 'Rejected' };
  }
  void ctx.authorization.authorize(req.idTag).then((info) => {
    if (info.status === 'Accepted') start(info);
    else ctx.log.info({ idTag: req.idTag, status: info.status }, 'remote start: id not authorized');
  });
  return { status: 'Accepted' };
}
