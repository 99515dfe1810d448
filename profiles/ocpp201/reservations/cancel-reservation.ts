/**
 * H02 CancelReservation: Accepted when a reservation of that id exists (it ends; its EVSE, or those a reservation
 * without EVSE held Reserved, go Available, H02.FR.03-06), else Rejected (H02.FR.01). No ReservationStatusUpdate:
 * the CSMS asked for it (H02 remark).
 */
import type { CancelReservationRequest, CancelReservationResponse } from '../generated/CancelReservation.js';
import type { TxHandlerContext } from '../transactions/context.js';

export async function cancelReservation(ctx: TxHandlerContext, req: CancelReservationRequest): Promise<CancelReservationResponse> {
  if (ctx.station.cancelReservation(req.reservationId)) return { status: 'Accepted' };
  return { status: 'Rejected', statusInfo: { reasonCode: 'NotFound', additionalInfo: `no reservation ${req.reservationId}` } };
}
