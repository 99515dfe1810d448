// GENERATED from profiles/ocpp16/schemas/ReserveNow.json and ReserveNowResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface ReserveNowRequest {
  connectorId: number;
  expiryDate: string;
  idTag: string;
  parentIdTag?: string;
  reservationId: number;
}

export interface ReserveNowResponse {
  status: "Accepted" | "Faulted" | "Occupied" | "Rejected" | "Unavailable";
}
