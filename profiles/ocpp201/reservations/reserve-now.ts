/**
 * H01 ReserveNow. The station's rules (agent/station/reservation-gate.ts) answer Accepted, Faulted, Occupied or
 * Unavailable from the EVSEs' state, for a specific EVSE or (no evseId) any EVSE, of the connector type if one is
 * named; this version adds its Rejected cases, each with a reason: ReservationCtrlr.Enabled false (H01.FR.01), no
 * evseId while NonEvseSpecific is false (H01.FR.19), an EVSE or connector type the station does not have, an
 * expiry already past. The same id replaces the reservation (H01.FR.02) and is answered on the new one's merits.
 */
import type { ReserveNowRequest, ReserveNowResponse } from '../generated/ReserveNow.js';
import type { TxHandlerContext } from '../transactions/context.js';
import { connectorTypeOf, reservationFlag } from './rules.js';

export async function reserveNow(ctx: TxHandlerContext, req: ReserveNowRequest): Promise<ReserveNowResponse> {
  const what = { reservation: req.id, evse: req.evseId ?? 'any', connectorType: req.connectorType, expiryDateTime: req.expiryDateTime };
  const rejected = (reasonCode: string, additionalInfo: string): ReserveNowResponse => {
    ctx.log.info({ ...what, why: additionalInfo }, 'ReserveNow: Rejected');
    return { status: 'Rejected', statusInfo: { reasonCode, additionalInfo } };
  };
  if (!reservationFlag(ctx.model, 'Enabled')) return rejected('NotEnabled', 'ReservationCtrlr.Enabled is false');
  const evseId = req.evseId ?? 0;
  if (evseId === 0 && !reservationFlag(ctx.model, 'NonEvseSpecific')) return rejected('UnsupportedRequest', 'no evseId and ReservationCtrlr.NonEvseSpecific is false');
  if (evseId !== 0 && !ctx.station.evse(evseId)) return rejected('UnknownEvse', `no EVSE ${evseId}`);
  if (req.connectorType !== undefined) {
    const ids = evseId !== 0 ? [evseId] : ctx.station.evses().map((e) => e.id);
    if (!ids.some((id) => connectorTypeOf(ctx.model, id) === req.connectorType)) {
      return rejected('UnknownConnectorType', evseId !== 0 ? `EVSE ${evseId} has no connector of type ${req.connectorType}` : `no EVSE has a connector of type ${req.connectorType}`);
    }
  }
  if (!ctx.station.reservations.isFuture(req.expiryDateTime)) return rejected('InvalidValue', 'expiryDateTime is not in the future');
  const status = ctx.station.reserve({
    id: req.id,
    evseId,
    idTag: req.idToken.idToken,
    idTagType: req.idToken.type,
    parentIdTag: req.groupIdToken?.idToken ?? null,
    expiryDate: new Date(req.expiryDateTime).toISOString(),
    // On a specific EVSE the type was checked above and says nothing more.
    connectorType: evseId === 0 ? (req.connectorType ?? null) : null,
  });
  return { status };
}
