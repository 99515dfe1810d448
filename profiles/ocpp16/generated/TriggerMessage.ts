// GENERATED from profiles/ocpp16/schemas/TriggerMessage.json and TriggerMessageResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface TriggerMessageRequest {
  requestedMessage:
    | "BootNotification"
    | "DiagnosticsStatusNotification"
    | "FirmwareStatusNotification"
    | "Heartbeat"
    | "MeterValues"
    | "StatusNotification";
  connectorId?: number;
}

export interface TriggerMessageResponse {
  status: "Accepted" | "Rejected" | "NotImplemented";
}
