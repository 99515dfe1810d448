// GENERATED from profiles/ocpp16/schemas/CancelReservation.json and CancelReservationResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface CancelReservationRequest {
  reservationId: number;
}

export interface CancelReservationResponse {
  status: "Accepted" | "Rejected";
}
