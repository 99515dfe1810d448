// GENERATED from profiles/ocpp201/schemas/ClearDisplayMessageRequest.json and ClearDisplayMessageResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, StatusInfoType } from './common.js';
export type { CustomDataType, StatusInfoType } from './common.js';

export interface ClearDisplayMessageRequest {
  customData?: CustomDataType;
  /**
   * Id of the message that SHALL be removed from the Charging Station.
   *
   */
  id: number;
}
/**
 * Returns whether the Charging Station has been able to remove the message.
 *
 */
export type ClearMessageStatusEnumType = "Accepted" | "Unknown";

export interface ClearDisplayMessageResponse {
  customData?: CustomDataType;
  status: ClearMessageStatusEnumType;
  statusInfo?: StatusInfoType;
}