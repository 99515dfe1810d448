// GENERATED from profiles/ocpp201/schemas/FirmwareStatusNotificationRequest.json and FirmwareStatusNotificationResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType } from './common.js';
export type { CustomDataType } from './common.js';

/**
 * This contains the progress status of the firmware installation.
 *
 */
export type FirmwareStatusEnumType =
  | "Downloaded"
  | "DownloadFailed"
  | "Downloading"
  | "DownloadScheduled"
  | "DownloadPaused"
  | "Idle"
  | "InstallationFailed"
  | "Installing"
  | "Installed"
  | "InstallRebooting"
  | "InstallScheduled"
  | "InstallVerificationFailed"
  | "InvalidSignature"
  | "SignatureVerified";

export interface FirmwareStatusNotificationRequest {
  customData?: CustomDataType;
  status: FirmwareStatusEnumType;
  /**
   * The request id that was provided in the
   * UpdateFirmwareRequest that started this firmware update.
   * This field is mandatory, unless the message was triggered by a TriggerMessageRequest AND there is no firmware update ongoing.
   *
   */
  requestId?: number;
}
export interface FirmwareStatusNotificationResponse {
  customData?: CustomDataType;
}