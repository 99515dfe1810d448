/**
 * ReserveNow (§5.13, §6.37): the station's rules answer Accepted, Faulted, Occupied or Unavailable
 * (agent/station/reservation-gate.ts); this version adds its Rejected cases: connector 0 while
 * ReserveConnectorZeroSupported is false, a connector the station does not have, an expiry already past.
 * The same reservationId replaces the reservation (and is answered on the new one's merits).
 */
import type { Ocpp16Context } from '../context.js';
import type { ReserveNowRequest, ReserveNowResponse } from '../generated/index.js';

export async function reserveNow(ctx: Ocpp16Context, req: ReserveNowRequest): Promise<ReserveNowResponse> {
  const what = { reservation: req.reservationId, connector: req.connectorId, expiryDate: req.expiryDate };
  const rejected = (why: string): ReserveNowResponse => {
    ctx.log.info({ ...what, why }, 'ReserveNow: Rejected');
    return { status: 'Rejected' };
  };
  if (req.connectorId > ctx.numberOfConnectors) return rejected(`no connector ${req.connectorId} (NumberOfConnectors ${ctx.numberOfConnectors})`);
  if (req.connectorId === 0 && !ctx.settings.get('reserveConnectorZeroSupported')) return rejected('connector 0 and ReserveConnectorZeroSupported is false');
  if (!ctx.station.reservations.isFuture(req.expiryDate)) return rejected('expiryDate is not in the future');
  const status = ctx.station.reserve({
    id: req.reservationId,
    evseId: req.connectorId,
    idTag: req.idTag,
    idTagType: null,
    parentIdTag: req.parentIdTag ?? null,
    expiryDate: new Date(req.expiryDate).toISOString(),
  });
  return { status };
}
