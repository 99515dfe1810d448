// GENERATED from profiles/ocpp16/schemas/GetLocalListVersion.json and GetLocalListVersionResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface GetLocalListVersionRequest {}

export interface GetLocalListVersionResponse {
  listVersion: number;
}
