// GENERATED from profiles/ocpp16/schemas/ChangeConfiguration.json and ChangeConfigurationResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface ChangeConfigurationRequest {
  key: string;
  value: string;
}

export interface ChangeConfigurationResponse {
  status: "Accepted" | "Rejected" | "RebootRequired" | "NotSupported";
}
