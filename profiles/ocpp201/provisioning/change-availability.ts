/**
 * ChangeAvailability (G03, G04) through the core's availability path (persisted, Scheduled while a transaction
 * runs): no evse = the whole station (G04.FR.01), evse = that EVSE, evse + connectorId = its one connector, which
 * for chargerd's one-connector EVSEs is the EVSE itself.
 */
import type { Ocpp201Context } from '../context.js';
import type { ChangeAvailabilityRequest, ChangeAvailabilityResponse } from '../generated/ChangeAvailability.js';
import { CONNECTOR_ID } from '../station-model.js';

export async function changeAvailability(ctx: Ocpp201Context, req: ChangeAvailabilityRequest): Promise<ChangeAvailabilityResponse> {
  const operative = req.operationalStatus === 'Operative';
  const evse = req.evse;
  if (!evse) return { status: ctx.station.changeAvailability(0, operative) };
  // evse.id 0 addresses the station as a whole (part 2 §2.23 EVSEType: "EVSE 0 is the Charging Station").
  if (evse.id === 0) return evse.connectorId === undefined ? { status: ctx.station.changeAvailability(0, operative) } : rejected('connectorId needs an EVSE id > 0');
  if (!ctx.station.evse(evse.id)) return rejected(`no EVSE ${evse.id}`);
  if (evse.connectorId !== undefined && evse.connectorId !== CONNECTOR_ID) return rejected(`EVSE ${evse.id} has only connector ${CONNECTOR_ID}`);
  return { status: ctx.station.changeAvailability(evse.id, operative) };
}

function rejected(additionalInfo: string): ChangeAvailabilityResponse {
  return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse', additionalInfo } };
}
