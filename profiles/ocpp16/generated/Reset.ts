// GENERATED from profiles/ocpp16/schemas/Reset.json and ResetResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface ResetRequest {
  type: "Hard" | "Soft";
}

export interface ResetResponse {
  status: "Accepted" | "Rejected";
}
