// GENERATED from profiles/ocpp16/schemas/UnlockConnector.json and UnlockConnectorResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface UnlockConnectorRequest {
  connectorId: number;
}

export interface UnlockConnectorResponse {
  status: "Unlocked" | "UnlockFailed" | "NotSupported";
}
