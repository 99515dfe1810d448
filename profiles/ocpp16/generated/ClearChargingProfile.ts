// GENERATED from profiles/ocpp16/schemas/ClearChargingProfile.json and ClearChargingProfileResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface ClearChargingProfileRequest {
  id?: number;
  connectorId?: number;
  chargingProfilePurpose?: "ChargePointMaxProfile" | "TxDefaultProfile" | "TxProfile";
  stackLevel?: number;
}

export interface ClearChargingProfileResponse {
  status: "Accepted" | "Unknown";
}
