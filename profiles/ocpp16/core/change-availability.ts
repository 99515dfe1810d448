import type { Ocpp16Context } from '../context.js';
import type { ChangeAvailabilityRequest, ChangeAvailabilityResponse } from '../generated/index.js';

/** §5.2: connector 0 means the whole station; Scheduled when a transaction runs (it ends first). */
export async function changeAvailability(ctx: Ocpp16Context, req: ChangeAvailabilityRequest): Promise<ChangeAvailabilityResponse> {
  if (req.connectorId < 0 || req.connectorId > ctx.numberOfConnectors) return { status: 'Rejected' };
  return { status: ctx.station.changeAvailability(req.connectorId, req.type === 'Operative') };
}
