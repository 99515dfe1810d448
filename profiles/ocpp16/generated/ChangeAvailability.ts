// GENERATED from profiles/ocpp16/schemas/ChangeAvailability.json and ChangeAvailabilityResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface ChangeAvailabilityRequest {
  connectorId: number;
  type: "Inoperative" | "Operative";
}

export interface ChangeAvailabilityResponse {
  status: "Accepted" | "Rejected" | "Scheduled";
}
