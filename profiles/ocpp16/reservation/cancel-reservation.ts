import type { Ocpp16Context } from '../context.js';
import type { CancelReservationRequest, CancelReservationResponse } from '../generated/index.js';

/** §5.1: Accepted when a reservation of that id exists (it ends, and a reserved connector becomes Available). */
export async function cancelReservation(ctx: Ocpp16Context, req: CancelReservationRequest): Promise<CancelReservationResponse> {
  return { status: ctx.station.cancelReservation(req.reservationId) ? 'Accepted' : 'Rejected' };
}
