// GENERATED from profiles/ocpp201/schemas/UnpublishFirmwareRequest.json and UnpublishFirmwareResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType } from './common.js';
export type { CustomDataType } from './common.js';

export interface UnpublishFirmwareRequest {
  customData?: CustomDataType;
  /**
   * The MD5 checksum over the entire firmware file as a hexadecimal string of length 32.
   *
   */
  checksum: string;
}
/**
 * Indicates whether the Local Controller succeeded in unpublishing the firmware.
 *
 */
export type UnpublishFirmwareStatusEnumType = "DownloadOngoing" | "NoFirmware" | "Unpublished";

export interface UnpublishFirmwareResponse {
  customData?: CustomDataType;
  status: UnpublishFirmwareStatusEnumType;
}