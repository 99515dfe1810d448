// GENERATED from profiles/ocpp16/schemas/DiagnosticsStatusNotification.json and DiagnosticsStatusNotificationResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface DiagnosticsStatusNotificationRequest {
  status: "Idle" | "Uploaded" | "UploadFailed" | "Uploading";
}

export interface DiagnosticsStatusNotificationResponse {}
