// GENERATED from profiles/ocpp16/schemas/FirmwareStatusNotification.json and FirmwareStatusNotificationResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

export interface FirmwareStatusNotificationRequest {
  status: "Downloaded" | "DownloadFailed" | "Downloading" | "Idle" | "InstallationFailed" | "Installing" | "Installed";
}

export interface FirmwareStatusNotificationResponse {}
